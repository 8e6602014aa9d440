import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoRegion, type TestApp, type TestRegion } from '../../../test/support/app';
import {
  makeDataset,
  publish,
  SAMPLE_CSV,
  SAMPLE_POINTS,
  staffAdmin,
  uploadCsv,
  uploadGeoJson,
} from './testing';

const run = promisify(execFile);

/** Debian's gdal-bin (`ogrinfo`); .ci/run installs it, so in CI this never skips. */
const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0 || process.env.CI === 'true';
if (!hasOgrinfo)
  console.log(
    'SKIPPED: ogrinfo interop (no ogrinfo on PATH; apt-get install -y --no-install-recommends gdal-bin)',
  );

type CkanClient = {
  action(
    name: string,
    data: object,
    cb: (err: unknown, body: { success: boolean; result: unknown }) => void,
  ): void;
  datastoreQuery(
    q: object,
    cb: (
      err: unknown,
      out: { total: number; fields: { id: string; type: string }[]; hits: Record<string, unknown>[] },
    ) => void,
  ): void;
};

/**
 * Real clients against a real server on 127.0.0.1: okfn's CKAN client (npm `ckan`, which POSTs
 * JSON to /api/3/action like every CKAN client) and GDAL's OGC API – Features driver (what QGIS uses).
 */
describe('data-peta: interoperability with a CKAN client and GDAL', () => {
  let t: TestApp;
  let base: string;
  let region: TestRegion;
  let tableId: string;
  beforeAll(async () => {
    t = await createTestApp();
    region = demoRegion(t);
    const admin = await staffAdmin(t, region);
    const ds = await makeDataset(t, region, admin, { name: 'interop-sekolah', title: 'Sekolah (interop)' });
    tableId = (await uploadCsv(t, region, admin, ds.id, SAMPLE_CSV)).json().resource.id;
    await uploadGeoJson(t, region, admin, ds.id, SAMPLE_POINTS);
    await publish(t, region, admin, ds.id);
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `${url}${region.path}`;
  });
  afterAll(() => t.close());

  it('okfn CKAN client: actions, search and datastore queries work unchanged', async () => {
    const ckan = createRequire(import.meta.url)('ckan') as { Client: new (endpoint: string) => CkanClient };
    const client = new ckan.Client(base);
    const action = (name: string, data: object) =>
      new Promise<{ success: boolean; result: unknown }>((resolve, reject) =>
        client.action(name, data, (err, body) => (err ? reject(err) : resolve(body))),
      );
    expect((await action('status_show', {})).success).toBe(true);
    const list = (await action('package_list', {})).result as string[];
    expect(list).toEqual(
      expect.arrayContaining(['interop-sekolah', 'laksa-laporan-per-kategori', 'harga-pangan-harga-harian']),
    );
    const found = (await action('dataset_search', { q: 'interop', rows: 5 })).result as { count: number };
    expect(found.count).toBe(1);
    const shown = (await action('package_show', { id: 'interop-sekolah' })).result as {
      resources: { id: string }[];
    };
    expect(shown.resources.map((r) => r.id)).toContain(tableId);
    const out = await new Promise<{
      total: number;
      fields: { id: string; type: string }[];
      hits: Record<string, unknown>[];
    }>((resolve, reject) =>
      client.datastoreQuery(
        {
          resource_id: tableId,
          size: 2,
          sort: [{ field: 'jumlah_sekolah', order: 'desc' }],
          filters: [{ type: 'term', field: 'tahun', term: 2025 }],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
    expect(out.total).toBe(3);
    expect(out.hits.map((h) => h.kecamatan)).toEqual(['Cipondoh', 'Karawaci']);
    // The client maps CKAN types to its own (int → integer).
    expect(out.fields.find((f) => f.id === 'tahun')?.type).toBe('integer');
    const err = await action('package_show', { id: 'tidak-ada' }).catch((e) => String(e));
    expect(err).toContain('HTTP code 404');
  });

  it.skipIf(!hasOgrinfo)(
    'GDAL ogrinfo (OAPIF driver) lists every layer and reads every feature, following next links',
    async () => {
      const url = `OAPIF:${base}/ogc/`;
      const layers = (await run('ogrinfo', ['-ro', '-q', url], { timeout: 60_000 })).stdout;
      for (const id of ['laksa-laporan', 'harga-pangan-pasar', 'taman-kota', 'interop-sekolah'])
        expect(layers, layers).toContain(id);
      const collections = [...layers.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]!);
      expect(collections.length).toBeGreaterThanOrEqual(4);
      for (const id of collections) {
        const summary = (await run('ogrinfo', ['-ro', '-so', url, id], { timeout: 60_000 })).stdout;
        expect(summary, id).toMatch(/Feature Count: \d+/);
        expect(summary, id).toMatch(/Extent: \(/);
        // Reading every feature, two per page, makes GDAL follow the `next` links to the end.
        const all = await run('ogrinfo', ['-ro', '-al', '-oo', 'PAGE_SIZE=2', url, id], {
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        const count = Number(/Feature Count: (\d+)/.exec(summary)?.[1]);
        expect((all.stdout.match(/^OGRFeature\(/gm) ?? []).length, id).toBe(count);
      }
      const spatial = (
        await run(
          'ogrinfo',
          ['-ro', '-al', '-spat', '106.625', '-6.175', '106.64', '-6.16', url, 'interop-sekolah'],
          { timeout: 60_000 },
        ).catch((e) => {
          console.log('OGRERR', e.stderr, e.stdout);
          throw e;
        })
      ).stdout;
      expect(spatial).toContain('nama (String) = A');
      expect(spatial).not.toContain('nama (String) = B');
    },
  );
});
