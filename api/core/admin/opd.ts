import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { opdInput } from '../../../shared/region';
import type { Tx } from '../db/client';
import { opd } from '../db/schema';
import { conflict, notFound } from '../errors';
import { emitEvent } from '../events/emit';

type Actor = { id: string; name: string };
type OpdInput = z.infer<typeof opdInput>;

const view = (o: typeof opd.$inferSelect) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  shortName: o.shortName,
  active: o.active,
});
const duplicateCode = (code: string) =>
  conflict({ id: `Kode OPD ${code} sudah dipakai.`, en: `OPD code ${code} is already used.` });

export async function listOpd(tx: Tx) {
  return (await tx.select().from(opd).orderBy(asc(opd.name))).map(view);
}

export async function createOpd(tx: Tx, regionId: string, actor: Actor, input: OpdInput) {
  const [row] = await tx
    .insert(opd)
    .values({ regionId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateCode(input.code);
  await emitEvent(tx, regionId, {
    type: 'core.opd.created',
    actor,
    subject: row.id,
    summary: { id: `OPD ditambahkan: ${row.shortName}`, en: `OPD added: ${row.shortName}` },
  });
  return view(row);
}

export async function updateOpd(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: Partial<OpdInput>,
) {
  if (input.code) {
    const [clash] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, input.code));
    if (clash && clash.id !== id) throw duplicateCode(input.code);
  }
  const [row] = await tx.update(opd).set(input).where(eq(opd.id, id)).returning();
  if (!row) throw notFound({ id: 'OPD tidak ditemukan.', en: 'OPD not found.' });
  await emitEvent(tx, regionId, {
    type: 'core.opd.updated',
    actor,
    subject: id,
    summary: { id: `OPD diubah: ${row.shortName}`, en: `OPD changed: ${row.shortName}` },
    data: { fields: Object.keys(input) },
  });
  return view(row);
}
