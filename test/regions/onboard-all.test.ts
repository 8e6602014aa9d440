import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, inArray, like } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../api/cli';
import type { Database } from '../../api/core/db/client';
import { appUser, opd, region, regionArea, regionModule } from '../../api/core/db/schema';
import { asPlatform } from '../../api/core/db/scope';
import { allRegions } from '../../api/core/regions/area-data';
import { defaultOpdsFor } from '../../api/core/regions/onboard';
import { type OnboardAllProgress, onboardAll, progressBar } from '../../api/core/regions/onboard-all';
import { modules } from '../../api/modules';
import { openTestDatabase } from '../support/database';
import { withDatabase } from '../support/global-setup';
import { testDbKind } from '../support/kind';

describe('onboarding every region (region add --all)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const countsOf = (prefix: string) =>
    asPlatform(database, { actor: 'test', action: 'test.count', reason: 'counts' }, async (tx) => {
      const ids = tx
        .select({ id: region.id })
        .from(region)
        .where(like(region.code, `${prefix}%`));
      const n = async (table: typeof regionArea | typeof opd | typeof appUser | typeof regionModule) => {
        const [row] = await tx.select({ n: count() }).from(table).where(inArray(table.regionId, ids));
        return row!.n;
      };
      const [regions] = await tx
        .select({ n: count() })
        .from(region)
        .where(like(region.code, `${prefix}%`));
      return {
        regions: regions!.n,
        areas: await n(regionArea),
        opd: await n(opd),
        users: await n(appUser),
        modules: await n(regionModule),
      };
    });

  it('the Kemendagri list holds 38 provinces and 514 kabupaten/kota: 552 regions', () => {
    const all = allRegions();
    expect(all.filter((r) => r.type === 'provinsi')).toHaveLength(38);
    expect(all.filter((r) => r.type !== 'provinsi')).toHaveLength(514);
    expect(new Set(all.map((r) => r.code)).size).toBe(552);
    expect(allRegions('36').map((r) => r.code)).toEqual([
      '36',
      '36.01',
      '36.02',
      '36.03',
      '36.04',
      '36.71',
      '36.72',
      '36.73',
      '36.74',
    ]);
  });

  it('--province 36 onboards Banten and its 8 kabupaten/kota once (Kota Tangerang is already there); a re-run adds nothing, fast', async () => {
    const before = await countsOf('36');
    expect(before.regions).toBe(1); // the demo region 36.71
    const seen: OnboardAllProgress[] = [];
    const first = await onboardAll(database, { provinceCode: '36', onProgress: (p) => seen.push(p) });
    expect(first.total).toBe(9);
    expect(first.existing).toBe(1);
    expect(first.added.map((r) => r.code)).toEqual([
      '36',
      '36.01',
      '36.02',
      '36.03',
      '36.04',
      '36.72',
      '36.73',
      '36.74',
    ]);
    expect(first.added[0]).toMatchObject({ name: 'Provinsi Banten', slug: 'provinsi-banten' });
    expect(first.added.every((r) => r.admin && r.admin.password.length >= 16)).toBe(true);
    expect(seen.map((p) => [p.done, p.outcome])).toEqual([
      [1, 'added'],
      [2, 'added'],
      [3, 'added'],
      [4, 'added'],
      [5, 'added'],
      [6, 'exists'],
      [7, 'added'],
      [8, 'added'],
      [9, 'added'],
    ]);

    const after = await countsOf('36');
    expect(after.regions).toBe(9);
    // Every new region got its admin, OPDs and module switches; the kabupaten/kota their areas.
    expect(after.users - before.users).toBe(8);
    expect(after.opd - before.opd).toBe(
      7 * defaultOpdsFor('kabupaten', '').length + defaultOpdsFor('provinsi', 'Provinsi Banten').length,
    );
    expect(after.modules - before.modules).toBe(8 * modules.length);
    expect(after.areas - before.areas).toBeGreaterThan(1500);

    const t0 = performance.now();
    const again = await onboardAll(database, { provinceCode: '36' });
    const ms = performance.now() - t0;
    expect(again).toMatchObject({ total: 9, existing: 9, added: [] });
    expect(ms).toBeLessThan(2000);
    expect(await countsOf('36')).toEqual(after);
  });

  it('refuses a malformed or unknown province code, in Indonesian and English', async () => {
    await expect(onboardAll(database, { provinceCode: '3' })).rejects.toThrow(
      /tidak valid.*Invalid province/,
    );
    await expect(onboardAll(database, { provinceCode: '99' })).rejects.toThrow(
      /tidak dikenal.*Unknown Kemendagri province code 99/,
    );
  });

  it('draws a one-line progress bar with the rate and what is left', () => {
    const line = progressBar(
      {
        done: 276,
        total: 552,
        region: {
          ...allRegions('36')[5]!,
          name: 'Kota Tangerang',
          slug: 'kota-tangerang',
          timeZone: 'WIB',
        },
        outcome: 'added',
        ms: 90,
        slug: 'kota-tangerang',
        admin: null,
      },
      27_600,
      276,
      10,
    );
    expect(line).toBe('[#####-----] 276/552  36.71 Kota Tangerang  0.10 s/daerah  sisa/left ~27.6 s');
  });
});

