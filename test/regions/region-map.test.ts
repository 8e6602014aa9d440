import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion } from '../../api/core/db/scope';
import { parseRange } from '../../api/core/regions/basemap-file';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  demoRegion,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/tangerang-basemap.pmtiles');
const SIZE = statSync(FIXTURE).size;

let t: TestApp;
let demo: TestRegion;

beforeAll(async () => {
  t = await createTestApp({ env: { MAP_BASEMAP_FILE: FIXTURE, MAP_BASEMAP_ATTRIBUTION: 'Uji' } });
  demo = demoRegion(t);
});
afterAll(() => t?.close());

const locate = (r: TestRegion, lat: number, lng: number) =>
  call(t, r, { method: 'GET', url: `/api/region/areas/locate?lat=${lat}&lng=${lng}` });

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

describe('region map: bounds and basemap', () => {
  it('gives the demo region Kota Tangerang real bounds and the deployment basemap, in the region view too', async () => {
    const res = await call(t, demo, { method: 'GET', url: '/api/region/map' });
    expect(res.statusCode).toBe(200);
    const map = res.json();
    expect(map.regionBounds).toBe(true);
    expect(map.bounds.south).toBeCloseTo(-6.26, 2);
    expect(map.bounds.north).toBeCloseTo(-6.09, 2);
    expect(map.bounds.west).toBeCloseTo(106.55, 2);
    expect(map.bounds.east).toBeGreaterThanOrEqual(106.73);
    expect(map.basemap).toEqual({
      kind: 'pmtiles',
      url: `${demo.path}/api/region/basemap.pmtiles`,
      attribution: 'Uji',
    });
    const region = (await call(t, demo, { method: 'GET', url: '/api/region' })).json();
    expect(region.map.bounds).toEqual(map.bounds);
  });

  it('a region without bounds opens on Indonesia', async () => {
    const r = await createRegion(t);
    const map = (await call(t, r, { method: 'GET', url: '/api/region/map' })).json();
    expect(map.regionBounds).toBe(false);
    expect(map.bounds).toEqual({ south: -11.2, west: 94.7, north: 6.3, east: 141.1 });
  });

  it('only the region admin sets the map; the URL template and bounds are validated', async () => {
    const r = await createRegion(t);
    const admin = await createAccount(t, r, ['region_admin']);
    const put = (as: TestAccount | undefined, payload: unknown) =>
      call(t, r, { method: 'PUT', url: '/api/admin/region/map', as, payload: payload as object });
    const tiles = {
      bounds: { south: -7.3, west: 110.3, north: -7.1, east: 110.5 },
      basemap: { kind: 'tiles', url: 'https://tiles.contoh.go.id/{z}/{x}/{y}.png', attribution: '© Pemda' },
    };
    expect((await put(undefined, tiles)).statusCode).toBe(401);
    for (const role of ['citizen', 'operator', 'opd_admin', 'leadership'] as const) {
      const res = await put(await createAccount(t, r, [role]), tiles);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    for (const url of [
      'http://tiles.contoh.go.id/{z}/{x}/{y}.png',
      'https://tiles.contoh.go.id/{z}/{x}.png',
      'javascript:alert(1)//{z}{x}{y}',
      'https://user:pw@tiles.contoh.go.id/{z}/{x}/{y}.png',
    ]) {
      const res = await put(admin, { ...tiles, basemap: { ...tiles.basemap, url } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.messages.id).toBeTruthy();
    }
    const upsideDown = await put(admin, {
      ...tiles,
      bounds: { south: -7.1, west: 110.3, north: -7.3, east: 110.5 },
    });
    expect(upsideDown.statusCode).toBe(400);

    const ok = await put(admin, tiles);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().basemap).toEqual({ kind: 'tiles', url: tiles.basemap.url, attribution: '© Pemda' });
    const after = (await call(t, r, { method: 'GET', url: '/api/region' })).json();
    expect(after.map.bounds).toEqual(tiles.bounds);
    expect(after.map.setting.basemap.kind).toBe('tiles');

    const file = await put(admin, { bounds: null, basemap: { kind: 'file' } });
    expect(file.json().basemap.kind).toBe('pmtiles');
    const none = await put(admin, { bounds: null, basemap: { kind: 'none' } });
    expect(none.json().basemap).toEqual({ kind: 'none' });
    // Another region is untouched.
    const other = (await call(t, demo, { method: 'GET', url: '/api/region/map' })).json();
    expect(other.basemap.kind).toBe('pmtiles');
    expect(other.regionBounds).toBe(true);
  });
});

describe('region map: reverse area lookup', () => {
  it('answers the nearest kecamatan centroid inside Kota Tangerang, and nothing outside its bounds', async () => {
    const near = await locate(demo, -6.186, 106.694); // by the approximate centre of Cipondoh
    expect(near.statusCode).toBe(200);
    expect(near.json()).toMatchObject({
      kecamatan: { code: '36.71.05', name: 'Cipondoh' },
      kelurahan: null,
      method: 'nearest',
    });
    expect((await locate(demo, -6.18, 106.6)).json().kecamatan.name).toBe('Karawaci');
    expect((await locate(demo, -6.0, 106.6)).json()).toEqual({
      kecamatan: null,
      kelurahan: null,
      method: null,
    });
    expect((await locate(demo, -2.5, 118)).json().kecamatan).toBeNull();
    // Validated input.
    expect((await locate(demo, 95, 106)).statusCode).toBe(400);
    const bad = await call(t, demo, { method: 'GET', url: '/api/region/areas/locate?lat=abc&lng=1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('imports outlines and centroids from GeoJSON, then answers by boundary before nearest; region B never answers for A', async () => {
    const b = await createRegion(t);
    const admin = await createAccount(t, b, ['region_admin']);
    const kecamatan = (await call(t, b, { method: 'GET', url: '/api/region/areas' })).json() as {
      code: string;
      name: string;
    }[];
    const [k1, k2] = kecamatan;
    const villages = (
      await call(t, b, { method: 'GET', url: `/api/region/areas?parent=${k1!.code}` })
    ).json() as { code: string; name: string }[];
    await call(t, b, {
      method: 'PUT',
      url: '/api/admin/region/map',
      as: admin,
      payload: {
        bounds: { south: -7.5, west: 109.8, north: -6.8, east: 110.5 },
        basemap: { kind: 'default' },
      },
    });
    const imported = await call(t, b, {
      method: 'POST',
      url: '/api/admin/region/areas/geo',
      as: admin,
      payload: {
        type: 'FeatureCollection',
        features: [
          // k1 by its code without dots (as BIG exports carry it), an outline
          {
            type: 'Feature',
            properties: { KDEPUM: k1!.code.replaceAll('.', '') },
            geometry: square(110.0, -7.1, 110.1, -7.0),
          },
          // k2 by name, a centre only
          {
            type: 'Feature',
            properties: { nama: `Kecamatan ${k2!.name}` },
            geometry: { type: 'Point', coordinates: [110.11, -7.05] },
          },
          // a kelurahan of k1, an outline inside k1's
          {
            type: 'Feature',
            properties: { kode: villages[0]!.code },
            geometry: square(110.08, -7.06, 110.1, -7.04),
          },
          {
            type: 'Feature',
            properties: { kode: '99.99.99' },
            geometry: { type: 'Point', coordinates: [110, -7] },
          },
        ],
      },
    });
    expect(imported.statusCode).toBe(200);
    const result = imported.json();
    expect(result.matched).toEqual([
      { feature: 0, code: k1!.code, name: k1!.name, by: 'code', stored: 'boundary' },
      { feature: 1, code: k2!.code, name: k2!.name, by: 'name', stored: 'point' },
      { feature: 2, code: villages[0]!.code, name: villages[0]!.name, by: 'code', stored: 'boundary' },
    ]);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0].feature).toBe(3);

    // Inside k1's outline although k2's centre is nearer: the outline decides.
    expect((await locate(b, -7.05, 110.095)).json()).toEqual({
      kecamatan: { code: k1!.code, name: k1!.name },
      kelurahan: { code: villages[0]!.code, name: villages[0]!.name },
      method: 'boundary',
    });
    expect((await locate(b, -7.02, 110.02)).json()).toMatchObject({
      kecamatan: { code: k1!.code },
      kelurahan: null,
      method: 'boundary',
    });
    // Outside every outline: the nearest centre (k1's is the centroid of its outline).
    expect((await locate(b, -7.05, 110.3)).json()).toMatchObject({
      kecamatan: { code: k2!.code },
      method: 'nearest',
    });
    // Outside B's bounds: nothing.
    expect((await locate(b, -6.5, 110.05)).json().kecamatan).toBeNull();

    // The map draws them.
    const geo = (await call(t, b, { method: 'GET', url: '/api/region/areas/geo' })).json();
    expect(geo.find((a: { code: string }) => a.code === k1!.code).boundary.type).toBe('Polygon');
    expect(geo.find((a: { code: string }) => a.code === k1!.code).lat).toBeCloseTo(-7.05, 5);

    // Region A (no geometry) and the demo region never answer with B's areas at B's points.
    const a = await createRegion(t);
    expect((await locate(a, -7.05, 110.095)).json()).toEqual({
      kecamatan: null,
      kelurahan: null,
      method: null,
    });
    expect((await locate(demo, -7.05, 110.095)).json().kecamatan).toBeNull();
    const aGeo = (await call(t, a, { method: 'GET', url: '/api/region/areas/geo' })).json();
    expect(aGeo).toEqual([]);
  });

  it('refuses invalid geometry with a 400 envelope and stores nothing', async () => {
    const r = await createRegion(t);
    const admin = await createAccount(t, r, ['region_admin']);
    const [k] = (await call(t, r, { method: 'GET', url: '/api/region/areas' })).json();
    const send = (features: unknown[], as: TestAccount = admin) =>
      call(t, r, {
        method: 'POST',
        url: '/api/admin/region/areas/geo',
        as,
        payload: { type: 'FeatureCollection', features } as object,
      });
    const good = { type: 'Feature', properties: { kode: k.code }, geometry: square(110, -7.1, 110.1, -7) };
    const cases: unknown[] = [
      {
        type: 'Polygon',
        coordinates: [
          [
            [110, -7],
            [110.1, -7],
            [110.1, -7.1],
            [110, -7.2],
          ],
        ],
      }, // not closed
      {
        type: 'Polygon',
        coordinates: [
          [
            [110, -7],
            [110.1, -7],
            [110, -7],
          ],
        ],
      }, // too few positions
      {
        type: 'Polygon',
        coordinates: [
          [
            [510, -7],
            [110.1, -7],
            [110.1, -7.1],
            [510, -7],
          ],
        ],
      }, // out of range
      {
        type: 'LineString',
        coordinates: [
          [110, -7],
          [110.1, -7.1],
        ],
      },
      { type: 'MultiPolygon', coordinates: 'x' },
      { type: 'Point', coordinates: ['a', 'b'] },
    ];
    for (const geometry of cases) {
      const res = await send([good, { type: 'Feature', properties: { kode: k.code }, geometry }]);
      expect(res.statusCode, JSON.stringify(geometry)).toBe(400);
      const e = res.json().error;
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.messages.id).toMatch(/GeoJSON/);
      expect(e.messages.en).toMatch(/GeoJSON/);
      expect(e.details[0].path).toBe('body.features.1.geometry');
    }
    // Not a FeatureCollection at all.
    const notFc = await call(t, r, {
      method: 'POST',
      url: '/api/admin/region/areas/geo',
      as: admin,
      payload: { type: 'Feature' },
    });
    expect(notFc.statusCode).toBe(400);
    expect(notFc.json().error.code).toBe('VALIDATION_FAILED');
    // The good feature of the refused uploads was not stored.
    expect((await call(t, r, { method: 'GET', url: '/api/region/areas/geo' })).json()).toEqual([]);
    // Only the region admin imports.
    expect((await send([good], await createAccount(t, r, ['operator']))).statusCode).toBe(403);
  });
});

