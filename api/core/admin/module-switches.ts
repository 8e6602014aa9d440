import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client';
import { regionModule } from '../db/schema';
import { AppError, invalid } from '../errors';
import { emitEvent } from '../events/emit';
import type { SimpulModule } from '../modules/types';
import type { RegionModuleState } from '../regions/directory';

export function presentModules(modules: readonly SimpulModule[], states: Map<string, RegionModuleState>) {
  return modules.map((m) => {
    const s = states.get(m.id);
    return {
      id: m.id,
      name: m.name,
      description: m.description,
      dependsOn: [...m.dependsOn],
      enabled: s?.enabled ?? false,
      settings: (m.settings.parse(s?.settings ?? {}) ?? {}) as Record<string, unknown>,
      settingsSchema: z.toJSONSchema(m.settings, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >,
    };
  });
}

/**
 * Switches a module on or off for the region and/or changes its settings. Settings are
 * validated by the module's own zod schema. Dependencies must stay satisfied both ways.
 */
export async function setModule(
  tx: Tx,
  regionId: string,
  actor: { id: string; name: string },
  modules: readonly SimpulModule[],
  states: Map<string, RegionModuleState>,
  moduleId: string,
  input: { enabled: boolean; settings?: Record<string, unknown> },
) {
  const m = modules.find((x) => x.id === moduleId);
  if (!m)
    throw new AppError('NOT_FOUND', { messages: { id: 'Layanan tidak dikenal.', en: 'Unknown module.' } });
  const on = (id: string) => states.get(id)?.enabled ?? false;
  if (input.enabled) {
    const missing = m.dependsOn.filter((d) => !on(d));
    if (missing.length)
      throw invalid(
        { id: `Aktifkan dulu: ${missing.join(', ')}`, en: `Enable first: ${missing.join(', ')}` },
        { missing },
      );
  } else {
    const dependents = modules.filter((x) => on(x.id) && x.dependsOn.includes(m.id)).map((x) => x.id);
    if (dependents.length)
      throw invalid(
        {
          id: `Layanan lain bergantung padanya: ${dependents.join(', ')}`,
          en: `Other modules depend on it: ${dependents.join(', ')}`,
        },
        { dependents },
      );
  }
  const parsed = m.settings.safeParse({ ...(states.get(m.id)?.settings ?? {}), ...(input.settings ?? {}) });
  if (!parsed.success)
    throw invalid(
      { id: 'Pengaturan layanan tidak valid.', en: 'Invalid module settings.' },
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const settings = parsed.data as Record<string, unknown>;
  await tx
    .insert(regionModule)
    .values({ regionId, moduleId, enabled: input.enabled, settings })
    .onConflictDoUpdate({
      target: [regionModule.regionId, regionModule.moduleId],
      set: { enabled: input.enabled, settings, updatedAt: sql`now()` },
    });
  const wasOn = on(m.id);
  await emitEvent(tx, regionId, {
    type:
      input.enabled === wasOn
        ? 'core.module.configured'
        : input.enabled
          ? 'core.module.enabled'
          : 'core.module.disabled',
    actor,
    subject: m.id,
    summary:
      input.enabled === wasOn
        ? { id: `Pengaturan layanan ${m.name.id} diubah`, en: `${m.name.en} settings changed` }
        : input.enabled
          ? { id: `Layanan ${m.name.id} diaktifkan`, en: `${m.name.en} enabled` }
          : { id: `Layanan ${m.name.id} dinonaktifkan`, en: `${m.name.en} disabled` },
    data: { module: m.id, enabled: input.enabled },
  });
  return { enabled: input.enabled, settings };
}
