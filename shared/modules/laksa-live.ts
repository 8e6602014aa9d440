import { z } from 'zod';

/** One OPD's (or the region's) performance over one window. Durations in minutes. */
export const laksaKpi = z
  .object({
    received: z.number().int().describe('Dispositioned to the OPD (region: reports filed)'),
    resolved: z.number().int(),
    medianResponseMinutes: z.number().nullable().describe('First response minus disposition'),
    medianResolutionMinutes: z.number().nullable().describe('Resolution minus filing'),
    slaCompliancePct: z
      .number()
      .nullable()
      .describe('Resolutions within the working-day resolve deadline, % of resolutions'),
    averageRating: z.number().nullable(),
    ratings: z.number().int(),
  })
  .meta({ id: 'LaksaKpi' });
export type LaksaKpi = z.infer<typeof laksaKpi>;

export const kpiWindows = ['today', 'd7', 'd30'] as const;
export type KpiWindow = (typeof kpiWindows)[number];
const windows = z.object({ today: laksaKpi, d7: laksaKpi, d30: laksaKpi });

const label = z.object({ id: z.string(), en: z.string() });

/** Everything the LIVE Room wall shows of LAKSA, in one response (one request per wall load). */
export const laksaWallView = z
  .object({
    today: z.string().describe('The region’s local date'),
    headline: z.object({
      createdToday: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      awaitingVerification: z.number().int(),
      resolvedWeek: z.number().int().describe('Resolved in the last 7 local days'),
      satisfaction: z.number().nullable().describe('Average rating (1–5) over 30 days'),
    }),
    region: windows,
    league: z.array(
      z.object({
        opd: z.object({ id: z.string(), name: z.string(), shortName: z.string() }),
        ...windows.shape,
      }),
    ),
    trends: z.object({
      /** The 30 local days, oldest first; every series below has one value per day. */
      days: z.array(z.string()),
      byCategory: z.array(z.object({ id: z.string(), name: label, daily: z.array(z.number().int()) })),
      resolution: z.array(z.object({ resolved: z.number().int(), medianMinutes: z.number().nullable() })),
      kecamatan: z.array(z.object({ code: z.string(), name: z.string(), reports: z.number().int() })),
    }),
  })
  .meta({ id: 'LaksaWallView' });
export type LaksaWallView = z.infer<typeof laksaWallView>;

/** One OPD on the wall: its figures per day over 30 days, and its open reports by state. */
export const laksaOpdDetail = z
  .object({
    opd: z.object({ id: z.string(), name: z.string(), shortName: z.string() }),
    windows,
    days: z.array(z.string()),
    daily: z.array(
      z.object({
        received: z.number().int(),
        resolved: z.number().int(),
        medianResolutionMinutes: z.number().nullable(),
      }),
    ),
    openByStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'LaksaOpdDetail' });
export type LaksaOpdDetail = z.infer<typeof laksaOpdDetail>;
