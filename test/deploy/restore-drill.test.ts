/**
 * The backup/restore drill on the real PostgreSQL: a database with the demo region (a copy of the
 * run's seeded template) and a file store are backed up with deploy/backup.sh, the database is
 * dropped, deploy/restore.sh brings both back into a fresh database and folder, and then every
 * table has the same rows and the app reads a report through its API. PostgreSQL project only
 * (the PGlite project has no pg_dump to drill).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../api/core/db/client';
import { call, createAccount, createTestApp, demoRegion } from '../support/app';
import { withDatabase } from '../support/global-setup';
import { testDbKind } from '../support/kind';

const root = path.resolve(import.meta.dirname, '../..');

async function rowCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // The superuser of the test cluster bypasses RLS: these are the real counts.
    const tables = await c.query<{ schema: string; name: string }>(
      `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'drizzle') and c.relkind = 'r' order by 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const t of tables.rows)
      counts[`${t.schema}.${t.name}`] = Number(
        (await c.query(`select count(*) as n from "${t.schema}"."${t.name}"`)).rows[0].n,
      );
    return counts;
  } finally {
    await c.end();
  }
}

describe.runIf(testDbKind() === 'postgres')(
  'backup and restore drill (deploy/backup.sh, deploy/restore.sh)',
  () => {
    const url = process.env.TEST_DATABASE_URL!;
    const stamp = `${process.pid}_${Date.now().toString(36)}`;
    const source = `simpul_drill_${stamp}`;
    const restored = `simpul_drill_r_${stamp}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-drill-'));
    const admin = new pg.Client({ connectionString: url });
    afterAll(async () => {
      for (const db of [source, restored]) await admin.query(`drop database if exists ${db} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    });

    it('backs up, drops, restores into a fresh database: same rows in every table, the API reads a report', async () => {
      await admin.connect();
      await admin.query(`create database ${source} template ${inject('pgTemplate')}`);
      const dataDir = path.join(dir, 'data');
      mkdirSync(path.join(dataDir, 'files/laksa'), { recursive: true });
      writeFileSync(path.join(dataDir, 'files/laksa/foto-uji.jpg'), 'bukan foto sungguhan');
      const before = await rowCounts(withDatabase(url, source));
      expect(before['public.laksa_report']).toBeGreaterThan(0);

      const backups = path.join(dir, 'backups');
      execFileSync('sh', [path.join(root, 'deploy/backup.sh')], {
        env: {
          ...process.env,
          BACKUP_DIR: backups,
          BACKUP_DATABASE_URL: withDatabase(url, source),
          DATA_DIR: dataDir,
        },
        stdio: 'pipe',
      });
      const names = readdirSync(backups).sort();
      expect(names).toHaveLength(2);
      const dump = names.find((n) => /^simpul-\d{8}T\d{6}Z\.dump$/.test(n))!;
      const files = names.find((n) => n.endsWith('.files.tar.gz'))!;
      expect(dump && files).toBeTruthy();

      await admin.query(`drop database ${source} with (force)`);
      await admin.query(`create database ${restored}`);
      const target = path.join(dir, 'restored-data');
      execFileSync(
        'sh',
        [
          path.join(root, 'deploy/restore.sh'),
          withDatabase(url, restored),
          path.join(backups, dump),
          path.join(backups, files),
          target,
        ],
        { stdio: 'pipe' },
      );
      // A second restore into the now non-empty database is refused.
      expect(() =>
        execFileSync(
          'sh',
          [path.join(root, 'deploy/restore.sh'), withDatabase(url, restored), path.join(backups, dump)],
          {
            stdio: 'pipe',
          },
        ),
      ).toThrow(/already has \d+ tables/);

      expect(await rowCounts(withDatabase(url, restored))).toEqual(before);
      expect(readFileSync(path.join(target, 'files/laksa/foto-uji.jpg'), 'utf8')).toBe(
        'bukan foto sungguhan',
      );
      // Owners kept: the LAKSA search door still runs as simpul_search (ARCHITECTURE.md, Tenancy).
      const r = new pg.Client({ connectionString: withDatabase(url, restored) });
      await r.connect();
      const restoredOwner = await r.query(
        `select pg_get_userbyid(proowner) as owner from pg_proc where proname = 'laksa_search_door'`,
      );
      await r.end();
      expect(restoredOwner.rows).toEqual([{ owner: 'simpul_search' }]);

      // The app on the restored database: an operator reads a demo report, and LAKSA search works.
      const t = await createTestApp({
        database: await openDatabase({ databaseUrl: withDatabase(url, restored), poolSize: 2 }),
      });
      try {
        const region = demoRegion(t);
        const operator = await createAccount(t, region, ['operator']);
        // Full-text search goes through the search door (its owner must have survived the restore).
        const search = await call(t, region, {
          method: 'GET',
          url: '/api/m/laksa/inbox?q=jalan',
          as: operator,
        });
        expect(search.statusCode, search.body).toBe(200);
        expect(search.json().items.length).toBeGreaterThan(0);
        const all = await call(t, region, { method: 'GET', url: '/api/m/laksa/inbox', as: operator });
        const first = all.json().items[0] as { id: string; ticket: string };
        const one = await call(t, region, {
          method: 'GET',
          url: `/api/m/laksa/reports/${first.id}`,
          as: operator,
        });
        expect(one.statusCode, one.body).toBe(200);
        expect(one.json().ticket).toBe(first.ticket);
      } finally {
        await t.close();
      }
    });
  },
);
