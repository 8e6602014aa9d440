import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/core/db/client';
import { asPlatform } from '../../api/core/db/scope';
import { DEMO_PASSWORD } from '../../api/core/demo/seed';
import { LocalFileStore } from '../../api/core/files/store';
import { storeFile } from '../../api/core/files/upload';
import { exportRegion } from '../../api/core/regions/transfer/export';
import { ImportError, importRegion } from '../../api/core/regions/transfer/import';
import { modules } from '../../api/modules';
import { createRegion, createTestApp, demoRegion, type TestApp, type TestRegion } from '../support/app';
import { openTestDatabase } from '../support/database';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'simpul-transfer-'));
const actor = 'test';

async function exportToBuffer(database: Database, files: LocalFileStore, code: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportRegion(database, files, code, sink, actor);
  return Buffer.concat(chunks);
}

/** The archive's entries by name (the test reads them back to compare two archives). */
async function entriesOf(archive: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tarExtract();
  const reading = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  await pipeline(Readable.from([archive]), createGunzip(), extract);
  await reading;
  return out;
}

/** An archive built from entries (to tamper with one). */
async function archiveOf(entries: Map<string, Buffer>): Promise<Buffer> {
  const pack = tarPack();
  for (const [name, body] of entries) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c) => chunks.push(c));
  await pipeline(pack, sink);
  return gzipSync(Buffer.concat(chunks));
}

const importBuffer = (database: Database, files: LocalFileStore, archive: Buffer, dryRun = false) =>
  importRegion(database, files, Readable.from([archive]), { dryRun, actor });

async function count(database: Database, table: string, regionId?: string): Promise<number> {
  return asPlatform(database, { actor, action: 'test.count', reason: 'test' }, async (tx) => {
    const where = regionId
      ? sql` where ${sql.raw(table === 'region' ? 'id' : 'region_id')} = ${regionId}`
      : sql``;
    const r = await tx.execute(sql`select count(*)::int as n from ${sql.raw(table)}${where}`);
    return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
  });
}

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());

