import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { TypeDefinition, TypeView, typeInput } from '../../../shared/modules/perizinan';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { izinType, izinTypeVersion } from './schema';

type Actor = { id: string; name: string };

export const typeNotFound = () =>
  notFound({ id: 'Jenis izin tidak ditemukan.', en: 'Permit type not found.' });

async function opdByCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(opd).where(eq(opd.code, code));
  if (!row) throw invalid({ id: `OPD "${code}" tidak ada.`, en: `No OPD "${code}".` }, { opdCode: code });
  return row;
}

/** Rules a type must keep that its schema alone cannot say (a fee multiplies a number field…). */
async function checkDefinition(tx: Tx, d: TypeDefinition) {
  const keys = new Set<string>();
  for (const r of d.requirements) {
    if (keys.has(r.key))
      throw invalid({ id: `Persyaratan "${r.key}" ganda.`, en: `Duplicate requirement "${r.key}".` });
    keys.add(r.key);
  }
  const fields = new Map(d.fields.map((f) => [f.key, f]));
  if (fields.size !== d.fields.length)
    throw invalid({ id: 'Kunci isian ganda.', en: 'Duplicate form field keys.' });
  for (const f of d.fields)
    if (f.kind === 'choice' && f.options.length === 0)
      throw invalid({ id: `Isian "${f.key}" butuh pilihan.`, en: `Field "${f.key}" needs options.` });
  if (d.fee.kind === 'per_unit' && fields.get(d.fee.unitField)?.kind !== 'number')
    throw invalid({
      id: `Retribusi per satuan harus merujuk isian angka ("${d.fee.unitField}").`,
      en: `A per-unit fee must refer to a number field ("${d.fee.unitField}").`,
    });
  if (d.technicalReview) await opdByCode(tx, d.technicalReview.opdCode);
}

function definitionOf(input: z.infer<typeof typeInput>): TypeDefinition {
  const { code: _code, opdCode: _opd, ...definition } = input;
  return definition;
}

/** A new permit type, version 1. */
export async function createType(tx: Tx, regionId: string, actor: Actor, input: z.infer<typeof typeInput>) {
  const owner = await opdByCode(tx, input.opdCode);
  const definition = definitionOf(input);
  await checkDefinition(tx, definition);
  const [row] = await tx
    .insert(izinType)
    .values({ regionId, code: input.code, opdId: owner.id })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw conflict({ id: `Kode "${input.code}" sudah dipakai.`, en: `Code "${input.code}" is taken.` });
  await tx
    .insert(izinTypeVersion)
    .values({ regionId, typeId: row.id, version: 1, definition, createdBy: actor.id });
  await emitEvent(tx, regionId, {
    type: 'perizinan.type.created',
    actor,
    summary: { id: `Jenis izin baru: ${definition.name.id}`, en: `New permit type: ${definition.name.en}` },
    data: { typeId: row.id, code: input.code },
  });
  return getType(tx, input.code);
}

/**
 * Edits a type by writing its next version: applications already filed keep theirs (their
 * requirements, fee, SLA and steps), new ones get this.
 */
export async function updateType(
  tx: Tx,
  regionId: string,
  actor: Actor,
  code: string,
  input: z.infer<typeof typeInput>,
) {
  const [type] = await tx.select().from(izinType).where(eq(izinType.code, code)).for('update');
  if (!type) throw typeNotFound();
  const owner = await opdByCode(tx, input.opdCode);
  const definition = definitionOf(input);
  await checkDefinition(tx, definition);
  const version = type.currentVersion + 1;
  await tx
    .insert(izinTypeVersion)
    .values({ regionId, typeId: type.id, version, definition, createdBy: actor.id });
  await tx.update(izinType).set({ currentVersion: version, opdId: owner.id }).where(eq(izinType.id, type.id));
  await emitEvent(tx, regionId, {
    type: 'perizinan.type.updated',
    actor,
    summary: {
      id: `Jenis izin diubah: ${definition.name.id} (versi ${version})`,
      en: `Permit type changed: ${definition.name.en} (version ${version})`,
    },
    data: { typeId: type.id, code, version },
  });
  return getType(tx, code);
}

export async function setTypeActive(tx: Tx, code: string, active: boolean) {
  const [row] = await tx.update(izinType).set({ active }).where(eq(izinType.code, code)).returning();
  if (!row) throw typeNotFound();
  return getType(tx, code);
}

const typeColumns = {
  id: izinType.id,
  code: izinType.code,
  active: izinType.active,
  version: izinTypeVersion.version,
  definition: izinTypeVersion.definition,
  opdCode: opd.code,
  opdName: opd.name,
};
const toTypeView = (r: {
  id: string;
  code: string;
  active: boolean;
  version: number;
  definition: TypeDefinition;
  opdCode: string;
  opdName: string;
}): TypeView => ({
  id: r.id,
  code: r.code,
  active: r.active,
  version: r.version,
  opd: { code: r.opdCode, name: r.opdName },
  definition: r.definition,
});

function typeQuery(tx: Tx) {
  return tx
    .select(typeColumns)
    .from(izinType)
    .innerJoin(
      izinTypeVersion,
      and(
        eq(izinTypeVersion.regionId, izinType.regionId),
        eq(izinTypeVersion.typeId, izinType.id),
        eq(izinTypeVersion.version, izinType.currentVersion),
      ),
    )
    .innerJoin(opd, and(eq(opd.regionId, izinType.regionId), eq(opd.id, izinType.opdId)));
}

/** The catalogue: every type at its current version (active ones only for citizens). */
export async function listTypes(tx: Tx, opts: { includeInactive: boolean }): Promise<TypeView[]> {
  const rows = await (opts.includeInactive
    ? typeQuery(tx).orderBy(asc(izinType.code))
    : typeQuery(tx).where(eq(izinType.active, true)).orderBy(asc(izinType.code)));
  return rows.map(toTypeView);
}

export async function getType(tx: Tx, code: string): Promise<TypeView> {
  const [row] = await typeQuery(tx).where(eq(izinType.code, code));
  if (!row) throw typeNotFound();
  return toTypeView(row);
}

/** One version of a type, as an application filed under it sees it. */
export async function typeVersion(tx: Tx, typeId: string, version: number) {
  const [row] = await tx
    .select({ definition: izinTypeVersion.definition, code: izinType.code, opdId: izinType.opdId })
    .from(izinTypeVersion)
    .innerJoin(
      izinType,
      and(eq(izinType.regionId, izinTypeVersion.regionId), eq(izinType.id, izinTypeVersion.typeId)),
    )
    .where(and(eq(izinTypeVersion.typeId, typeId), eq(izinTypeVersion.version, version)));
  if (!row) throw typeNotFound();
  return row;
}
