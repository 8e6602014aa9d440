import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/support/global-setup';
import { testDbKind } from '../../../test/support/kind';
import { startTestS3 } from '../../../test/support/s3';
import { runCli } from '../../cli';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import {
  checkDeployment,
  type DatabaseFacts,
  judgeDatabase,
  readDatabaseFacts,
  runDeployCheck,
} from './check';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'simpul-deploy-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const notADir = path.join(tmp, 'berkas-biasa');
writeFileSync(notADir, '');

const goodFacts: DatabaseFacts = {
  user: 'simpul',
  superuser: false,
  bypassRls: false,
  createRole: true,
  roles: [
    { name: 'simpul_app', superuser: false, bypassRls: false, member: true },
    { name: 'simpul_platform', superuser: false, bypassRls: false, member: true },
  ],
  canMigrate: true,
  tablesWithoutForcedRls: [],
  tableCount: 120,
  synchronousCommit: 'on',
  fsync: 'on',
  fullPageWrites: 'on',
};

/** A production environment as deploy/simpul.env.example describes it, on temp folders. */
function goodEnv(): NodeJS.ProcessEnv {
  const backups = path.join(tmp, `backups-${Math.random().toString(36).slice(2)}`);
  mkdirSync(backups);
  writeFileSync(path.join(backups, 'simpul-20261205T013000Z.dump'), 'x');
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://simpul:rahasia@127.0.0.1:5432/simpul',
    SESSION_SECRET: '3f9a1c77d0b24e5e8a6f1b2c3d4e5f60718293a4b5c6d7e8',
    PUBLIC_URL: 'https://simpul.tangerangkota.go.id',
    TRUST_PROXY: 'true',
    HOST: '127.0.0.1',
    DATA_DIR: path.join(tmp, 'data'),
    TZ: 'Asia/Jakarta',
    BACKUP_DIR: backups,
    BACKUP_DATABASE_URL: 'postgres://simpul_backup:rahasia@127.0.0.1:5432/simpul',
    SMTP_URL: 'smtps://simpul:sandi@smtp.tangerangkota.go.id:465',
    MAIL_FROM: 'Simpul <no-reply@tangerangkota.go.id>',
  };
}

const check = (env: NodeJS.ProcessEnv, facts = goodFacts) =>
  checkDeployment(env, { facts: async () => facts });
const failures = async (env: NodeJS.ProcessEnv, facts = goodFacts) =>
  (await check(env, facts)).filter((f) => f.level === 'fail');

