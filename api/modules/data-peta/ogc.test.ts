import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createRegion,
  createTestApp,
  demoRegion,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';
import { CONFORMANCE } from './ogc';
import { makeDataset, publish, SAMPLE_POINTS, staffAdmin, uploadGeoJson } from './testing';

type Link = { href: string; rel: string; type: string };

/**
 * OGC API – Features – Part 1: Core, tests derived from the Abstract Test Suite (ATS_*):
 * root-op/success, conformance, fc-md-*, fc-op, fc-limit, fc-bbox, fc-time, fc-links,
 * fc-numberMatched/Returned, f-op, query-param-unknown/invalid, crs84.
 */
describe('data-peta: OGC API – Features', () => {
  let t: TestApp;
  let region: TestRegion;
  let demo: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    demo = demoRegion(t);
    const admin = await staffAdmin(t, region);
    const ds = await makeDataset(t, region, admin, { name: 'titik-uji', title: 'Titik uji' });
    expect((await uploadGeoJson(t, region, admin, ds.id, SAMPLE_POINTS)).statusCode).toBe(201);
    await publish(t, region, admin, ds.id);
  });
  afterAll(() => t.close());

  const get = (url: string, r = region, accept = 'application/json') =>
    call(t, r, { method: 'GET', url, headers: { accept } });
  const everyLinkTyped = (links: Link[]) => {
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.rel, JSON.stringify(l)).toBeTruthy();
      expect(l.type, JSON.stringify(l)).toBeTruthy();
      expect(l.href).toMatch(/^https?:\/\//);
    }
  };

  it('landing page (ATS root-op, root-success): title, links to service-desc, conformance and data', async () => {
    const res = await get('/ogc/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.title).toBeTruthy();
    everyLinkTyped(body.links);
    const rels = body.links.map((l: Link) => l.rel);
    expect(rels).toEqual(
      expect.arrayContaining(['self', 'alternate', 'service-desc', 'conformance', 'data']),
    );
    const html = await get('/ogc/', region, 'text/html');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('<h1>');
    expect((await get('/ogc/?f=html')).headers['content-type']).toMatch(/^text\/html/);
  });

  it('API definition is OpenAPI 3.0 (oas30)', async () => {
    const res = await get('/ogc/api');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.oai.openapi+json;version=3.0');
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/conformance',
        '/collections',
        '/collections/{collectionId}/items',
        '/collections/{collectionId}/items/{featureId}',
      ]),
    );
  });

  it('conformance declares core, geojson, html and oas30', async () => {
    const body = (await get('/ogc/conformance')).json();
    expect(body.conformsTo).toEqual(expect.arrayContaining(CONFORMANCE));
  });

  it('collections (fc-md-*): every entry matches its own page; extent in CRS84; items links per encoding', async () => {
    const list = (await get('/ogc/collections', demo)).json();
    everyLinkTyped(list.links);
    const ids = list.collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['laksa-laporan', 'harga-pangan-pasar', 'taman-kota']));
    for (const c of list.collections) {
      everyLinkTyped(c.links);
      expect(c.itemType).toBe('feature');
      expect(c.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
      expect(c.extent.spatial.bbox[0]).toHaveLength(4);
      expect(c.links.filter((l: Link) => l.rel === 'items').map((l: Link) => l.type)).toEqual(
        expect.arrayContaining(['application/geo+json', 'text/html']),
      );
      const one = (await get(`/ogc/collections/${c.id}`, demo)).json();
      for (const k of ['id', 'title', 'description', 'extent', 'itemType']) expect(one[k]).toEqual(c[k]);
    }
    const markets = list.collections.find((c: { id: string }) => c.id === 'harga-pangan-pasar');
    const [minx, miny, maxx, maxy] = markets.extent.spatial.bbox[0];
    // Kota Tangerang: lon ≈ 106.6, lat ≈ −6.2 (CRS84 is lon, lat).
    expect(minx).toBeGreaterThan(106);
    expect(maxx).toBeLessThan(107);
    expect(miny).toBeLessThan(-6);
    expect(maxy).toBeGreaterThan(-7);
    expect((await get('/ogc/collections/tidak-ada')).statusCode).toBe(404);
  });

  it('items (fc-op, fc-response): a GeoJSON FeatureCollection with links, numberMatched, numberReturned, timeStamp', async () => {
    const res = await get('/ogc/collections/titik-uji/items');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.numberMatched).toBe(3);
    expect(fc.numberReturned).toBe(3);
    expect(fc.features).toHaveLength(3);
    expect(fc.timeStamp).toMatch(/Z$/);
    everyLinkTyped(fc.links);
    expect(fc.links.map((l: Link) => l.rel)).toEqual(expect.arrayContaining(['self', 'alternate']));
    const polygon = fc.features.find((f: { properties: { nama: string } }) => f.properties.nama === 'C');
    expect(polygon.geometry.type).toBe('Polygon');
    const laksa = (await get('/ogc/collections/laksa-laporan/items?limit=5', demo)).json();
    expect(laksa.features.length).toBeGreaterThan(0);
    const f = laksa.features[0];
    expect(f.geometry.type).toBe('Point');
    expect(Object.keys(f.properties).sort()).toEqual([
      'dilaporkan',
      'kategori',
      'kecamatan',
      'status',
      'tiket',
    ]);
  });

  it('limit (fc-limit): default 10, clamped to 10 000 (never an error), next links page through everything', async () => {
    const one = (await get('/ogc/collections/titik-uji/items?limit=1')).json();
    expect(one.numberReturned).toBe(1);
    const seen = [one.features[0].id];
    let next = one.links.find((l: Link) => l.rel === 'next');
    while (next) {
      const url = new URL(next.href);
      const page = (await get(`${url.pathname.replace(region.path, '')}${url.search}`)).json();
      seen.push(...page.features.map((x: { id: string }) => x.id));
      next = page.links.find((l: Link) => l.rel === 'next');
    }
    expect(new Set(seen).size).toBe(3);
    const huge = await get('/ogc/collections/titik-uji/items?limit=999999');
    expect(huge.statusCode).toBe(200);
    expect(huge.json().links.find((l: Link) => l.rel === 'self').href).toContain('limit=10000');
    for (const bad of ['0', '-1', 'abc'])
      expect((await get(`/ogc/collections/titik-uji/items?limit=${bad}`)).statusCode).toBe(400);
  });

  it('bbox (fc-bbox, crs84): intersects in lon,lat order; 6 numbers accepted; bad and huge boxes refused', async () => {
    const names = async (q: string) =>
      (await get(`/ogc/collections/titik-uji/items?${q}`))
        .json()
        .features.map((f: { properties: { nama: string } }) => f.properties.nama)
        .sort();
    expect(await names('bbox=106.625,-6.175,106.64,-6.16')).toEqual(['A']);
    // The polygon's box [106.6,-6.2,106.62,-6.18] intersects a box that only touches its corner.
    expect(await names('bbox=106.61,-6.19,106.615,-6.185')).toEqual(['C']);
    expect(await names('bbox=106.5,-6.3,106.8,-6.1')).toEqual(['A', 'B', 'C']);
    expect(await names('bbox=106.625,-6.175,0,106.64,-6.16,100')).toEqual(['A']);
    expect(await names('bbox=0,0,1,1')).toEqual([]);
    // lat,lon order (a common mistake) is refused: 106 is no latitude.
    expect((await get('/ogc/collections/titik-uji/items?bbox=-6.18,106.62,-6.16,106.64')).statusCode).toBe(
      400,
    );
    for (const bad of ['1,2,3', '1,2,3,x', '10,0,5,1', '0,-95,1,1']) {
      const res = await get(`/ogc/collections/titik-uji/items?bbox=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ code: 'InvalidParameterValue', description: expect.any(String) });
    }
    const huge = await get('/ogc/collections/titik-uji/items?bbox=90,-11,141,6');
    expect(huge.statusCode).toBe(400);
    expect(huge.json().description).toContain('bbox is larger than');
  });

  it('datetime (fc-time): instants, closed and open intervals; features without a time always match', async () => {
    const names = async (q: string) =>
      (await get(`/ogc/collections/titik-uji/items?datetime=${encodeURIComponent(q)}`))
        .json()
        .features.map((f: { properties: { nama: string } }) => f.properties.nama)
        .sort();
    expect(await names('2026-01-10')).toEqual(['A', 'C']);
    expect(await names('2026-01-10T00:00:00Z')).toEqual(['A', 'C']);
    expect(await names('2026-01-01T00:00:00Z/2026-02-01T00:00:00Z')).toEqual(['A', 'C']);
    expect(await names('2026-02-01T00:00:00Z/..')).toEqual(['B', 'C']);
    expect(await names('../2026-02-01T00:00:00Z')).toEqual(['A', 'C']);
    expect(await names('/2026-02-01T00:00:00Z')).toEqual(['A', 'C']);
    expect(await names('2025-01-01/2025-12-31')).toEqual(['C']);
    for (const bad of ['kemarin', '2026-13-45', '2026-03-01/2026-01-01', '2026-01-01/2026-02-01/2026-03-01'])
      expect(
        (await get(`/ogc/collections/titik-uji/items?datetime=${encodeURIComponent(bad)}`)).statusCode,
        bad,
      ).toBe(400);
  });

  it('refuses unknown query parameters with 400 (query-param-unknown), SQL-looking values are just values', async () => {
    for (const url of [
      '/ogc/collections/titik-uji/items?foo=1',
      '/ogc/collections?limit=1',
      '/ogc/?x=y',
      '/ogc/collections/titik-uji/items?f=xml',
    ])
      expect((await get(url)).statusCode, url).toBe(400);
    const sqlish = await get(`/ogc/collections/titik-uji/items/${encodeURIComponent("1' or '1'='1")}`);
    expect(sqlish.statusCode).toBe(404);
  });

  it('single feature (f-op, f-success): id equals the path id; links self, alternate, collection', async () => {
    const fc = (await get('/ogc/collections/titik-uji/items')).json();
    const id = fc.features[0].id;
    const res = await get(`/ogc/collections/titik-uji/items/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const f = res.json();
    expect(f.type).toBe('Feature');
    expect(String(f.id)).toBe(String(id));
    everyLinkTyped(f.links);
    expect(f.links.map((l: Link) => l.rel)).toEqual(
      expect.arrayContaining(['self', 'alternate', 'collection']),
    );
    expect((await get('/ogc/collections/titik-uji/items/99999')).statusCode).toBe(404);
    const html = await get(`/ogc/collections/titik-uji/items/${id}?f=html`);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
  });
});
