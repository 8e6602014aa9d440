import { z } from 'zod';

/** The beacon a module page sends when it opens: which module, on which surface. Nothing else. */
export const usageOpenInput = z
  .object({
    module: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,40}$/)
      .describe('Module id'),
    surface: z.enum(['citizen', 'staff']),
  })
  .strict()
  .meta({ id: 'UsageOpenInput' });
export type UsageOpenInput = z.infer<typeof usageOpenInput>;

/** One module's usage in one region over a period (opens + key actions). */
export const moduleUsage = z
  .object({
    module: z.string().describe('Module id (the web shows its name)'),
    enabled: z.boolean(),
    opens: z.number().int().describe('Page openings (citizen app and staff console)'),
    actions: z.number().int().describe('Key actions: domain events of the module'),
    /** Per local day, oldest first, every day of the period (zeros included). */
    daily: z.array(z.object({ day: z.string(), opens: z.number().int(), actions: z.number().int() })),
    /** Enabled, and opens + actions below the region's threshold over the period. */
    underUsed: z.boolean(),
  })
  .meta({ id: 'ModuleUsage' });
export type ModuleUsage = z.infer<typeof moduleUsage>;

export const usageQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export const regionUsageView = z
  .object({
    from: z.string(),
    to: z.string(),
    threshold: z
      .number()
      .int()
      .describe('Opens + actions per period below which an enabled module is flagged'),
    modules: z.array(moduleUsage),
  })
  .meta({ id: 'RegionUsage' });
export type RegionUsageView = z.infer<typeof regionUsageView>;

/** The region's threshold (the `live` module's settings). */
export const liveSettings = z.object({
  underUsedBelow: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(20)
    .describe('An enabled module with fewer opens + key actions than this over the period is under-used'),
});
export type LiveSettings = z.infer<typeof liveSettings>;

/** Platform admins: each region's adoption (enabled modules) and activity. */
export const platformUsageView = z
  .object({
    from: z.string(),
    to: z.string(),
    regions: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        modules: z.array(
          z.object({
            module: z.string(),
            enabled: z.boolean(),
            opens: z.number().int(),
            actions: z.number().int(),
          }),
        ),
        opens: z.number().int(),
        actions: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PlatformUsage' });
export type PlatformUsageView = z.infer<typeof platformUsageView>;
