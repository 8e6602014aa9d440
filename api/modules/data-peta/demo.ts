import { eq } from 'drizzle-orm';
import type { RegionContext } from '../../core/modules/types';
import { dpDataset, dpFeature, dpResource, dpRow } from './schema';
import { featuresFromGeoJson, tableFromSheet } from './upload';

/** Kota Tangerang's sample datasets: two OPD tables (one public, one draft) and a public layer of parks. */
const POPULATION = [
  ['Kecamatan', 'Tahun', 'Laki-laki', 'Perempuan', 'Jumlah'],
  ['Tangerang', '2025', '87512', '85633', '173145'],
  ['Cipondoh', '2025', '129841', '127590', '257431'],
  ['Karawaci', '2025', '97022', '95318', '192340'],
  ['Ciledug', '2025', '79105', '78804', '157909'],
  ['Pinang', '2025', '94312', '92140', '186452'],
  ['Periuk', '2025', '70215', '68512', '138727'],
];

const WIFI = [
  ['Lokasi', 'Kecamatan', 'Titik', 'Status'],
  ['Taman Potret', 'Tangerang', '4', 'aktif'],
  ['Taman Gajah Tunggal', 'Karawaci', '3', 'aktif'],
  ['Kantor Kecamatan Cipondoh', 'Cipondoh', '2', 'perbaikan'],
];

const PARKS = {
  type: 'FeatureCollection',
  features: [
    { name: 'Taman Potret', lon: 106.6335, lat: -6.1766, luas: 1.2 },
    { name: 'Taman Gajah Tunggal', lon: 106.6283, lat: -6.1721, luas: 2.1 },
    { name: 'Taman Elektrik', lon: 106.6339, lat: -6.1794, luas: 0.8 },
    { name: 'Taman Bougenville', lon: 106.6452, lat: -6.2203, luas: 0.9 },
    { name: 'Taman Prestasi', lon: 106.6337, lat: -6.1739, luas: 0.7 },
  ].map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: { nama: p.name, luas_ha: p.luas },
  })),
};

export async function seedDataPetaDemo({ tx, regionId }: RegionContext): Promise<void> {
  const [exists] = await tx
    .select({ id: dpDataset.id })
    .from(dpDataset)
    .where(eq(dpDataset.name, 'jumlah-penduduk-kecamatan'));
  if (exists) return;
  const table = async (
    name: string,
    meta: Partial<typeof dpDataset.$inferInsert> & { title: string },
    sheet: string[][],
  ) => {
    const [ds] = await tx
      .insert(dpDataset)
      .values({ regionId, name, licenseId: 'CC-BY-4.0', spatial: 'Kota Tangerang', ...meta })
      .returning({ id: dpDataset.id });
    const parsed = tableFromSheet(sheet);
    const [res] = await tx
      .insert(dpResource)
      .values({
        regionId,
        datasetId: ds!.id,
        kind: 'table',
        name: `${name}.csv`,
        format: 'CSV',
        fields: parsed.fields,
        rowCount: parsed.rows.length,
      })
      .returning({ id: dpResource.id });
    await tx
      .insert(dpRow)
      .values(parsed.rows.map((data, i) => ({ regionId, resourceId: res!.id, rowNo: i + 1, data })));
  };
  await table(
    'jumlah-penduduk-kecamatan',
    {
      title: 'Jumlah Penduduk per Kecamatan 2025',
      notes: 'Jumlah penduduk menurut jenis kelamin per kecamatan, semester II 2025 (Disdukcapil).',
      tags: ['kependudukan', 'kecamatan'],
      frequency: 'annual',
      temporalStart: '2025-01-01',
      temporalEnd: '2025-12-31',
      contactName: 'Bidang Statistik Diskominfo',
      contactEmail: 'data@tangerangkota.demo.simpul.id',
      visibility: 'public',
    },
    POPULATION,
  );
  await table(
    'titik-wifi-publik',
    {
      title: 'Titik Wi-Fi Publik',
      notes: 'Lokasi Wi-Fi gratis di ruang publik (draf, menunggu verifikasi).',
      tags: ['wifi', 'infrastruktur'],
      frequency: 'monthly',
      visibility: 'draft',
    },
    WIFI,
  );
  const [parks] = await tx
    .insert(dpDataset)
    .values({
      regionId,
      name: 'taman-kota',
      title: 'Taman Kota',
      notes: 'Taman kota yang dikelola DLH, dengan luas dalam hektare.',
      tags: ['taman', 'ruang terbuka hijau'],
      frequency: 'annual',
      spatial: 'Kota Tangerang',
      visibility: 'public',
    })
    .returning({ id: dpDataset.id });
  const layer = featuresFromGeoJson(Buffer.from(JSON.stringify(PARKS)));
  const [res] = await tx
    .insert(dpResource)
    .values({
      regionId,
      datasetId: parks!.id,
      kind: 'layer',
      name: 'taman-kota.geojson',
      format: 'GeoJSON',
      fields: layer.fields,
      rowCount: layer.features.length,
      color: '#16a34a',
    })
    .returning({ id: dpResource.id });
  await tx.insert(dpFeature).values(
    layer.features.map((f, i) => ({
      regionId,
      resourceId: res!.id,
      featureNo: i + 1,
      geometry: f.geometry,
      properties: f.properties,
      minx: f.bbox[0],
      miny: f.bbox[1],
      maxx: f.bbox[2],
      maxy: f.bbox[3],
    })),
  );
}
