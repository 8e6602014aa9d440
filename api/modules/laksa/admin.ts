import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  categoryInput,
  categoryUpdateInput,
  holidayInput,
  routingRuleInput,
  templateInput,
} from '../../../shared/modules/laksa';
import { addRegionHoliday, deleteRegionHoliday } from '../../core/calendar/region-calendar';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { laksaCategory, laksaRoutingRule, laksaTemplate } from './schema';

type Actor = { id: string; name: string };
const uniqueViolation = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } })?.code === '23505' ||
  (err as { cause?: { code?: string } })?.cause?.code === '23505';

async function audit(tx: Tx, regionId: string, actor: Actor, what: string, data: Record<string, unknown>) {
  await emitEvent(tx, regionId, {
    type: 'laksa.settings.changed',
    actor,
    summary: { id: `Pengaturan LAKSA diubah: ${what}`, en: `LAKSA settings changed: ${what}` },
    data,
  });
}

export const toCategoryView = (c: typeof laksaCategory.$inferSelect) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  nameEn: c.nameEn,
  description: c.description,
  kamtibmas: c.kamtibmas,
  resolveDays: c.resolveDays,
  active: c.active,
  sort: c.sort,
});

export async function listCategories(tx: Tx, activeOnly: boolean) {
  const rows = await tx
    .select()
    .from(laksaCategory)
    .where(activeOnly ? eq(laksaCategory.active, true) : undefined)
    .orderBy(asc(laksaCategory.sort), asc(laksaCategory.name));
  return rows.map(toCategoryView);
}

export async function createCategory(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof categoryInput>,
) {
  const [row] = await tx
    .insert(laksaCategory)
    .values({ regionId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw conflict({
      id: `Kode kategori "${input.code}" sudah ada.`,
      en: `Category code "${input.code}" already exists.`,
    });
  await audit(tx, regionId, actor, `kategori ${input.name}`, { categoryId: row.id, created: true });
  return toCategoryView(row);
}

export async function updateCategory(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: z.infer<typeof categoryUpdateInput>,
) {
  try {
    const [row] = await tx.update(laksaCategory).set(input).where(eq(laksaCategory.id, id)).returning();
    if (!row) throw notFound({ id: 'Kategori tidak ditemukan.', en: 'Category not found.' });
    await audit(tx, regionId, actor, `kategori ${row.name}`, { categoryId: id, changes: input });
    return toCategoryView(row);
  } catch (err) {
    if (uniqueViolation(err))
      throw conflict({ id: 'Kode kategori sudah dipakai.', en: 'Category code already in use.' });
    throw err;
  }
}

export async function listRouting(tx: Tx) {
  const rows = await tx
    .select({
      id: laksaRoutingRule.id,
      categoryId: laksaRoutingRule.categoryId,
      kecamatan: laksaRoutingRule.kecamatan,
      opdId: laksaRoutingRule.opdId,
      opdName: opd.shortName,
      categoryName: laksaCategory.name,
    })
    .from(laksaRoutingRule)
    .innerJoin(opd, and(eq(opd.regionId, laksaRoutingRule.regionId), eq(opd.id, laksaRoutingRule.opdId)))
    .innerJoin(
      laksaCategory,
      and(
        eq(laksaCategory.regionId, laksaRoutingRule.regionId),
        eq(laksaCategory.id, laksaRoutingRule.categoryId),
      ),
    )
    .orderBy(asc(laksaCategory.sort), asc(laksaRoutingRule.kecamatan));
  return rows;
}

export async function addRoutingRule(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof routingRuleInput>,
) {
  const [cat] = await tx
    .select({ id: laksaCategory.id })
    .from(laksaCategory)
    .where(eq(laksaCategory.id, input.categoryId));
  const [o] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.id, input.opdId));
  if (!cat || !o) throw invalid({ id: 'Kategori atau OPD tidak dikenal.', en: 'Unknown category or OPD.' });
  const [row] = await tx
    .insert(laksaRoutingRule)
    .values({ regionId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict({ id: 'Aturan ini sudah ada.', en: 'This rule already exists.' });
  await audit(tx, regionId, actor, 'aturan disposisi', { ruleId: row.id, ...input });
  return (await listRouting(tx)).find((x) => x.id === row.id)!;
}

export async function deleteRoutingRule(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.delete(laksaRoutingRule).where(eq(laksaRoutingRule.id, id)).returning();
  if (!row) throw notFound({ id: 'Aturan tidak ditemukan.', en: 'Rule not found.' });
  await audit(tx, regionId, actor, 'aturan disposisi dihapus', { ruleId: id });
}

export { listHolidays } from '../../core/calendar/region-calendar';

export async function addHoliday(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof holidayInput>,
) {
  if (!(await addRegionHoliday(tx, regionId, input)))
    throw conflict({
      id: 'Tanggal ini sudah menjadi hari libur daerah.',
      en: 'This date is already a region holiday.',
    });
  await audit(tx, regionId, actor, `hari libur ${input.date}`, input);
  return { ...input, kind: 'region' as const };
}

export async function deleteHoliday(tx: Tx, regionId: string, actor: Actor, date: string) {
  if (!(await deleteRegionHoliday(tx, regionId, date)))
    throw notFound({ id: 'Hari libur daerah tidak ditemukan.', en: 'Region holiday not found.' });
  await audit(tx, regionId, actor, `hari libur ${date} dihapus`, { date });
}

export async function listTemplates(tx: Tx) {
  return tx
    .select({ id: laksaTemplate.id, title: laksaTemplate.title, body: laksaTemplate.body })
    .from(laksaTemplate)
    .orderBy(asc(laksaTemplate.title));
}

export async function saveTemplate(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string | null,
  input: z.infer<typeof templateInput>,
) {
  const [row] = id
    ? await tx.update(laksaTemplate).set(input).where(eq(laksaTemplate.id, id)).returning()
    : await tx
        .insert(laksaTemplate)
        .values({ regionId, ...input })
        .returning();
  if (!row) throw notFound({ id: 'Template tidak ditemukan.', en: 'Template not found.' });
  await audit(tx, regionId, actor, `template ${input.title}`, { templateId: row.id });
  return { id: row.id, title: row.title, body: row.body };
}

export async function deleteTemplate(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.delete(laksaTemplate).where(eq(laksaTemplate.id, id)).returning();
  if (!row) throw notFound({ id: 'Template tidak ditemukan.', en: 'Template not found.' });
  await audit(tx, regionId, actor, `template ${row.title} dihapus`, { templateId: id });
}
