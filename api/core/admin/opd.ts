import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { opdInput } from '../../../shared/region';
import type { Database, Tx } from '../db/client';
import { opd } from '../db/schema';
import { type RegionScope, readInRegion } from '../db/scope';
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

type OpdRow = { id: string; code: string; name: string; short_name: string; active: boolean };

/** The OPD list query never changes: its SQL is built once (drizzle's builder costs ~70 µs a call). */
let listOpdSql: { sql: string; params: unknown[] } | null = null;

/**
 * The OPD list, read on every staff page: one round trip (readInRegion) and only the columns
 * the view shows. The region comes from row-level security, not from a WHERE clause.
 */
export async function listOpd(database: Database, scope: RegionScope) {
  listOpdSql ??= database.db
    .select({ id: opd.id, code: opd.code, name: opd.name, shortName: opd.shortName, active: opd.active })
    .from(opd)
    .orderBy(asc(opd.name))
    .toSQL();
  const rows = await readInRegion<OpdRow>(database, scope, listOpdSql);
  return rows.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.short_name,
    active: o.active,
  }));
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