describe('region export / import', () => {
  let source: TestApp;
  let target: Database;
  let tangerang: TestRegion;
  const srcDir = tmp();
  const dstDir = tmp();
  const srcFiles = new LocalFileStore(srcDir);
  const dstFiles = new LocalFileStore(dstDir);
  let archive: Buffer;

  beforeAll(async () => {
    source = await createTestApp({ files: srcFiles });
    tangerang = demoRegion(source);
    // A stored file with bytes in the store, so the archive carries files too.
    await asPlatform(source.database, { actor, action: 'test.file', reason: 'test' }, (tx) =>
      storeFile(tx, srcFiles, tangerang.id, randomUUID(), 'laksa.photo', {
        bytes: Buffer.from('%PDF-1.4 lampiran uji\n'),
        mime: 'application/pdf',
        width: null,
        height: null,
      }),
    );
    archive = await exportToBuffer(source.database, srcFiles, '36.71');
    target = await openTestDatabase({ empty: true });
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(srcDir, { recursive: true, force: true });
    rmSync(dstDir, { recursive: true, force: true });
  });

  it('carries every module’s data, accounts and files of the demo region, and nothing of sessions', async () => {
    const entries = await entriesOf(archive);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    const rows = new Map<string, number>(
      manifest.tables.map((t: { name: string; rows: number }) => [t.name, t.rows]),
    );
    for (const m of modules) {
      const prefix = `${m.id.replaceAll('-', '_')}_`;
      const own = [...rows].filter(
        ([name]) => name.startsWith(prefix) || (m.id === 'perizinan' && name.startsWith('izin_')),
      );
      if (own.length > 0)
        expect(
          own.some(([, n]) => n > 0),
          `${m.id} has demo rows`,
        ).toBe(true);
    }
    expect(rows.get('app_user')).toBeGreaterThan(5);
    expect(rows.get('region')).toBe(1);
    expect(rows.has('session')).toBe(false);
    const lines = [...entries.keys()];
    expect(lines.filter((n) => n.startsWith('files/'))).toHaveLength(manifest.files);
    expect(lines.at(-1)).toBe('end.json');
    // Password hashes travel (people keep their passwords); the archive is as secret as a backup.
    expect(lines.some((n) => n.includes('app_user') && entries.get(n)!.toString().includes('$argon2'))).toBe(
      true,
    );
  });

  it('a dry run into a new deployment reports no conflict and writes nothing', async () => {
    const r = await importBuffer(target, dstFiles, archive, true);
    expect(r.conflicts).toEqual([]);
    expect(r.imported).toBe(false);
    expect(r.rows).toBeGreaterThan(1000);
    expect(r.files).toBe(1);
    expect(await count(target, 'region')).toBe(0);
    expect(files(dstDir)).toHaveLength(0);
  });

  it('loads into a new deployment with the same ids: exporting it again gives the same rows and files', async () => {
    const r = await importBuffer(target, dstFiles, archive);
    expect(r).toMatchObject({ imported: true, conflicts: [] });
    const again = await entriesOf(await exportToBuffer(target, dstFiles, '36.71'));
    const first = await entriesOf(archive);
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [name, body] of first) {
      if (name === 'manifest.json') {
        const strip = (b: Buffer) => ({ ...JSON.parse(b.toString()), exportedAt: null });
        expect(strip(again.get(name)!)).toEqual(strip(body));
      } else expect(again.get(name)!.equals(body), name).toBe(true);
    }
  });

  it('the moved region works: the demo admin signs in with the same password, new events get new ids', async () => {
    const app = await createTestApp({ database: target, files: dstFiles });
    try {
      const login = await app.app.inject({
        method: 'POST',
        url: `${tangerang.path}/api/auth/login`,
        payload: { identifier: 'admin@tangerangkota.demo.simpul.id', password: DEMO_PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const reports = await app.app.inject({ url: `${tangerang.path}/api/m/laksa/public/reports` });
      expect(reports.statusCode).toBe(200);
      expect(JSON.parse(reports.body).items.length).toBeGreaterThan(0);
      // The shared identity sequences moved past the imported ids, or this would clash with event 1.
      const events = await count(target, 'event', tangerang.id);
      await asPlatform(target, { actor, action: 'test.event', reason: 'test' }, (tx) =>
        tx.execute(sql`insert into event (region_id, type, module, summary, permission)
          values (${tangerang.id}, 'test.moved', 'core', '{"id":"uji","en":"test"}', 'core:audit.read')`),
      );
      expect(await count(target, 'event', tangerang.id)).toBe(events + 1);
    } finally {
      await app.app.close(); // the database stays open for the next tests
    }
  });

  it('a second region joins the shared deployment; the first is untouched', async () => {
    const kab: TestRegion = await createRegion(source);
    await asPlatform(source.database, { actor, action: 'test.file', reason: 'test' }, (tx) =>
      storeFile(tx, srcFiles, kab.id, randomUUID(), 'laksa.photo', {
        bytes: Buffer.from('%PDF-1.4 berkas kabupaten\n'),
        mime: 'application/pdf',
        width: null,
        height: null,
      }),
    );
    const before = await count(target, 'laksa_report', tangerang.id);
    const r = await importBuffer(target, dstFiles, await exportToBuffer(source.database, srcFiles, kab.code));
    expect(r.imported).toBe(true);
    expect(await count(target, 'region')).toBe(2);
    expect(await count(target, 'app_user', kab.id)).toBe(await count(source.database, 'app_user', kab.id));
    expect(await count(target, 'laksa_report', tangerang.id)).toBe(before);
    expect(files(path.join(dstDir, kab.id))).toHaveLength(1);
  });

  it('refuses a region that is already there, or whose domain another region uses, listing every reason', async () => {
    const dry = await importBuffer(target, dstFiles, archive, true);
    expect(dry.imported).toBe(false);
    expect(dry.conflicts.map((c) => c.en).join('\n')).toContain('Region 36.71');
    await expect(importBuffer(target, dstFiles, archive)).rejects.toBeInstanceOf(ImportError);

    // A region whose domain is already served by another region here.
    const other = await createRegion(source);
    const domain = `layanan-${other.slug}.go.id`;
    const setDomain = (database: Database, regionId: string) =>
      asPlatform(database, { actor, action: 'test.domain', reason: 'test' }, (tx) =>
        tx.execute(
          sql`insert into region_domain (domain, region_id, verified_at) values (${domain}, ${regionId}, now())`,
        ),
      );
    await setDomain(source.database, other.id);
    await setDomain(target, tangerang.id);
    const clash = await importBuffer(
      target,
      dstFiles,
      await exportToBuffer(source.database, srcFiles, other.code),
      true,
    );
    expect(clash.conflicts.map((c) => c.en)).toEqual([`Domain ${domain} is used by another region`]);
    expect(await count(target, 'region', other.id)).toBe(0);
  });

  it('refuses a cut, foreign or tampered archive whole, and accepts one with npm’s banner in front', async () => {
    const kab = await createRegion(source);
    const good = await exportToBuffer(source.database, srcFiles, kab.code);
    const regions = await count(target, 'region');
    const refused = async (bytes: Buffer, message: RegExp) => {
      const err = await importBuffer(target, dstFiles, bytes).catch((e) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect(err.message).toMatch(message);
      expect(await count(target, 'region')).toBe(regions);
    };
    await refused(good.subarray(0, Math.floor(good.length * 0.6)), /cut short|damaged/);
    await refused(Buffer.from('bukan arsip'), /damaged|not a Simpul/);
    const entries = await entriesOf(good);
    const userEntry = [...entries.keys()].find((n) => n.includes('-app_user/'))!;
    entries.set(userEntry, Buffer.from(entries.get(userEntry)!.toString().replaceAll(kab.id, tangerang.id)));
    await refused(await archiveOf(entries), /not of region/);

    const banner = Buffer.from(`\n> simpul@0.1.0 simpul\n> tsx api/cli.ts region export ${kab.code}\n\n`);
    const r = await importBuffer(target, dstFiles, Buffer.concat([banner, good]), true);
    expect(r.conflicts).toEqual([]);
  });
});
