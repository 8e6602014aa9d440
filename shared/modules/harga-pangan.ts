import { z } from 'zod';
import { isoDate } from '../dates';

/**
 * Harga Pangan contracts: staple-food prices per market. Prices are whole rupiah per unit; a day
 * is a calendar date (YYYY-MM-DD) in the region's time zone.
 */

export const units = ['kg', 'liter', 'butir', 'ekor', 'ikat'] as const;
export type Unit = (typeof units)[number];
export const unitLabels: Record<Unit, { id: string; en: string }> = {
  kg: { id: 'kg', en: 'kg' },
  liter: { id: 'liter', en: 'litre' },
  butir: { id: 'butir', en: 'egg' },
  ekor: { id: 'ekor', en: 'bird' },
  ikat: { id: 'ikat', en: 'bunch' },
};
export const marketTypes = ['tradisional', 'modern'] as const;
/** `eceran` retail (what the public page shows), `grosir` wholesale. */
export const priceTypes = ['eceran', 'grosir'] as const;
export type PriceType = (typeof priceTypes)[number];
export const referenceKinds = ['HET', 'HAP'] as const;
export const alertKinds = ['kenaikan', 'het'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** A price more than ×5 or under ÷5 of the last verified one needs `confirmOutlier`. */
export const OUTLIER_FACTOR = 5;
/** The entry screen highlights a change vs yesterday beyond this share, before saving. */
export const WARN_CHANGE = 0.2;

export const rupiah = z
  .number()
  .int('Harga harus bilangan bulat rupiah / price must be whole rupiah')
  .positive('Harga harus lebih dari 0 / price must be above 0')
  .max(100_000_000);

// ---------- master data ----------

export const marketView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    type: z.enum(marketTypes),
    kecamatan: z.string().nullable(),
    address: z.string().nullable(),
    lat: z.number(),
    lng: z.number(),
    active: z.boolean(),
  })
  .meta({ id: 'PanganMarket' });
export type MarketView = z.infer<typeof marketView>;
export const marketInput = z.object({
  name: z.string().trim().min(3).max(120),
  type: z.enum(marketTypes).default('tradisional'),
  kecamatan: z.string().trim().max(20).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  lat: z.number().min(-11.5).max(6.5),
  lng: z.number().min(94).max(141.5),
  active: z.boolean().default(true),
});
export const marketUpdateInput = marketInput.partial();

export const commodityView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    group: z.string(),
    unit: z.enum(units),
    /** Rise of the city average vs the previous day (%) that raises an alert. */
    alertRisePct: z.number(),
    active: z.boolean(),
    sort: z.number().int(),
  })
  .meta({ id: 'PanganCommodity' });
export type CommodityView = z.infer<typeof commodityView>;
export const commodityInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, 'Kode: huruf kecil, angka, tanda hubung / code: lowercase, digits, dashes'),
  name: z.string().trim().min(2).max(80),
  nameEn: z.string().trim().min(2).max(80),
  group: z.string().trim().min(2).max(40),
  unit: z.enum(units),
  alertRisePct: z.number().min(1).max(500).default(10),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(100),
});
export const commodityUpdateInput = commodityInput.omit({ code: true }).partial();

export const referenceView = z
  .object({
    id: z.string().uuid(),
    commodityId: z.string().uuid(),
    kind: z.enum(referenceKinds),
    price: z.number().int(),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    source: z.string().nullable(),
  })
  .meta({ id: 'PanganReferencePrice' });
export const referenceInput = z
  .object({
    commodityId: z.string().uuid(),
    kind: z.enum(referenceKinds),
    price: rupiah,
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    source: z.string().trim().max(200).nullable().optional(),
  })
  .refine((r) => !r.validTo || r.validTo >= r.validFrom, {
    message: 'Berlaku sampai harus setelah berlaku mulai / validTo must not precede validFrom',
    path: ['validTo'],
  });

export const assignmentInput = z.object({ userId: z.string().uuid(), marketIds: z.array(z.string().uuid()) });

// ---------- entry and verification ----------

