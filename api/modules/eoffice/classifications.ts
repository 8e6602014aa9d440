import type { Tx } from '../../core/db/client';
import { eofficeClassification } from './schema';

/**
 * A starting archive classification with retention (years active, years inactive, then what
 * happens), after the main headings of Permendagri 83/2022 (Pedoman Klasifikasi Arsip) and the
 * usual Jadwal Retensi Arsip. An example to start from: each region sets its own JRA, edited in
 * the console (PUT /classifications/:code) by the archive's owner.
 */
export const starterClassifications = [
  { code: '000', name: 'Umum', activeYears: 2, inactiveYears: 3, final: 'musnah' },
  {
    code: '000.1',
    name: 'Ketatausahaan dan kerumahtanggaan',
    activeYears: 2,
    inactiveYears: 3,
    final: 'musnah',
  },
  { code: '000.1.2', name: 'Persuratan dan naskah dinas', activeYears: 2, inactiveYears: 3, final: 'musnah' },
  { code: '000.2', name: 'Perlengkapan', activeYears: 2, inactiveYears: 5, final: 'musnah' },
  { code: '000.5', name: 'Perencanaan', activeYears: 2, inactiveYears: 8, final: 'permanen' },
  { code: '000.7', name: 'Kerja sama', activeYears: 3, inactiveYears: 7, final: 'permanen' },
  { code: '000.9', name: 'Kearsipan', activeYears: 2, inactiveYears: 8, final: 'dinilai_kembali' },
  { code: '100', name: 'Pemerintahan', activeYears: 2, inactiveYears: 5, final: 'permanen' },
  {
    code: '100.3',
    name: 'Peraturan dan keputusan kepala daerah',
    activeYears: 5,
    inactiveYears: 10,
    final: 'permanen',
  },
  { code: '400', name: 'Kesejahteraan rakyat', activeYears: 2, inactiveYears: 3, final: 'musnah' },
  { code: '400.14', name: 'Komunikasi dan informatika', activeYears: 2, inactiveYears: 3, final: 'musnah' },
  { code: '500', name: 'Perekonomian', activeYears: 2, inactiveYears: 5, final: 'musnah' },
  {
    code: '500.16',
    name: 'Penanaman modal dan perizinan',
    activeYears: 5,
    inactiveYears: 5,
    final: 'musnah',
  },
  {
    code: '600',
    name: 'Pekerjaan umum dan penataan ruang',
    activeYears: 3,
    inactiveYears: 7,
    final: 'dinilai_kembali',
  },
  { code: '800', name: 'Kepegawaian', activeYears: 2, inactiveYears: 8, final: 'musnah' },
  { code: '800.1', name: 'Sumber daya manusia', activeYears: 2, inactiveYears: 8, final: 'musnah' },
  { code: '900', name: 'Keuangan', activeYears: 2, inactiveYears: 8, final: 'musnah' },
  { code: '900.1', name: 'Pengelolaan keuangan daerah', activeYears: 2, inactiveYears: 8, final: 'musnah' },
] as const;

/** Every region starts with the example classification (idempotent). */
export async function seedClassifications({ tx, regionId }: { tx: Tx; regionId: string }) {
  await tx
    .insert(eofficeClassification)
    .values(starterClassifications.map((c) => ({ regionId, ...c })))
    .onConflictDoNothing();
}
