import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../db/client';
import { regionModule } from '../db/schema';

/**
 * A module's settings for the region of the open transaction (never the directory's cache), parsed
 * with its schema; stored values that no longer parse fall back to the defaults.
 */
export async function moduleSettingsIn<S extends z.ZodType>(
  tx: Tx,
  moduleId: string,
  schema: S,
): Promise<z.infer<S>> {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, moduleId));
  const parsed = schema.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}