export const entryItem = z.object({
  commodityId: z.string().uuid(),
  price: rupiah,
  /** If sent, must be the commodity's unit (a wrong unit is refused, never converted). */
  unit: z.enum(units).optional(),
  priceType: z.enum(priceTypes).default('eceran'),
  /** Needed when the price is more than ×5 or under ÷5 of the last verified one. */
  confirmOutlier: z.boolean().default(false),
});
export const entryInput = z.object({
  marketId: z.string().uuid(),
  date: isoDate,
  /** When the enumerator saved it on the phone (ISO); an older offline copy never overwrites a newer entry. */
  recordedAt: z.string().datetime({ offset: true }).optional(),
  items: z.array(entryItem).min(1).max(200),
});
export type EntryInput = z.input<typeof entryInput>;
export const entryResult = z.object({
  saved: z.number().int(),
  /** Entries older than what the server already had (replayed offline copies). */
  skipped: z.number().int(),
  replay: z.boolean(),
});

export const priceStatuses = ['menunggu', 'terverifikasi'] as const;
export const priceRowView = z
  .object({
    marketId: z.string().uuid(),
    marketName: z.string(),
    commodityId: z.string().uuid(),
    commodityName: z.string(),
    unit: z.enum(units),
    date: isoDate,
    priceType: z.enum(priceTypes),
    price: z.number().int(),
    verifiedPrice: z.number().int().nullable(),
    /** Last verified price before this day (the "previous price" on the entry screen). */
    previousPrice: z.number().int().nullable(),
    status: z.enum(priceStatuses),
    outlierConfirmed: z.boolean(),
    enteredAt: z.string(),
  })
  .meta({ id: 'PanganPriceRow' });
export type PriceRowView = z.infer<typeof priceRowView>;

export const sheetQuery = z.object({ marketId: z.string().uuid(), date: isoDate.optional() });
export const sheetView = z.object({
  market: marketView,
  date: isoDate,
  rows: z.array(
    z.object({
      commodity: commodityView,
      price: z.number().int().nullable(),
      status: z.enum(priceStatuses).nullable(),
      previousPrice: z.number().int().nullable(),
      previousDate: isoDate.nullable(),
    }),
  ),
});
export type SheetView = z.infer<typeof sheetView>;

