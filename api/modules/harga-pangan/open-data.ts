import { HISTORY_CSV_COLUMNS } from '../../../shared/modules/harga-pangan';
import type { OpenDataMetadata } from '../../../shared/open-data';
import { OPEN_DATA_LICENCE } from '../../core/open-data/licence';
import type { RegionRecord } from '../../core/regions/directory';

const columns: Record<
  (typeof HISTORY_CSV_COLUMNS)[number],
  Omit<OpenDataMetadata['columns'][number], 'name'>
> = {
  date: { type: 'date', description: 'Tanggal harga (waktu daerah) / Price date (local)' },
  region_code: { type: 'string', description: 'Kode wilayah Kemendagri / Kemendagri region code' },
  market: { type: 'string', description: 'Nama pasar / Market name' },
  commodity: { type: 'string', description: 'Kode komoditas (mis. beras-medium) / Commodity code' },
  unit: { type: 'string', description: 'Satuan (kg, liter, butir, ekor, ikat) / Unit' },
  price: {
    type: 'integer',
    description: 'Harga terverifikasi dalam rupiah per satuan / Verified price, IDR per unit',
  },
  price_type: { type: 'string', description: 'eceran (retail) atau grosir (wholesale)' },
};

/** The catalogue entry of the region's verified staple-food prices. */
export function pricesMetadata(region: RegionRecord, base: string): OpenDataMetadata {
  return {
    identifier: `${region.code}/harga-pangan/prices`,
    title: `Harga pangan harian ${region.name}`,
    description: `Harga bahan pokok terverifikasi per pasar dan hari di ${region.name}, dari petugas pasar dan pengawas harga. / Verified daily staple-food prices per market in ${region.name}.`,
    publisher: { name: region.name, code: region.code },
    license: { ...OPEN_DATA_LICENCE },
    keywords: ['harga pangan', 'bahan pokok', 'pasar', 'inflasi', 'TPID'],
    accrualPeriodicity: 'P1D',
    language: ['id', 'en'],
    modified: null, // prices change every day; the newest date is in the data itself
    columns: HISTORY_CSV_COLUMNS.map((name) => ({ name, ...columns[name] })),
    distributions: [
      { mediaType: 'application/json', url: `${base}/prices` },
      { mediaType: 'text/csv', url: `${base}/prices.csv` },
    ],
  };
}
