import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';
import { makeDataset, publish, SAMPLE_CSV, staffAdmin, uploadCsv } from './testing';

/** CKAN Action API v3 contract (ckan/views/api.py, ckan/logic/action/get.py, datastore): envelope, every action, errors. */
describe('data-peta: CKAN Action API v3', () => {
  let t: TestApp;
  let region: TestRegion;
  let admin: TestAccount;
  let tableId: string;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    admin = await staffAdmin(t, region);
    const ds = await makeDataset(t, region, admin, {
      name: 'sekolah-dasar',
      title: 'Sekolah Dasar per Kecamatan',
      tags: ['pendidikan', 'sekolah'],
      contactName: 'Disdik',
      contactEmail: 'data@disdik.example.id',
    });
    tableId = (await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV)).json().resource.id;
    await publish(t, region, admin, ds.id);
  });
  afterAll(() => t.close());

  const get = (url: string) => call(t, region, { method: 'GET', url });
  const post = (action: string, payload: unknown, prefix = '/api/3/action') =>
    call(t, region, { method: 'POST', url: `${prefix}/${action}`, payload: payload as object });

  it('wraps every answer in CKAN’s envelope: help, success, result', async () => {
    const res = await get('/api/3/action/status_show');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['help', 'result', 'success']);
    expect(body.help).toMatch(/\/api\/3\/action\/help_show\?name=status_show$/);
    expect(body.success).toBe(true);
    expect(body.result).toMatchObject({
      site_title: expect.any(String),
      site_url: expect.any(String),
      locale_default: 'id',
    });
    // The unversioned path is the same API.
    expect((await get('/api/action/status_show')).json().success).toBe(true);
  });

  it('package_list: public names, sorted; limit and offset', async () => {
    const all = (await get('/api/3/action/package_list')).json().result as string[];
    expect(all).toContain('sekolah-dasar');
    expect(all).toContain('laksa-laporan-per-kategori');
    expect([...all].sort()).toEqual(all);
    const page = (await get('/api/3/action/package_list?limit=2&offset=1')).json().result;
    expect(page).toEqual(all.slice(1, 3));
    expect((await post('package_list', { limit: 1 })).json().result).toEqual(all.slice(0, 1));
  });

  it('package_show by name or id: the default dataset dict with resources, tags, organisation', async () => {
    const byName = (await get('/api/3/action/package_show?id=sekolah-dasar')).json().result;
    expect(byName).toMatchObject({
      name: 'sekolah-dasar',
      title: 'Sekolah Dasar per Kecamatan',
      state: 'active',
      type: 'dataset',
      private: false,
      license_id: 'CC-BY-4.0',
      isopen: true,
      maintainer: 'Disdik',
      num_resources: 1,
      num_tags: 2,
      organization: { name: region.slug, is_organization: true },
    });
    for (const k of ['id', 'notes', 'metadata_created', 'metadata_modified', 'owner_org', 'extras', 'groups'])
      expect(byName).toHaveProperty(k);
    expect(byName.tags.map((x: { name: string }) => x.name).sort()).toEqual(['pendidikan', 'sekolah']);
    expect(byName.resources[0]).toMatchObject({
      id: tableId,
      format: 'CSV',
      datastore_active: true,
      package_id: byName.id,
    });
    const byId = (await get(`/api/3/action/package_show?id=${byName.id}`)).json().result;
    expect(byId.name).toBe('sekolah-dasar');
  });

  it('package_search: q, fq field:value, rows, start, sort, facet.field as JSON, facets + search_facets', async () => {
    const r = (
      await get(
        `/api/3/action/package_search?q=sekolah&fq=tags:pendidikan&facet.field=${encodeURIComponent('["tags","organization","res_format"]')}`,
      )
    ).json().result;
    expect(r.count).toBe(1);
    expect(r.results[0].name).toBe('sekolah-dasar');
    expect(r.facets.tags).toEqual({ pendidikan: 1, sekolah: 1 });
    expect(r.search_facets.tags.items.map((i: { name: string }) => i.name)).toEqual([
      'sekolah',
      'pendidikan',
    ]);
    expect(r.search_facets.organization.items[0]).toMatchObject({
      name: region.slug,
      display_name: region.name,
      count: 1,
    });
    expect(r.sort).toBe('score desc, metadata_modified desc');
    const all = (await get('/api/3/action/package_search?rows=1000&sort=name%20asc')).json().result;
    expect(all.results.map((d: { name: string }) => d.name)).toEqual(
      [...all.results.map((d: { name: string }) => d.name)].sort(),
    );
    const second = (await get('/api/3/action/package_search?rows=1&start=1&sort=name%20asc')).json().result;
    expect(second.count).toBe(all.count);
    expect(second.results[0].name).toBe(all.results[1].name);
    // rows is capped at 1000, never an error.
    expect((await get('/api/3/action/package_search?rows=5000')).json().success).toBe(true);
    const byOrg = (await post('package_search', { fq: `organization:${region.slug}`, rows: 0 })).json()
      .result;
    expect(byOrg.count).toBeGreaterThan(0);
    expect(byOrg.results).toEqual([]);
    expect(
      (await get('/api/3/action/package_search?fq=res_format:GEOJSON')).json().result.count,
    ).toBeGreaterThan(0);
  });

  it('package_search refuses what it cannot search: a Search Query Error, 400', async () => {
    const bad = await get('/api/3/action/package_search?fq=nonsense_field:x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ success: false, error: { __type: 'Search Query Error' } });
    const badSort = await get('/api/3/action/package_search?sort=DROP%20TABLE');
    expect(badSort.statusCode).toBe(400);
  });

  it('organization_list/show and group_list/show', async () => {
    const names = (await get('/api/3/action/organization_list')).json().result;
    expect(names).toContain(region.slug);
    expect(names).toContain('diskominfo');
    const dicts = (
      await get('/api/3/action/organization_list?all_fields=true&sort=package_count%20desc')
    ).json().result;
    expect(dicts[0]).toMatchObject({ is_organization: true, package_count: expect.any(Number) });
    const org = (await get(`/api/3/action/organization_show?id=${region.slug}&include_datasets=true`)).json()
      .result;
    expect(org.package_count).toBeGreaterThan(0);
    expect(org.packages.length).toBeLessThanOrEqual(10);
    const groups = (await get('/api/3/action/group_list')).json().result;
    expect(groups).toEqual(expect.arrayContaining(['data-peta', 'laksa', 'harga-pangan']));
    const g = (await get('/api/3/action/group_show?id=laksa')).json().result;
    expect(g).toMatchObject({ name: 'laksa', is_organization: false, package_count: 3 });
    expect((await get('/api/3/action/organization_show?id=tidak-ada')).statusCode).toBe(404);
  });

  it('tag_list, resource_show, help_show', async () => {
    const tags = (await get('/api/3/action/tag_list')).json().result;
    expect(tags).toEqual(expect.arrayContaining(['pendidikan', 'laksa']));
    expect((await get('/api/3/action/tag_list?query=pendid')).json().result).toEqual(['pendidikan']);
    const res = (await get(`/api/3/action/resource_show?id=${tableId}`)).json().result;
    expect(res).toMatchObject({
      id: tableId,
      format: 'CSV',
      datastore_active: true,
      url: expect.stringContaining('/data.csv'),
    });
    const help = (await get('/api/3/action/help_show?name=package_search')).json();
    expect(help.success).toBe(true);
    expect(help.result).toContain(':param q:');
  });

  it('datastore_search: filters, q, fields, sort, limit/offset, include_total, records_format, _links', async () => {
    const base = `/api/3/action/datastore_search?resource_id=${tableId}`;
    const all = (await get(base)).json().result;
    expect(all.fields).toEqual([
      { id: '_id', type: 'int' },
      { id: 'kecamatan', type: 'text' },
      { id: 'tahun', type: 'int' },
      { id: 'jumlah_sekolah', type: 'int' },
    ]);
    expect(all.total).toBe(3);
    expect(all.records[0]).toEqual({ _id: 1, kecamatan: 'Cipondoh', tahun: 2025, jumlah_sekolah: 41 });
    expect(all._links).toMatchObject({
      start: expect.any(String),
      next: expect.stringContaining('offset=100'),
    });
    const filtered = (
      await post('datastore_search', {
        resource_id: tableId,
        filters: { kecamatan: ['Pinang', 'Karawaci'] },
        sort: 'jumlah_sekolah desc',
      })
    ).json().result;
    expect(filtered.records.map((r: { kecamatan: string }) => r.kecamatan)).toEqual(['Karawaci', 'Pinang']);
    const q = (await get(`${base}&q=cipon&fields=kecamatan,jumlah_sekolah`)).json().result;
    expect(q.records).toEqual([{ kecamatan: 'Cipondoh', jumlah_sekolah: 41 }]);
    const paged = (await get(`${base}&limit=1&offset=1&include_total=false`)).json().result;
    expect(paged.records).toHaveLength(1);
    expect(paged).not.toHaveProperty('total');
    expect(paged._links.prev).toBeDefined();
    const lists = (await get(`${base}&records_format=lists&fields=kecamatan`)).json().result;
    expect(lists.records).toEqual([['Cipondoh'], ['Karawaci'], ['Pinang']]);
    const csv = (await get(`${base}&records_format=csv&fields=kecamatan,tahun`)).json().result;
    expect(csv.records).toBe('Cipondoh,2025\nKarawaci,2025\nPinang,2025\n');
    // A module-published table works the same way.
    const pkg = (await get('/api/3/action/package_show?id=nomor-penting-daftar')).json().result;
    const numbers = (
      await get(
        `/api/3/action/datastore_search?resource_id=${pkg.resources[0].id}&filters=${encodeURIComponent('{"nomor":"112"}')}`,
      )
    ).json().result;
    expect(numbers.records).toHaveLength(1);
  });

  it('datastore_search refuses unknown fields and huge limits with a Validation Error, 409; filter values are never SQL', async () => {
    const unknown = await get(`/api/3/action/datastore_search?resource_id=${tableId}&fields=nope`);
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().error.__type).toBe('Validation Error');
    expect((await get(`/api/3/action/datastore_search?resource_id=${tableId}&limit=99999`)).statusCode).toBe(
      409,
    );
    const injection = await post('datastore_search', {
      resource_id: tableId,
      filters: { kecamatan: "x' or '1'='1" },
      q: "'; drop table data_peta_row; --",
    });
    expect(injection.statusCode).toBe(200);
    expect(injection.json().result.records).toEqual([]);
    expect((await get(`/api/3/action/datastore_search?resource_id=${tableId}`)).json().result.total).toBe(3);
    const missing = await get('/api/3/action/datastore_search');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toEqual({ resource_id: ['Missing value'], __type: 'Validation Error' });
  });

  it('answers errors like CKAN: 404 Not Found Error, 400 bare string for unknown actions, POST-only writes', async () => {
    const nf = await get('/api/3/action/package_show?id=1');
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toMatchObject({
      success: false,
      error: { __type: 'Not Found Error', message: 'Not found' },
    });
    expect(nf.json().help).toContain('help_show?name=package_show');
    const unknown = await get('/api/3/action/foo');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toBe('Bad request - Action name not known: foo');
    const getWrite = await get('/api/3/action/package_create');
    expect(getWrite.statusCode).toBe(400);
    expect(getWrite.json()).toContain('Please use POST method');
    const write = await post('package_create', { name: 'x' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.__type).toBe('Authorization Error');
    const notDict = await call(t, region, {
      method: 'POST',
      url: '/api/3/action/package_list',
      payload: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notDict.statusCode).toBe(400);
    const jsonp = await get('/api/3/action/status_show?callback=cb.done');
    expect(jsonp.headers['content-type']).toMatch(/^application\/javascript/);
    expect(jsonp.body).toMatch(/^cb\.done\(\{"help":.*\}\);$/);
    expect((await get('/api/3/action/status_show?callback=alert(1)')).statusCode).toBe(400);
    const validation = await get('/api/3/action/package_show');
    expect(validation.statusCode).toBe(409);
    expect(validation.json().error).toEqual({ id: ['Missing value'], __type: 'Validation Error' });
  });
});
