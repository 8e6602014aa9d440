import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createRegion,
  createTestApp,
  demoRegion,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';
import {
  makeDataset,
  publish,
  SAMPLE_CSV,
  SAMPLE_POINTS,
  staffAdmin,
  uploadCsv,
  uploadGeoJson,
} from './testing';
import { flushUsage } from './usage';

describe('data-peta: staff datasets, portal, downloads, usage', () => {
  let t: TestApp;
  let region: TestRegion;
  let admin: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    admin = await staffAdmin(t, region);
  });
  afterAll(() => t.close());

  it('publishes what the modules declare, with no staff work: LAKSA, 112, prices, numbers, jobs', async () => {
    const res = await call(t, region, { method: 'GET', url: '/api/m/data-peta/datasets?rows=100' });
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().results.map((d: { name: string }) => d.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'laksa-laporan-per-kategori',
        'laksa-kinerja-sla-opd',
        'laksa-laporan',
        'darurat-insiden-per-jenis',
        'darurat-waktu-respons',
        'harga-pangan-harga-harian',
        'harga-pangan-pasar',
        'nomor-penting-daftar',
        'siap-kerja-lowongan-per-bidang',
      ]),
    );
    const numbers = (
      await call(t, region, { method: 'GET', url: '/api/m/data-peta/datasets/nomor-penting-daftar' })
    ).json();
    expect(numbers.dataset.organisation.name).toBe(region.slug);
    expect(numbers.jsonLd).toMatchObject({ '@type': 'Dataset', name: 'Nomor telepon penting' });
    const preview = (
      await call(t, region, {
        method: 'GET',
        url: `/api/m/data-peta/resources/${numbers.dataset.resources[0].id}/preview`,
      })
    ).json();
    expect(preview.records[0]).toMatchObject({ nomor: '112' });
  });

  it('runs every published query of every module on the demo data (each table and layer answers)', async () => {
    const demo = demoRegion(t);
    const names = (await call(t, demo, { method: 'GET', url: '/api/3/action/package_list' })).json()
      .result as string[];
    const fromModules = names.filter((n) =>
      /^(laksa|darurat|harga-pangan|nomor-penting|siap-kerja)-/.test(n),
    );
    expect(fromModules.length).toBe(9);
    for (const name of fromModules) {
      const pkg = (
        await call(t, demo, { method: 'GET', url: `/api/3/action/package_show?id=${name}` })
      ).json().result;
      const r = pkg.resources[0];
      if (r.datastore_active) {
        const res = await call(t, demo, {
          method: 'GET',
          url: `/api/3/action/datastore_search?resource_id=${r.id}&limit=3`,
        });
        expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(200);
        expect(res.json().result.fields.map((f: { id: string }) => f.id)[0]).toBe('_id');
      } else {
        const res = await call(t, demo, { method: 'GET', url: `/ogc/collections/${name}/items?limit=3` });
        expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(200);
        expect(res.json().features.length, name).toBeGreaterThan(0);
      }
    }
    // The demo has LAKSA reports, prices and vacancies: their aggregates are not empty.
    for (const name of ['laksa-laporan-per-kategori', 'harga-pangan-harga-harian', 'nomor-penting-daftar']) {
      const pkg = (
        await call(t, demo, { method: 'GET', url: `/api/3/action/package_show?id=${name}` })
      ).json().result;
      const res = (
        await call(t, demo, {
          method: 'GET',
          url: `/api/3/action/datastore_search?resource_id=${pkg.resources[0].id}`,
        })
      ).json();
      expect(res.result.total, name).toBeGreaterThan(0);
    }
  });

  it('staff upload a CSV, publish it; citizens find, preview and download it (CSV, XLSX, JSON)', async () => {
    const ds = await makeDataset(t, region, admin, {
      title: 'Jumlah Sekolah Dasar per Kecamatan',
      tags: ['pendidikan'],
    });
    const up = await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV);
    expect(up.statusCode, up.body).toBe(201);
    expect(
      up.json().resource.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`),
    ).toEqual(['kecamatan:text', 'tahun:int', 'jumlah_sekolah:int']);
    const search = async (q: string) =>
      (
        await call(t, region, { method: 'GET', url: `/api/m/data-peta/datasets?q=${encodeURIComponent(q)}` })
      ).json();
    expect((await search('sekolah dasar')).count).toBe(0); // a draft is not published
    await publish(t, region, admin, ds.id);
    const found = await search('sekolah dasar');
    expect(found.count).toBe(1);
    expect(found.facets.tags.items).toEqual([{ name: 'pendidikan', display_name: 'pendidikan', count: 1 }]);
    const rid = found.results[0].resources[0].id;
    const csv = await call(t, region, { method: 'GET', url: `/api/m/data-peta/resources/${rid}/data.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('kecamatan,tahun,jumlah_sekolah');
    expect(csv.body).toContain('Cipondoh,2025,41');
    expect(csv.headers.link).toContain('rel="license"');
    const xlsx = await call(t, region, { method: 'GET', url: `/api/m/data-peta/resources/${rid}.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const json = (
      await call(t, region, { method: 'GET', url: `/api/m/data-peta/resources/${rid}.json` })
    ).json();
    expect(json.records).toHaveLength(3);
    expect(json.records[0]).toMatchObject({ kecamatan: 'Cipondoh', tahun: 2025, jumlah_sekolah: 41 });
  });

  it('reports every malformed row of an upload, and stores nothing', async () => {
    const ds = await makeDataset(t, region, admin);
    const bad = await uploadCsv(t, region, admin, ds.id, 'a,b,a\n1,2,3\n4,5\n6,7,8,9\n');
    expect(bad.statusCode).toBe(400);
    const problems = bad.json().error.details.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 0, column: 'a' }),
        expect.objectContaining({ row: 2 }),
        expect.objectContaining({ row: 3 }),
      ]),
    );
    expect(problems[0].message.id).toBeTruthy();
    expect(problems[0].message.en).toBeTruthy();
    const empty = await uploadCsv(t, region, admin, ds.id, 'a,b\n');
    expect(empty.statusCode).toBe(400);
    const geo = await uploadGeoJson(t, region, admin, ds.id, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [200, 0] }, properties: {} },
        { type: 'Feature', geometry: { type: 'Circle', coordinates: [0, 0] }, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [106, -6] }, properties: {} },
      ],
    });
    expect(geo.statusCode).toBe(400);
    expect(geo.json().error.details.problems.map((p: { row: number }) => p.row)).toEqual([1, 2]);
    expect((await uploadGeoJson(t, region, admin, ds.id, '{not json')).statusCode).toBe(400);
    const view = (
      await call(t, region, { method: 'GET', url: `/api/m/data-peta/staff/datasets/${ds.id}`, as: admin })
    ).json();
    expect(view.resources).toEqual([]);
  });

  it('keeps a private dataset out of every API, the catalogue and the map', async () => {
    const ds = await makeDataset(t, region, admin, {
      name: 'rahasia-internal',
      title: 'Data internal rahasia',
    });
    await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV);
    await uploadGeoJson(t, region, admin, ds.id, SAMPLE_POINTS);
    const view = await publish(t, region, admin, ds.id, 'private');
    const tableId = view.resources[0].id;
    const urls = [
      '/api/m/data-peta/datasets?q=rahasia',
      '/api/m/data-peta/datasets/rahasia-internal',
      `/api/m/data-peta/resources/${tableId}/preview`,
      `/api/m/data-peta/resources/${tableId}/data.csv`,
      '/api/3/action/package_list',
      '/api/3/action/package_show?id=rahasia-internal',
      '/api/3/action/package_search?q=rahasia',
      `/api/3/action/resource_show?id=${tableId}`,
      `/api/3/action/datastore_search?resource_id=${tableId}`,
      '/catalog.jsonld',
      '/catalog.ttl',
      '/ogc/collections',
      '/ogc/collections/rahasia-internal/items',
      '/api/m/data-peta/layers',
    ];
    for (const url of urls) {
      const res = await call(t, region, { method: 'GET', url });
      expect([200, 404], url).toContain(res.statusCode);
      // A 404 may repeat the id it was asked for; an answer never shows the dataset.
      if (res.statusCode === 200) {
        expect(res.body, url).not.toContain('rahasia-internal');
        expect(res.body, url).not.toContain(tableId);
      }
    }
    // Staff still see it in the console.
    const staff = (
      await call(t, region, { method: 'GET', url: '/api/m/data-peta/staff/datasets', as: admin })
    ).json();
    expect(staff.map((d: { name: string }) => d.name)).toContain('rahasia-internal');
  });

  it('keeps regions apart: a dataset of region A is not in region B', async () => {
    const other = await createRegion(t);
    const ds = await makeDataset(t, region, admin, { name: 'hanya-di-a' });
    await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV);
    const view = await publish(t, region, admin, ds.id);
    for (const url of [
      '/api/3/action/package_show?id=hanya-di-a',
      `/api/3/action/datastore_search?resource_id=${view.resources[0].id}`,
      `/api/m/data-peta/resources/${view.resources[0].id}/data.csv`,
    ]) {
      expect((await call(t, other, { method: 'GET', url })).statusCode, url).toBe(404);
      expect((await call(t, region, { method: 'GET', url })).statusCode, url).toBe(200);
    }
    const adminB = await staffAdmin(t, other);
    const res = await call(t, other, {
      method: 'POST',
      url: `/api/m/data-peta/staff/datasets/${ds.id}/visibility`,
      as: adminB,
      payload: { visibility: 'private' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('only staff with data-peta:manage change datasets; a module switched off publishes nothing', async () => {
    const res = await call(t, region, {
      method: 'POST',
      url: '/api/m/data-peta/staff/datasets',
      payload: { name: 'x1', title: 'X satu' },
    });
    expect([401, 403]).toContain(res.statusCode);
    const off = await createRegion(t, { modules: ['nomor-penting', 'data-peta'] });
    const names = (await call(t, off, { method: 'GET', url: '/api/3/action/package_list' })).json().result;
    expect(names).toEqual(['nomor-penting-daftar']);
    const none = await createRegion(t, { modules: ['nomor-penting'] });
    expect((await call(t, none, { method: 'GET', url: '/api/3/action/package_list' })).statusCode).toBe(404);
  });

  it('counts views, downloads and API calls per dataset in the usage analytics', async () => {
    const ds = await makeDataset(t, region, admin, { name: 'dihitung' });
    const up = await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV);
    await publish(t, region, admin, ds.id);
    const rid = up.json().resource.id;
    await call(t, region, { method: 'GET', url: '/api/m/data-peta/datasets/dihitung' });
    await call(t, region, { method: 'GET', url: '/api/m/data-peta/datasets/dihitung' });
    await call(t, region, { method: 'GET', url: `/api/m/data-peta/resources/${rid}/data.csv` });
    await call(t, region, { method: 'GET', url: `/api/3/action/datastore_search?resource_id=${rid}` });
    await flushUsage(t.database);
    const usage = (
      await call(t, region, { method: 'GET', url: '/api/m/data-peta/staff/usage', as: admin })
    ).json();
    expect(usage.find((u: { name: string }) => u.name === 'dihitung')).toEqual({
      name: 'dihitung',
      views: 2,
      downloads: 1,
      api: 1,
    });
  });
});
