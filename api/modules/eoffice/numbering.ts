import { sql } from 'drizzle-orm';
import type { LetterType } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';

/** The short codes of the types, for `{jenis}` in a number pattern. */
export const typeCodes: Record<LetterType, string> = {
  nota_dinas: 'ND',
  surat_dinas: 'SD',
  surat_edaran: 'SE',
  undangan: 'UND',
  surat_keputusan: 'SK',
  surat_tugas: 'ST',
  berita_acara: 'BA',
};

/**
 * The next number of a series in the caller's transaction. The upsert takes the series row's lock
 * until the transaction ends, so concurrent signers queue on it; a signing that fails rolls its
 * increment back with it. Numbers are therefore gap-free and never reused within a series.
 */
export async function nextInSeries(tx: Tx, regionId: string, series: string, year: number): Promise<number> {
  const [row] = rowsOf<{ last: number }>(
    await tx.execute(sql`
      insert into eoffice_series (region_id, series, year, last) values (${regionId}, ${series}, ${year}, 1)
      on conflict (region_id, series, year) do update set last = eoffice_series.last + 1
      returning last`),
  );
  if (!row) throw new Error('eoffice_series upsert returned nothing');
  return row.last;
}

/** Fills the region's pattern: `{klasifikasi}/{urut}/{unit}/{tahun}` → `000.1.2/0007/DISKOMINFO/2026`. */
export function formatNumber(
  pattern: string,
  parts: { classification: string; seq: number; unit: string; year: number; type: LetterType },
) {
  return pattern
    .replaceAll('{klasifikasi}', parts.classification)
    .replaceAll('{urut}', String(parts.seq).padStart(4, '0'))
    .replaceAll('{unit}', parts.unit.toUpperCase())
    .replaceAll('{tahun}', String(parts.year))
    .replaceAll('{jenis}', typeCodes[parts.type]);
}