describe('region map: the self-hosted basemap file (HTTP range requests)', () => {
  const url = '/api/region/basemap.pmtiles';
  const get = (headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    call(t, demo, { method, url, headers });

  it('serves the whole file, one range (206), a suffix range, and HEAD', async () => {
    const full = await get();
    expect(full.statusCode).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(Number(full.headers['content-length'])).toBe(SIZE);
    expect(full.rawPayload.subarray(0, 7).toString()).toBe('PMTiles');
    expect(full.rawPayload[7]).toBe(3);

    const head = await get({ range: 'bytes=0-126' });
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-126/${SIZE}`);
    expect(head.rawPayload.length).toBe(127);
    expect(head.headers['content-length']).toBe('127');
    expect(head.rawPayload.equals(full.rawPayload.subarray(0, 127))).toBe(true);

    const middle = await get({ range: 'bytes=200-299' });
    expect(middle.statusCode).toBe(206);
    expect(middle.rawPayload.equals(full.rawPayload.subarray(200, 300))).toBe(true);

    const past = await get({ range: `bytes=${SIZE - 5}-${SIZE + 100}` });
    expect(past.statusCode).toBe(206);
    expect(past.headers['content-range']).toBe(`bytes ${SIZE - 5}-${SIZE - 1}/${SIZE}`);
    expect(past.rawPayload.length).toBe(5);

    const suffix = await get({ range: 'bytes=-10' });
    expect(suffix.statusCode).toBe(206);
    expect(suffix.rawPayload.equals(full.rawPayload.subarray(SIZE - 10))).toBe(true);

    const h = await get({}, 'HEAD');
    expect(h.statusCode).toBe(200);
    expect(Number(h.headers['content-length'])).toBe(SIZE);
    expect(h.headers['accept-ranges']).toBe('bytes');
    expect(h.rawPayload.length).toBe(0);
    const hr = await get({ range: 'bytes=0-9' }, 'HEAD');
    expect(hr.statusCode).toBe(206);
    expect(hr.headers['content-range']).toBe(`bytes 0-9/${SIZE}`);

    // A changed file (other ETag in If-Range) gets the whole file, not a stale range.
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"other"' });
    expect(stale.statusCode).toBe(200);
    const fresh = await get({ range: 'bytes=0-9', 'if-range': String(full.headers.etag) });
    expect(fresh.statusCode).toBe(206);
  });

  it('answers 416 with the envelope and Content-Range */size for ranges it cannot satisfy', async () => {
    for (const range of [
      `bytes=${SIZE}-`,
      'bytes=50-10',
      'bytes=0-1,5-9',
      'bytes=-0',
      'lines=0-5',
      'bytes=x-y',
    ]) {
      const res = await get({ range });
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${SIZE}`);
      expect(res.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
      expect(res.json().error.messages.id).toBeTruthy();
    }
    expect(parseRange('bytes=0-0', 1)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=-5', 3)).toEqual({ start: 0, end: 2 });
    expect(parseRange('bytes=0-', 0)).toBe('bad');
  });

  it('is 404 when the deployment has no basemap file', async () => {
    const plain = await createTestApp();
    try {
      const r = demoRegion(plain);
      const res = await plain.app.inject({ url: `${r.path}${url}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      const map = (await plain.app.inject({ url: `${r.path}/api/region/map` })).json();
      expect(map.basemap).toEqual({ kind: 'none' });
      expect(map.fileAvailable).toBe(false);
    } finally {
      await plain.close();
    }
  });
});

describe('region map: intake fills the area from the point', () => {
  it('LAKSA: a report without an area gets the kecamatan of its pin; the geofence is the region bounds', async () => {
    const citizen = await createAccount(t, demo, ['citizen']);
    const categoryId = (
      (await inRegion(t.database, { regionId: demo.id }, (tx) =>
        tx.execute(sql`select id from laksa_category where code = 'jalan-rusak'`),
      )) as unknown as { rows: { id: string }[] }
    ).rows[0]!.id;
    const file = (lat: number, lng: number, extra: Record<string, unknown> = {}) =>
      call(t, demo, {
        method: 'POST',
        url: '/api/m/laksa/reports',
        as: citizen,
        headers: { 'idempotency-key': randomUUID() },
        payload: {
          type: 'pengaduan',
          categoryId,
          description: 'Lampu penerangan jalan mati sejak seminggu, gelap sekali di malam hari.',
          lat,
          lng,
          ...extra,
        },
      });
    const res = await file(-6.2285, 106.7125); // Ciledug
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const [row] = (
      (await inRegion(t.database, { regionId: demo.id }, (tx) =>
        tx.execute(sql`select kecamatan, kelurahan from laksa_report where id = ${id}`),
      )) as unknown as { rows: { kecamatan: string; kelurahan: string | null }[] }
    ).rows;
    expect(row).toEqual({ kecamatan: '36.71.06', kelurahan: null });
    // A chosen area is kept as chosen.
    const chosen = await file(-6.2285, 106.7125, { areaCode: '36.71.01' });
    expect(chosen.statusCode).toBe(201);
    // LAKSA has no bounds of its own in the demo: the region's bounds are the geofence.
    const outside = await file(-6.05, 106.6);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('112: an incident without an area gets its kecamatan (KPIs per kecamatan fill in)', async () => {
    const taker = await createAccount(t, demo, ['operator']);
    const res = await call(t, demo, {
      method: 'POST',
      url: '/api/m/darurat/calls',
      as: taker,
      payload: {
        callerPhone: '081355557777',
        classification: 'darurat',
        typeCode: 'kebakaran',
        lat: -6.1825,
        lng: 106.6085, // Karawaci
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().incident.id;
    const [row] = (
      (await inRegion(t.database, { regionId: demo.id }, (tx) =>
        tx.execute(sql`select kecamatan, kelurahan from darurat_incident where id = ${id}`),
      )) as unknown as { rows: { kecamatan: string | null; kelurahan: string | null }[] }
    ).rows;
    expect(row).toEqual({ kecamatan: 'Karawaci', kelurahan: null });
  });

  it('112: a panic without location gets its kecamatan when the location arrives', async () => {
    const citizen = await createAccount(t, demo, ['citizen']);
    const pressed = await call(t, demo, {
      method: 'POST',
      url: '/api/m/darurat/panic',
      as: citizen,
      payload: { typeCode: 'medis' },
    });
    expect(pressed.statusCode).toBe(201);
    const id = pressed.json().id;
    const area = async () =>
      (
        (await inRegion(t.database, { regionId: demo.id }, (tx) =>
          tx.execute(sql`select kecamatan from darurat_incident where id = ${id}`),
        )) as unknown as { rows: { kecamatan: string | null }[] }
      ).rows[0]!.kecamatan;
    expect(await area()).toBeNull();
    const located = await call(t, demo, {
      method: 'POST',
      url: `/api/m/darurat/my/incidents/${id}/location`,
      as: citizen,
      payload: { lat: -6.2245, lng: 106.6705 }, // Pinang
    });
    expect(located.statusCode).toBe(200);
    expect(await area()).toBe('Pinang');
  });
});