describe('deploy check', () => {
  it('passes a good production environment with exit code 0, printing both languages for warnings', async () => {
    const lines: string[] = [];
    const code = await runDeployCheck(
      goodEnv(),
      { log: (l) => lines.push(l) },
      { facts: async () => goodFacts },
    );
    expect(
      lines.filter((l) => l.startsWith('✘')),
      lines.join('\n'),
    ).toEqual([]);
    expect(code).toBe(0);
    expect(lines.at(-1)).toContain('Siap produksi');
    expect(lines.at(-1)).toContain('ready for production');
  });

  const bad: [string, NodeJS.ProcessEnv, string, string][] = [
    ['NODE_ENV', { NODE_ENV: 'development' }, 'NODE_ENV bukan production', 'NODE_ENV is not production'],
    ['SESSION_SECRET', { SESSION_SECRET: 'pendek' }, 'kurang dari 32 karakter', 'shorter than 32 characters'],
    ['SESSION_SECRET', { SESSION_SECRET: 'a'.repeat(40) }, 'tidak acak', 'not random'],
    ['SESSION_SECRET', { SESSION_SECRET: undefined }, 'SESSION_SECRET kosong', 'SESSION_SECRET is unset'],
    [
      'PUBLIC_URL',
      { PUBLIC_URL: 'http://simpul.tangerangkota.go.id' },
      'harus alamat https',
      'must be the https address',
    ],
    ['PUBLIC_URL', { PUBLIC_URL: undefined }, 'harus alamat https', 'must be the https address'],
    ['TRUST_PROXY', { TRUST_PROXY: 'false' }, 'di belakang proxy', 'behind a proxy'],
    ['SMTP_URL', { SMTP_URL: undefined }, 'SMTP_URL belum diisi', 'SMTP_URL is not set'],
    ['SMTP_URL', { SMTP_URL: 'https://mail.example' }, 'SMTP_URL belum diisi', 'SMTP_URL is not set'],
    // A file where the folder should be (not /proc: Node's recursive mkdir loops there).
    ['DATA_DIR', { DATA_DIR: path.join(notADir, 'data') }, 'tidak bisa ditulis', 'is not writable'],
    ['TZ', { TZ: undefined }, 'TZ belum diisi', 'TZ is not set'],
    ['TZ', { TZ: 'Mars/Olympus' }, 'bukan zona waktu IANA', 'is not an IANA time zone'],
    ['BACKUP_DIR', { BACKUP_DIR: undefined }, 'BACKUP_DIR belum diisi', 'BACKUP_DIR is not set'],
    [
      'BACKUP_DIR',
      { BACKUP_DIR: '/nonexistent/backups' },
      'tidak ada atau tidak bisa ditulis',
      'missing or not writable',
    ],
    ['BACKUP_DATABASE_URL', { BACKUP_DATABASE_URL: undefined }, 'peran aplikasi', 'the app role'],
    ['DATABASE_URL', { DATABASE_URL: undefined }, 'DATABASE_URL belum diisi', 'DATABASE_URL is not set'],
    ['config', { DB_POOL_SIZE: 'banyak' }, 'Server akan menolak', 'The server would refuse'],
  ];
  it.each(bad)('%s: %o fails with its message in Indonesian and English', async (key, patch, id, en) => {
    const env = { ...goodEnv(), ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete env[k];
    const found = (await failures(env)).filter((f) => f.key === key);
    expect(found.length, JSON.stringify(await failures(env))).toBeGreaterThan(0);
    expect(found[0]!.id).toContain(id);
    expect(found[0]!.en).toContain(en);
  });

  it('fails on a backup older than 26 hours, warns when there is none yet', async () => {
    const env = goodEnv();
    const dump = path.join(env.BACKUP_DIR!, 'simpul-20261205T013000Z.dump');
    const old = new Date(Date.now() - 30 * 3_600_000);
    utimesSync(dump, old, old);
    expect((await failures(env)).map((f) => f.en).join()).toContain('hours old');
    rmSync(dump);
    const none = (await check(env)).find((f) => f.key === 'BACKUP_DIR')!;
    expect(none.level).toBe('warn');
    expect(none.id).toContain('Belum ada cadangan');
  });

  it('an unreachable database is a failure, not a crash', async () => {
    const env = goodEnv();
    const found = await checkDeployment(env, {
      facts: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
    });
    expect(found.find((f) => f.key === 'DATABASE_URL' && f.level === 'fail')?.en).toContain('ECONNREFUSED');
  });

  const badDb: [string, Partial<DatabaseFacts>, string, string][] = [
    ['db.role', { superuser: true }, 'adalah superuser', 'is a superuser'],
    ['db.role', { bypassRls: true }, 'adalah BYPASSRLS', 'is BYPASSRLS'],
    ['db.simpul_app', { roles: [], createRole: false }, 'tidak punya CREATEROLE', 'lacks CREATEROLE'],
    [
      'db.simpul_platform',
      { roles: [{ name: 'simpul_platform', superuser: false, bypassRls: true, member: true }] },
      'keamanan baris tidak berlaku',
      'row-level security does not apply',
    ],
    ['db.migrate', { canMigrate: false }, 'tidak boleh membuat skema', 'may not create schemas'],
    ['db.rls', { tablesWithoutForcedRls: ['laksa_report'] }, 'laksa_report', 'laksa_report'],
    ['db.fsync', { fsync: 'off' }, 'fsync=off', 'fsync=off'],
    [
      'db.synchronous_commit',
      { synchronousCommit: 'off' },
      'synchronous_commit=off',
      'synchronous_commit=off',
    ],
    ['db.full_page_writes', { fullPageWrites: 'off' }, 'full_page_writes=off', 'full_page_writes=off'],
  ];
  it.each(badDb)('%s: %o fails', async (key, patch, id, en) => {
    const found = judgeDatabase({ ...goodFacts, ...patch }).filter(
      (f) => f.level === 'fail' && f.key === key,
    );
    expect(found.length).toBe(1);
    expect(found[0]!.id).toContain(id);
    expect(found[0]!.en).toContain(en);
  });

  it('is the CLI command `deploy check` (exit code 1 on a development environment)', async () => {
    const lines: string[] = [];
    expect(
      await runCli(['deploy', 'check'], { log: (l) => lines.push(l) }, { DATA_DIR: path.join(tmp, 'd') }),
    ).toBe(1);
    expect(lines.join('\n')).toContain('NODE_ENV bukan production');
  });

  it('FILE_STORE=s3: a writable bucket passes (no DATA_DIR/files needed); a missing bucket, wrong keys or a dead endpoint fail', async () => {
    const s3 = await startTestS3();
    try {
      const env = { ...goodEnv(), ...s3.env, DATA_DIR: path.join(notADir, 'data') };
      const found = await check(env);
      expect(found.filter((f) => f.level === 'fail')).toEqual([]);
      expect(found.find((f) => f.key === 'FILE_STORE')).toMatchObject({ level: 'ok' });
      expect(found.find((f) => f.key === 'DATA_DIR')).toBeUndefined();

      // (s3rver checks the key id, not the signature: a wrong secret passes there, not on real S3.)
      const cases: [Record<string, string | undefined>, string, string][] = [
        [{ S3_BUCKET: 'tidak-ada' }, 'Bucket', 'NoSuchBucket'],
        [{ S3_ACCESS_KEY_ID: 'SALAH' }, 'Bucket', 'InvalidAccessKeyId'],
        [{ S3_ENDPOINT: 'http://127.0.0.1:9' }, 'tidak bisa ditulis', 'is not writable/readable'],
        [{ S3_BUCKET: undefined }, 'pengaturan S3 tidak lengkap', 'S3_BUCKET'],
      ];
      for (const [patch, id, en] of cases) {
        const bad: NodeJS.ProcessEnv = { ...env, ...patch };
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete bad[k];
        const f = (await failures(bad)).find((x) => x.key === 'FILE_STORE');
        expect(f?.en, JSON.stringify(patch)).toContain(en);
        expect(f?.id).toContain(id);
      }
    } finally {
      await s3.close();
    }
  });

  it('deploy/simpul.env.example names every variable api/config.ts reads', () => {
    const config = readFileSync(path.join(root, 'api/config.ts'), 'utf8');
    const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(config)![1]!;
    const keys = [...schema.matchAll(/^ {2}([A-Z_]+):/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(20);
    const example = readFileSync(path.join(root, 'deploy/simpul.env.example'), 'utf8');
    const named = new Set([...example.matchAll(/^#? ?([A-Z_]+)=/gm)].map((m) => m[1]!));
    expect(keys.filter((k) => !named.has(k))).toEqual([]);
    for (const k of ['TZ', 'BACKUP_DIR']) expect(named.has(k)).toBe(true);
  });
});

/** On the real PostgreSQL: a schema-owner role passes; the superuser `postgres` is called out. */
describe.runIf(testDbKind() === 'postgres')('deploy check on PostgreSQL', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const role = `simpul_chk_${process.pid}`;
  const name = `simpul_chk_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  afterAll(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`drop owned by ${role}`).catch(() => {});
    await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  it('a NOSUPERUSER NOBYPASSRLS owner with CREATEROLE migrates and passes; postgres is flagged', async () => {
    await admin.connect();
    await admin.query(`create role ${role} login createrole nosuperuser nobypassrls password 'uji-deploy'`);
    await admin.query(`create database ${name} owner ${role}`);
    const u = new URL(withDatabase(url, name));
    u.username = role;
    u.password = 'uji-deploy';
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 1 });
    await migrateDatabase(database);
    await database.close();

    const facts = await readDatabaseFacts(u.toString());
    expect(facts).toMatchObject({
      user: role,
      superuser: false,
      bypassRls: false,
      tablesWithoutForcedRls: [],
    });
    expect(facts.tableCount).toBeGreaterThan(20);
    expect(judgeDatabase(facts).filter((f) => f.level === 'fail')).toEqual([]);

    const asSuper = judgeDatabase(await readDatabaseFacts(withDatabase(url, name)));
    expect(asSuper.find((f) => f.key === 'db.role')).toMatchObject({ level: 'fail' });
    expect(asSuper.find((f) => f.key === 'db.role')!.en).toContain('is a superuser');
  });
});
