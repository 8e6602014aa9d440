import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { numberInput, numberUpdateInput } from '../../../shared/modules/nomor-penting';
import type { Tx } from '../../core/db/client';
import { notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { nomorPentingNumber as number } from './schema';

type Actor = { id: string; name: string };
/** Important numbers are public information: their changes may show on the LIVE Room wall. */
const permission = 'core:live.watch';
const notFoundNumber = () => notFound({ id: 'Nomor tidak ditemukan.', en: 'Number not found.' });

export const toView = (n: typeof number.$inferSelect) => ({
  id: n.id,
  name: n.name,
  number: n.number,
  category: n.category,
  description: n.description,
  sort: n.sort,
});

export async function listNumbers(tx: Tx) {
  const rows = await tx.select().from(number).orderBy(asc(number.sort), asc(number.name));
  return rows.map(toView);
}

export async function createNumber(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof numberInput>,
) {
  const [row] = await tx
    .insert(number)
    .values({ regionId, ...input })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'nomor-penting.number.created',
    permission,
    actor,
    subject: row!.id,
    summary: { id: `Nomor penting ditambahkan: ${input.name}`, en: `Important number added: ${input.name}` },
    data: { name: input.name, number: input.number },
  });
  return toView(row!);
}

export async function updateNumber(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: z.infer<typeof numberUpdateInput>,
) {
  const [row] = await tx.update(number).set(input).where(eq(number.id, id)).returning();
  if (!row) throw notFoundNumber();
  await emitEvent(tx, regionId, {
    type: 'nomor-penting.number.updated',
    permission,
    actor,
    subject: id,
    summary: { id: `Nomor penting diubah: ${row.name}`, en: `Important number changed: ${row.name}` },
    data: { fields: Object.keys(input) },
  });
  return toView(row);
}

export async function deleteNumber(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.delete(number).where(eq(number.id, id)).returning();
  if (!row) throw notFoundNumber();
  await emitEvent(tx, regionId, {
    type: 'nomor-penting.number.deleted',
    permission,
    actor,
    subject: id,
    summary: { id: `Nomor penting dihapus: ${row.name}`, en: `Important number removed: ${row.name}` },
  });
}

/** National numbers every region starts with; the region admin adds local ones. */
export async function seedDefaultNumbers(tx: Tx, regionId: string) {
  const existing = await tx.select({ id: number.id }).from(number).limit(1);
  if (existing.length > 0) return;
  await tx.insert(number).values(
    [
      {
        name: 'Layanan Gawat Darurat',
        number: '112',
        category: 'darurat',
        sort: 0,
        description: 'Bebas pulsa, 24 jam',
      },
      { name: 'Polisi', number: '110', category: 'keamanan', sort: 10 },
      { name: 'Pemadam Kebakaran', number: '113', category: 'darurat', sort: 20 },
      { name: 'Ambulans', number: '118', category: 'kesehatan', sort: 30 },
      { name: 'Ambulans Gawat Darurat', number: '119', category: 'kesehatan', sort: 31 },
      { name: 'SAR / Basarnas', number: '115', category: 'darurat', sort: 40 },
      { name: 'PLN', number: '123', category: 'lainnya', sort: 90 },
    ].map((n) => ({ regionId, ...(n as Omit<typeof number.$inferInsert, 'regionId'>) })),
  );
}
