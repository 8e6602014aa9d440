import { expect } from 'vitest';
import {
  call,
  createAccount,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';

/** Test helpers: a dataset made, filled and published over HTTP like a staff member would. */
export async function staffAdmin(t: TestApp, region: TestRegion): Promise<TestAccount> {
  return createAccount(t, region, ['region_admin']);
}

export async function makeDataset(
  t: TestApp,
  region: TestRegion,
  admin: TestAccount,
  over: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const name = (over.name as string | undefined) ?? `uji-${Math.random().toString(36).slice(2, 8)}`;
  const res = await call(t, region, {
    method: 'POST',
    url: '/api/m/data-peta/staff/datasets',
    as: admin,
    payload: { name, title: `Dataset ${name}`, notes: 'Data uji', tags: ['uji'], ...over },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, name };
}

export async function uploadCsv(
  t: TestApp,
  region: TestRegion,
  admin: TestAccount,
  datasetId: string,
  csv: string,
  fileName = 'data.csv',
) {
  return call(t, region, {
    method: 'POST',
    url: `/api/m/data-peta/staff/datasets/${datasetId}/tables?fileName=${encodeURIComponent(fileName)}`,
    as: admin,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });
}

export async function uploadGeoJson(
  t: TestApp,
  region: TestRegion,
  admin: TestAccount,
  datasetId: string,
  doc: unknown,
) {
  return call(t, region, {
    method: 'POST',
    url: `/api/m/data-peta/staff/datasets/${datasetId}/layers?fileName=layer.geojson`,
    as: admin,
    headers: { 'content-type': 'application/geo+json' },
    payload: typeof doc === 'string' ? doc : JSON.stringify(doc),
  });
}

export async function publish(
  t: TestApp,
  region: TestRegion,
  admin: TestAccount,
  datasetId: string,
  visibility = 'public',
) {
  const res = await call(t, region, {
    method: 'POST',
    url: `/api/m/data-peta/staff/datasets/${datasetId}/visibility`,
    as: admin,
    payload: { visibility },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export const SAMPLE_CSV =
  'Kecamatan,Tahun,Jumlah Sekolah\nCipondoh,2025,41\nKarawaci,2025,38\nPinang,2025,29\n';

export const SAMPLE_POINTS = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.63, -6.17] },
      properties: { nama: 'A', tanggal: '2026-01-10' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.7, -6.25] },
      properties: { nama: 'B', tanggal: '2026-03-01' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.6, -6.2],
            [106.62, -6.2],
            [106.62, -6.18],
            [106.6, -6.2],
          ],
        ],
      },
      properties: { nama: 'C' },
    },
  ],
};
