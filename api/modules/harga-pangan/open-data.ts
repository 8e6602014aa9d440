import { sql } from 'drizzle-orm';
import { HISTORY_CSV_COLUMNS } from '../../../shared/modules/harga-pangan';
import type { OpenDataMetadata } from '../../../shared/open-data';
import type { ModuleOpenData } from '../../core/datasets/types';
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

/** What Harga Pangan publishes through Data & Peta: verified daily prices, and the markets as places. */
export const hargaPanganOpenData: ModuleOpenData = {
  datasets: [
    {
      id: 'harga-harian',
      title: {
        id: 'Harga pangan harian per pasar dan komoditas',
        en: 'Daily staple-food prices per market and commodity',
      },
      description: {
        id: 'Harga bahan pokok terverifikasi per pasar, komoditas dan hari (rupiah per satuan).',
        en: 'Verified staple-food prices per market, commodity and day (IDR per unit).',
      },
      organisation: 'disperindag',
      tags: ['harga pangan', 'bahan pokok', 'pasar', 'inflasi'],
      frequency: 'daily',
      fields: [
        { name: 'tanggal', type: 'date', label: { id: 'Tanggal', en: 'Date' } },
        { name: 'pasar', type: 'text', label: { id: 'Pasar', en: 'Market' } },
        { name: 'komoditas', type: 'text', label: { id: 'Komoditas', en: 'Commodity' } },
        { name: 'satuan', type: 'text', label: { id: 'Satuan', en: 'Unit' } },
        { name: 'harga', type: 'int', label: { id: 'Harga (Rp)', en: 'Price (IDR)' } },
        { name: 'jenis_harga', type: 'text', label: { id: 'Jenis harga', en: 'Price type' } },
      ],
      query: () => sql`select p.date as tanggal, m.name as pasar, c.name as komoditas, c.unit as satuan,
          p.verified_price as harga, p.price_type as jenis_harga
        from harga_pangan_price p
        join harga_pangan_market m on m.region_id = p.region_id and m.id = p.market_id
        join harga_pangan_commodity c on c.region_id = p.region_id and c.id = p.commodity_id
        where p.verified_price is not null`,
    },
  ],
  layers: [
    {
      id: 'pasar',
      title: { id: 'Pasar', en: 'Markets' },
      description: {
        id: 'Pasar tempat harga pangan dipantau.',
        en: 'Markets where staple-food prices are monitored.',
      },
      kind: 'place',
      color: '#2563eb',
      organisation: 'disperindag',
      tags: ['pasar', 'harga pangan'],
      fields: [
        { name: 'nama', type: 'text', label: { id: 'Nama pasar', en: 'Market' } },
        { name: 'jenis', type: 'text', label: { id: 'Jenis', en: 'Type' } },
        { name: 'kecamatan', type: 'text', label: { id: 'Kecamatan', en: 'Kecamatan' } },
        { name: 'alamat', type: 'text', label: { id: 'Alamat', en: 'Address' } },
      ],
      query:
        () => sql`select m.id, m.lng as lon, m.lat, null::timestamptz as at, m.name as nama, m.type as jenis,
          m.kecamatan, m.address as alamat
        from harga_pangan_market m where m.active`,
    },
  ],
};