/** The command as an operator types it, on a fresh database (PGlite folder or PostgreSQL). */
describe('simpul region add --all (CLI)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'simpul-all-'));
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const pgUrl = process.env.TEST_DATABASE_URL;
  const pgName = `simpul_all_${process.pid}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    if (testDbKind() !== 'postgres') return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${pgName}`).finally(() => admin.end());
    env.DATABASE_URL = withDatabase(pgUrl!, pgName);
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (testDbKind() !== 'postgres') return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${pgName} with (force)`).finally(() => admin.end());
  });

  it('refuses --all with a code or with single-region options (exit 2)', async () => {
    const quiet = { log: () => {} };
    const err = console.error;
    console.error = () => {};
    try {
      expect(await runCli(['region', 'add', '36.71', '--all'], quiet, env)).toBe(2);
      expect(await runCli(['region', 'add', '--all', '--admin-password', 'rahasia-123'], quiet, env)).toBe(2);
      expect(await runCli(['region', 'add', '--province', '36'], quiet, env)).toBe(2);
      expect(await runCli(['region', 'list', '--all'], quiet, env)).toBe(2);
    } finally {
      console.error = err;
    }
  });

  it('--province 93 on a terminal: a \\r progress bar, the total time and seconds per region, logins in a mode-600 CSV; again: nothing added', {
    timeout: 180_000,
  }, async () => {
    const lines: string[] = [];
    let screen = '';
    const tty = {
      log: (l: string) => lines.push(l),
      tty: { write: (s: string) => (screen += s), columns: 120 },
    };
    const credentials = path.join(dataDir, 'admins.csv');
    expect(
      await runCli(['region', 'add', '--all', '--province', '93', '--credentials', credentials], tty, env),
    ).toBe(0);
    expect(screen).toMatch(/^\r\[#+-*\] +\d\/5 /);
    expect(screen).toContain('\r[##############################] 5/5  93.04 Kabupaten Asmat');
    expect(screen.endsWith('\n')).toBe(true);
    expect(lines[0]).toMatch(
      /^✔ 5 daerah: 5 ditambahkan, 0 sudah ada, dalam [\d.]+ s \([\d.]+ s per daerah baru \/ per new region\)/,
    );
    expect(lines[1]).toContain(credentials);
    const csv = readFileSync(credentials, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('code,name,url,email,password');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(['93', '93.01', '93.02', '93.03', '93.04']);
    expect(csv[1]).toMatch(
      /^93,Provinsi Papua Selatan,\/r\/provinsi-papua-selatan\/,admin@provinsi-papua-selatan\.simpul\.local,\w{16}$/,
    );
    expect(statSync(credentials).mode & 0o777).toBe(0o600);

    // Not a terminal: plain lines. Nothing new: no credentials file.
    const plain: string[] = [];
    expect(
      await runCli(['region', 'add', '--all', '--province', '93'], { log: (l) => plain.push(l) }, env),
    ).toBe(0);
    expect(plain).toEqual([
      '  5 daerah sudah terdaftar, dilewati / already onboarded, skipped',
      expect.stringMatching(/^✔ 5 daerah: 0 ditambahkan, 5 sudah ada, dalam [\d.]+ s \(-\)/),
    ]);
  });
});