export const pendingQuery = z.object({
  marketId: z.string().uuid().optional(),
  date: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const priceKey = z.object({
  marketId: z.string().uuid(),
  commodityId: z.string().uuid(),
  date: isoDate,
  priceType: z.enum(priceTypes).default('eceran'),
});
export const verifyInput = z.object({
  items: z
    .array(
      priceKey.extend({
        /** A correction: the supervisor's price replaces the enumerator's. */
        correctedPrice: rupiah.optional(),
        confirmOutlier: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(500),
});
export const verifyResult = z.object({ verified: z.number().int(), alerts: z.number().int() });

// ---------- import ----------

export const importRowError = z.object({
  row: z.number().int().describe('Row number in the file (header = 1)'),
  column: z.string().nullable(),
  message: z.object({ id: z.string(), en: z.string() }),
});
export const importView = z
  .object({
    id: z.string().uuid(),
    fileName: z.string(),
    status: z.enum(['preview', 'committing', 'committed', 'failed']),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errors: z.array(importRowError),
    /** First rows as they will be saved. */
    preview: z.array(
      z.object({
        row: z.number().int(),
        date: isoDate,
        market: z.string(),
        commodity: z.string(),
        unit: z.string(),
        price: z.number().int(),
        priceType: z.enum(priceTypes),
      }),
    ),
    /** Rows written so far while committing (polled for the progress bar). */
    processed: z.number().int(),
  })
  .meta({ id: 'PanganImport' });
export type ImportView = z.infer<typeof importView>;
/** Columns of an import file (the open-data CSV's columns; region code is optional). */
export const IMPORT_COLUMNS = ['date', 'market', 'commodity', 'unit', 'price', 'price type'] as const;

// ---------- public ----------

const change = z.number().nullable().describe('Change in percent, one decimal; null without data');
export const todayItem = z.object({
  commodityId: z.string().uuid(),
  /** The commodity's latest day with verified prices (within 30 days). */
  date: isoDate.nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  group: z.string(),
  unit: z.enum(units),
  average: z.number().int().nullable(),
  median: z.number().int().nullable(),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  markets: z.number().int(),
  changeDay: change,
  changeDayMarkets: z
    .number()
    .int()
    .describe(
      'Markets that priced the commodity on both days: the changes compare only them (like for like)',
    ),
  changeWeek: change,
  het: z.number().int().nullable(),
  aboveHet: z.boolean(),
});
export const todayView = z
  .object({
    date: isoDate.nullable().describe('Latest day with verified prices of any commodity'),
    items: z.array(todayItem),
  })
  .meta({ id: 'PanganToday' });
export type TodayView = z.infer<typeof todayView>;
export type TodayItem = z.infer<typeof todayItem>;

export const chartQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .pipe(z.union([z.literal(30), z.literal(90), z.literal(365)]))
    .default(90),
});
export const chartView = z
  .object({
    commodityId: z.string().uuid(),
    days: z.number().int(),
    het: z.number().int().nullable(),
    points: z.array(z.tuple([isoDate, z.number().int()]).describe('[date, city average]')),
  })
  .meta({ id: 'PanganChart' });
export type ChartView = z.infer<typeof chartView>;

export const comparisonView = z
  .object({
    commodityId: z.string().uuid(),
    date: isoDate.nullable(),
    het: z.number().int().nullable(),
    markets: z.array(
      z.object({
        marketId: z.string().uuid(),
        name: z.string(),
        price: z.number().int(),
        changeDay: change,
        aboveHet: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PanganComparison' });
export type ComparisonView = z.infer<typeof comparisonView>;

export const publicMarketView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  type: z.enum(marketTypes),
  kecamatan: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  /** Commodities whose latest verified price here is above HET. */
  aboveHet: z.number().int(),
});

// ---------- analysis ----------

export const indicatorsQuery = z.object({ commodityId: z.string().uuid(), date: isoDate.optional() });
export const indicatorsView = z
  .object({
    commodityId: z.string().uuid(),
    date: isoDate.nullable(),
    average: z.number().nullable(),
    median: z.number().nullable(),
    min: z.number().int().nullable(),
    max: z.number().int().nullable(),
    range: z.number().int().nullable().describe('max − min between markets'),
    cv: z.number().nullable().describe('Coefficient of variation between markets, percent'),
    markets: z.number().int(),
    changeDay: change,
    changeWeek: change,
    changeMonth: change,
  })
  .meta({ id: 'PanganIndicators' });

export const alertView = z
  .object({
    id: z.string().uuid(),
    commodityId: z.string().uuid(),
    commodityName: z.string(),
    date: isoDate,
    kind: z.enum(alertKinds),
    average: z.number().int(),
    /** Rise in percent (kenaikan) or the HET (het). */
    reference: z.number(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'PanganAlert' });
export type AlertView = z.infer<typeof alertView>;

// ---------- open data ----------

export const historyQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  commodity: z.string().max(40).optional().describe('Commodity code, e.g. beras-medium'),
  marketId: z.string().uuid().optional(),
  priceType: z.enum(priceTypes).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});
export const historyRow = z
  .object({
    date: isoDate,
    region_code: z.string(),
    market: z.string(),
    commodity: z.string(),
    unit: z.enum(units),
    price: z.number().int(),
    price_type: z.enum(priceTypes),
  })
  .meta({ id: 'PanganHistoryRow' });
/** Columns of the open data, CSV and JSON alike (snake_case), exactly in this order. */
export const HISTORY_CSV_COLUMNS = [
  'date',
  'region_code',
  'market',
  'commodity',
  'unit',
  'price',
  'price_type',
] as const satisfies readonly (keyof z.infer<typeof historyRow>)[];

export const hargaPanganSettings = z.object({
  /** Alerts are raised only for days this recent (a historical import must not page TPID staff). */
  alertWindowDays: z.number().int().min(0).max(30).default(2),
});
