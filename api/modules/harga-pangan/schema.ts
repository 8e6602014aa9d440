import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AlertKind, PriceType, Unit } from '../../../shared/modules/harga-pangan';
import { appUser } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' }).notNull();

/** A market where prices are collected (Pasar Anyar, Pasar Malabar, …). */
export const hpMarket = tenantTable(
  'harga_pangan_market',
  {
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    type: text().$type<'tradisional' | 'modern'>().notNull().default('tradisional'),
    kecamatan: text(),
    address: text(),
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('harga_pangan_market_name_uq').on(t.regionId, t.name),
  ],
);

/** A commodity with its variant and unit (seeded from the national staple list, editable per region). */
export const hpCommodity = tenantTable(
  'harga_pangan_commodity',
  {
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
    group: text().notNull(),
    unit: text().$type<Unit>().notNull(),
    alertRisePct: doublePrecision().notNull().default(10),
    active: boolean().notNull().default(true),
    sort: integer().notNull().default(100),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('harga_pangan_commodity_code_uq').on(t.regionId, t.code),
  ],
);

/** HET (highest retail price) or HAP (reference purchase price) valid over a period. */
export const hpReference = tenantTable(
  'harga_pangan_reference',
  {
    id: uuid().notNull().defaultRandom(),
    commodityId: uuid().notNull(),
    kind: text().$type<'HET' | 'HAP'>().notNull(),
    price: integer().notNull(),
    validFrom: day(),
    validTo: date({ mode: 'string' }),
    source: text(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.commodityId],
      foreignColumns: [hpCommodity.regionId, hpCommodity.id],
    }).onDelete('cascade'),
    index('harga_pangan_reference_idx').on(t.regionId, t.commodityId, t.kind, t.validFrom),
  ],
);

/** Which markets an enumerator (petugas pasar) may enter prices for. */
export const hpAssignment = tenantTable(
  'harga_pangan_assignment',
  { userId: uuid().notNull(), marketId: uuid().notNull() },
  (t) => [
    primaryKey({ columns: [t.regionId, t.userId, t.marketId] }),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.regionId, t.marketId],
      foreignColumns: [hpMarket.regionId, hpMarket.id],
    }).onDelete('cascade'),
    index('harga_pangan_assignment_market_idx').on(t.regionId, t.marketId),
  ],
);

/**
 * One price per (market, commodity, day, price type): a second entry the same day updates it.
 * `price` is the latest entered; `verifiedPrice` is what the public sees (kept while a newer entry
 * waits for verification, so a correction never blanks the public page).
 */
export const hpPrice = tenantTable(
  'harga_pangan_price',
  {
    marketId: uuid().notNull(),
    commodityId: uuid().notNull(),
    date: day(),
    priceType: text().$type<PriceType>().notNull().default('eceran'),
    price: integer().notNull(),
    verifiedPrice: integer(),
    status: text().$type<'menunggu' | 'terverifikasi'>().notNull().default('menunggu'),
    outlierConfirmed: boolean().notNull().default(false),
    enteredBy: uuid(),
    /** When it was recorded on the device (offline copies older than this never overwrite). */
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    enteredAt: createdAt(),
    verifiedBy: uuid(),
    verifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.marketId, t.commodityId, t.date, t.priceType] }),
    foreignKey({ columns: [t.regionId, t.marketId], foreignColumns: [hpMarket.regionId, hpMarket.id] }),
    foreignKey({
      columns: [t.regionId, t.commodityId],
      foreignColumns: [hpCommodity.regionId, hpCommodity.id],
    }),
    // Daily aggregation and per-market history of one commodity, verified prices only.
    index('harga_pangan_price_commodity_day_idx')
      .on(t.regionId, t.commodityId, t.priceType, t.date)
      .where(sql`verified_price is not null`),
    index('harga_pangan_price_pending_idx').on(t.regionId, t.date).where(sql`status = 'menunggu'`),
  ],
);

/**
 * Daily city indicators per commodity over verified prices, recomputed in the transaction that
 * verifies or imports prices of that day: the public page and charts read these small rows.
 */
export const hpDaily = tenantTable(
  'harga_pangan_daily',
  {
    commodityId: uuid().notNull(),
    priceType: text().$type<PriceType>().notNull(),
    date: day(),
    average: doublePrecision().notNull(),
    median: doublePrecision().notNull(),
    min: integer().notNull(),
    max: integer().notNull(),
    /** Population standard deviation between markets. */
    stddev: doublePrecision().notNull(),
    markets: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.commodityId, t.priceType, t.date] }),
    index('harga_pangan_daily_date_idx').on(t.regionId, t.priceType, t.date),
  ],
);

/** A raised alert (one per commodity, day and kind). */
export const hpAlert = tenantTable(
  'harga_pangan_alert',
  {
    id: uuid().notNull().defaultRandom(),
    commodityId: uuid().notNull(),
    date: day(),
    kind: text().$type<AlertKind>().notNull(),
    average: integer().notNull(),
    reference: doublePrecision().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('harga_pangan_alert_uq').on(t.regionId, t.commodityId, t.date, t.kind),
    index('harga_pangan_alert_recent_idx').on(t.regionId, t.createdAt),
  ],
);

/** In-app notification of an alert for one TPID staff member (e-mailed once when they have an address). */
export const hpNotification = tenantTable(
  'harga_pangan_notification',
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuid().notNull(),
    alertId: uuid().notNull(),
    readAt: timestamp({ withTimezone: true }),
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('harga_pangan_notification_uq').on(t.regionId, t.userId, t.alertId),
    foreignKey({ columns: [t.regionId, t.alertId], foreignColumns: [hpAlert.regionId, hpAlert.id] }).onDelete(
      'cascade',
    ),
    index('harga_pangan_notification_alert_idx').on(t.regionId, t.alertId),
  ],
);

/** An uploaded CSV/XLSX: validated rows waiting for the supervisor to commit them in one go. */
export const hpImport = tenantTable(
  'harga_pangan_import',
  {
    id: uuid().notNull().defaultRandom(),
    createdBy: uuid().notNull(),
    fileName: text().notNull(),
    status: text().$type<'preview' | 'committing' | 'committed' | 'failed'>().notNull().default('preview'),
    totalRows: integer().notNull(),
    rows: jsonb().$type<ImportRow[]>().notNull(),
    errors: jsonb().$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    committedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);
export type ImportRow = {
  row: number;
  date: string;
  marketId: string;
  commodityId: string;
  price: number;
  priceType: PriceType;
};

/** Idempotency of entry batches sent by the offline queue: a replayed key answers the first result. */
export const hpEntryKey = tenantTable(
  'harga_pangan_entry_key',
  {
    key: text().notNull(),
    userId: uuid().notNull(),
    result: jsonb().$type<{ saved: number; skipped: number }>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.key] })],
);

export const hargaPanganTables = [
  hpMarket,
  hpCommodity,
  hpReference,
  hpAssignment,
  hpPrice,
  hpDaily,
  hpAlert,
  hpNotification,
  hpImport,
  hpEntryKey,
];
