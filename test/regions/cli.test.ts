import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../support/global-setup';
import { testDbKind } from '../support/kind';

const root = path.resolve(import.meta.dirname, '../..');

type Run = { code: number | null; stdout: string; stderr: string };

/**
 * The CLI's own entry point, api/cli.ts, as one ESM file (esbuild, packages external: the same
 * build `npm start` makes of api/main.ts), built once per file under dist/ so files beside the
 * code are found as from the sources. Node starts it in ≈0.3 s; tsx, which the `npm run simpul`
 * script uses, resolves and transforms ~400 files on every start (≈2–3 s). Same arguments,
 * environment, stdout, stderr and exit codes; one test still runs `npm run simpul -- …` itself.
 */
const bundleDir = path.join(root, 'dist/test');
const bundle = path.join(bundleDir, `cli-${process.pid}-${Date.now().toString(36)}.mjs`);

/**
 * The CLI as a user runs it, in its own process.
 * PGlite project: a fresh DATA_DIR; PostgreSQL project: a fresh, empty database via DATABASE_URL.
 */
function simpul(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return run(env, [process.execPath, bundle, ...args], 'pipe');
}

/** `simpul … > file`: stdout goes to the file as a shell redirect sends it. */
function simpulInto(file: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const fd = openSync(file, 'w');
  return run(env, [process.execPath, bundle, ...args], fd).finally(() => closeSync(fd));
}

function run(env: NodeJS.ProcessEnv, argv: string[], out: 'pipe' | number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    const child = spawn(command!, args, { cwd: root, env, stdio: ['ignore', out, 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('simpul CLI', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'simpul-cli-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
  };
  /** A second, empty deployment that a region moves to. */
  const newDataDir = mkdtempSync(path.join(os.tmpdir(), 'simpul-cli-new-'));
  const newEnv: NodeJS.ProcessEnv = { ...env, DATA_DIR: newDataDir };
  const pgUrl = process.env.TEST_DATABASE_URL;
  const pgName = `simpul_cli_${process.pid}_${Date.now().toString(36)}`;
  const pgNames = [pgName, `${pgName}_new`];

  beforeAll(async () => {
    mkdirSync(bundleDir, { recursive: true });
    await build({
      entryPoints: [path.join(root, 'api/cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: bundle,
      logLevel: 'warning',
    });
    if (testDbKind() !== 'postgres') return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    for (const name of pgNames) await admin.query(`create database ${name}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(pgUrl!, pgName);
    newEnv.DATABASE_URL = withDatabase(pgUrl!, pgNames[1]!);
  });
  afterAll(async () => {
    rmSync(bundle, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(newDataDir, { recursive: true, force: true });
    if (testDbKind() !== 'postgres') return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    for (const name of pgNames) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('region add onboards Kabupaten Tangerang and prints what it made, with the admin login', {
    timeout: 120_000,
  }, async () => {
    const r = await simpul(
      env,
      'region',
      'add',
      '36.03',
      '--modules',
      'nomor-penting',
      '--admin-email',
      'Admin@TangerangKab.go.id',
      '--domain',
      'tangerangkab.localhost',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kabupaten Tangerang (36.03)');
    expect(r.stdout).toContain('Kabupaten Tangerang LIVE');
    expect(r.stdout).toMatch(/Slug\s+: kabupaten-tangerang/);
    expect(r.stdout).toContain('/r/kabupaten-tangerang/');
    expect(r.stdout).toMatch(/Kecamatan\s+: 29/);
    expect(r.stdout).toMatch(/OPD\s+: 20/);
    expect(r.stdout).toMatch(/Layanan aktif\s+: nomor-penting/);
    expect(r.stdout).toContain('admin@tangerangkab.go.id');
    expect(r.stdout).toMatch(/Kata sandi: [A-Za-z0-9]{16}/);
  });

  it('a second region add changes nothing and shows no password; region list shows the region', {
    timeout: 120_000,
  }, async () => {
    const again = await simpul(env, 'region', 'add', '36.03');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('sudah terdaftar');
    expect(again.stdout).not.toContain('Kata sandi:');
    expect(again.stdout).toMatch(/Kecamatan\s+: 29/);

    const list = await simpul(env, 'region', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /36\.03\s+Kabupaten Tangerang\s+kabupaten-tangerang\s+WIB\s+nomor-penting\s+tangerangkab\.localhost/,
    );
  });

  it('region modules switches a module off and shows the switches', { timeout: 120_000 }, async () => {
    const r = await simpul(env, 'region', 'modules', '36.03', '--disable', 'nomor-penting');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[ ] nomor-penting');
    const bad = await simpul(env, 'region', 'modules', '36.03', '--enable', 'laksa-x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Unknown module: laksa-x');
  });

  it('fails with a bilingual message and a non-zero exit on an unknown or kecamatan code', {
    timeout: 60_000,
  }, async () => {
    const unknown = await simpul(env, 'region', 'add', '99.99');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'Kode wilayah 99.99 tidak dikenal di data Kemendagri / Unknown Kemendagri region code 99.99',
    );
    const kecamatan = await simpul(env, 'region', 'add', '36.71.01');
    expect(kecamatan.code).toBe(1);
    expect(kecamatan.stderr).toMatch(/kecamatan.*36\.71/);
  });

  it('region export writes the archive (to a file or stdout); import lists conflicts or moves the region', {
    timeout: 240_000,
  }, async () => {
    const file = path.join(dataDir, 'kabupaten-tangerang.simpul');
    const exported = await simpul(env, 'region', 'export', '36.03', '--out', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/✔ Kabupaten Tangerang \(36\.03\): \d+ tabel, [\d.]+ baris/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const here = await simpul(env, 'region', 'import', file, '--dry-run');
    expect(here.code).toBe(1);
    expect(here.stdout).toContain('Region 36.03 (id');
    expect(here.stdout).toContain('is already on this server');

    // `… region export 36.03 > file`: the archive on stdout, the report on stderr.
    const piped = path.join(dataDir, 'piped.simpul');
    const toStdout = await simpulInto(piped, env, 'region', 'export', '36.03');
    expect(toStdout.code, toStdout.stderr).toBe(0);
    expect(toStdout.stderr).toContain('Kabupaten Tangerang (36.03)');
    const moved = await simpul(newEnv, 'region', 'import', piped);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/✔ Diimpor \/ imported Kabupaten Tangerang \(36\.03\): [\d.]+ baris/);
  });

  it('exits 2 with the usage on a bad command line, 0 on --help', { timeout: 60_000 }, async () => {
    const bad = await simpul(env, 'region', 'rename', '36.03');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('region add <kode>');
    // The documented command itself: npm runs the `simpul` script (tsx api/cli.ts) on the sources.
    const help = await run(env, ['npm', 'run', '--silent', 'simpul', '--', '--help'], 'pipe');
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('region modules <kode>');
    const bundled = await simpul(env, '--help');
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toBe(help.stdout);
  });

  // PostgreSQL needs no lock: it is a server that many processes share.
  if (testDbKind() === 'pglite')
    it('refuses to open a PGlite folder another live process holds, with a hint', {
      timeout: 60_000,
    }, async () => {
      const lock = path.join(dataDir, 'pglite.lock');
      writeFileSync(lock, JSON.stringify({ pid: process.pid }));
      try {
        const r = await simpul(env, 'region', 'list');
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('Stop the server first, or use DATABASE_URL');
      } finally {
        rmSync(lock, { force: true });
      }
    });
});
