import type { Unit } from '../../../shared/modules/harga-pangan';
import type { Tx } from '../../core/db/client';
import { hpCommodity, hpReference } from './schema';

type StapleSeed = {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  unit: Unit;
  /** A typical retail price in Java (2025), used by the demo and the benchmark. */
  typical: number;
  /** National HET (Permendag / Perbadan) where one exists. */
  het?: number;
  /** National HAP at consumer level (Perbadan Pangan) where one exists. */
  hap?: number;
};

/**
 * The national staple list (Perpres 71/2015 as amended; variants as Bapanas / PIHPS report them).
 * Prices per kg unless stated. HET/HAP for zone 1 (Jawa), as a region's starting point.
 */
export const nationalStaples: StapleSeed[] = [
  {
    code: 'beras-medium',
    name: 'Beras Medium',
    nameEn: 'Rice, medium',
    group: 'beras',
    unit: 'kg',
    typical: 13_400,
    het: 13_500,
  },
  {
    code: 'beras-premium',
    name: 'Beras Premium',
    nameEn: 'Rice, premium',
    group: 'beras',
    unit: 'kg',
    typical: 15_200,
    het: 14_900,
  },
  {
    code: 'kedelai',
    name: 'Kedelai Biji Kering (Impor)',
    nameEn: 'Soybeans (imported)',
    group: 'kedelai',
    unit: 'kg',
    typical: 11_500,
    hap: 11_400,
  },
  {
    code: 'cabai-merah-keriting',
    name: 'Cabai Merah Keriting',
    nameEn: 'Curly red chilli',
    group: 'cabai',
    unit: 'kg',
    typical: 45_000,
    hap: 55_000,
  },
  {
    code: 'cabai-merah-besar',
    name: 'Cabai Merah Besar',
    nameEn: 'Large red chilli',
    group: 'cabai',
    unit: 'kg',
    typical: 42_000,
    hap: 55_000,
  },
  {
    code: 'cabai-rawit-merah',
    name: 'Cabai Rawit Merah',
    nameEn: "Red bird's-eye chilli",
    group: 'cabai',
    unit: 'kg',
    typical: 52_000,
    hap: 57_000,
  },
  {
    code: 'bawang-merah',
    name: 'Bawang Merah',
    nameEn: 'Shallots',
    group: 'bawang',
    unit: 'kg',
    typical: 42_000,
    hap: 41_500,
  },
  {
    code: 'bawang-putih',
    name: 'Bawang Putih Bonggol',
    nameEn: 'Garlic',
    group: 'bawang',
    unit: 'kg',
    typical: 38_000,
    hap: 38_000,
  },
  {
    code: 'gula-pasir',
    name: 'Gula Pasir Konsumsi',
    nameEn: 'Granulated sugar',
    group: 'gula',
    unit: 'kg',
    typical: 18_000,
    hap: 18_000,
  },
  {
    code: 'minyak-goreng-curah',
    name: 'Minyak Goreng Curah',
    nameEn: 'Cooking oil, bulk',
    group: 'minyak-goreng',
    unit: 'liter',
    typical: 17_000,
  },
  {
    code: 'minyak-goreng-kemasan',
    name: 'Minyak Goreng Kemasan Sederhana (Minyakita)',
    nameEn: 'Cooking oil, simple pack (Minyakita)',
    group: 'minyak-goreng',
    unit: 'liter',
    typical: 16_500,
    het: 15_700,
  },
  {
    code: 'tepung-terigu',
    name: 'Tepung Terigu Curah',
    nameEn: 'Wheat flour, bulk',
    group: 'tepung',
    unit: 'kg',
    typical: 10_500,
  },
  {
    code: 'daging-sapi',
    name: 'Daging Sapi Murni',
    nameEn: 'Beef',
    group: 'daging',
    unit: 'kg',
    typical: 135_000,
    hap: 140_000,
  },
  {
    code: 'daging-ayam-ras',
    name: 'Daging Ayam Ras',
    nameEn: 'Broiler chicken meat',
    group: 'daging',
    unit: 'kg',
    typical: 38_000,
    hap: 40_000,
  },
  {
    code: 'telur-ayam-ras',
    name: 'Telur Ayam Ras',
    nameEn: 'Chicken eggs',
    group: 'telur',
    unit: 'kg',
    typical: 29_000,
    hap: 30_000,
  },
  {
    code: 'ikan-bandeng',
    name: 'Ikan Bandeng',
    nameEn: 'Milkfish',
    group: 'ikan',
    unit: 'kg',
    typical: 35_000,
  },
  {
    code: 'ikan-kembung',
    name: 'Ikan Kembung',
    nameEn: 'Short mackerel',
    group: 'ikan',
    unit: 'kg',
    typical: 42_000,
  },
  {
    code: 'ikan-tongkol',
    name: 'Ikan Tongkol',
    nameEn: 'Mackerel tuna',
    group: 'ikan',
    unit: 'kg',
    typical: 35_000,
  },
];

/** Region onboarding: the national list and its reference prices; the region edits them afterwards. */
export async function seedHargaPangan(tx: Tx, regionId: string) {
  const inserted = await tx
    .insert(hpCommodity)
    .values(
      nationalStaples.map((s, i) => ({
        regionId,
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        group: s.group,
        unit: s.unit,
        // Volatile commodities (chilli, shallots) move a lot day to day: a higher bar for an alert.
        alertRisePct: s.group === 'cabai' || s.group === 'bawang' ? 15 : 10,
        sort: (i + 1) * 10,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: hpCommodity.id, code: hpCommodity.code });
  const refs = inserted.flatMap((c) => {
    const s = nationalStaples.find((x) => x.code === c.code)!;
    const out: (typeof hpReference.$inferInsert)[] = [];
    if (s.het)
      out.push({
        regionId,
        commodityId: c.id,
        kind: 'HET',
        price: s.het,
        validFrom: '2025-01-01',
        source: 'HET nasional zona 1',
      });
    if (s.hap)
      out.push({
        regionId,
        commodityId: c.id,
        kind: 'HAP',
        price: s.hap,
        validFrom: '2025-01-01',
        source: 'HAP konsumen Bapanas',
      });
    return out;
  });
  if (refs.length > 0) await tx.insert(hpReference).values(refs);
}
