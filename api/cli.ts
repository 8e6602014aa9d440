import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { type Config, loadConfig } from './config';
import { type Database, openDatabase } from './core/db/client';
import { migrateDatabase } from './core/db/migrate';
import { region, regionDomain, regionModule } from './core/db/schema';
import { asPlatform, inRegion } from './core/db/scope';
import { formatDemoLogins, seedDemo } from './core/demo/seed';
import { runDeployCheck } from './core/deploy/check';
import { createFileStore } from './core/files/choose';
import {
  findRegionRow,
  OnboardingError,
  onboardRegion,
  resolveRegionCode,
  switchRegionModules,
} from './core/regions/onboard';
import { formatDuration, onboardAll, progressBar } from './core/regions/onboard-all';
import { regionExportCommand, regionImportCommand } from './core/regions/transfer/commands';
import { modules } from './modules';

const usage = `Simpul CLI — npm run simpul -- <perintah / command>

Perintah / commands:
  region add <kode> [--modules a,b] [--admin-email e] [--admin-password p] [--domain host]...
      Daftarkan daerah dari kode Kemendagri (PP atau PP.KK, mis. 36.71 = Kota Tangerang).
      Onboard a region by its Kemendagri code. Running it again only adds what is missing.
  region add --all [--province PP] [--modules a,b] [--credentials berkas.csv]
      Daftarkan semua provinsi dan kabupaten/kota (38 + 514 = 552) atau satu provinsi; yang sudah ada
      dilewati. Login admin baru ditulis ke berkas CSV (mode 600; bawaan DATA_DIR/region-admins-<UTC>.csv).
      Onboard every province and kabupaten/kota (or one province's); existing ones are skipped. New
      admins' logins go to a CSV file (mode 600; default DATA_DIR/region-admins-<UTC>.csv).
  region list
      Daftar daerah / list regions.
  region modules <kode> [--enable a,b] [--disable c]
      Aktifkan/nonaktifkan layanan; tanpa opsi: tampilkan status. / Switch modules; no options: show them.
  region export <kode> [--out berkas.simpul]
      Semua data satu daerah (tabel, berkas, akun) ke satu arsip; tanpa --out ke stdout. Rahasiakan arsipnya.
      Everything of one region (rows, files, accounts) into one archive; stdout without --out. Keep it secret.
  region import [berkas.simpul | -] [--dry-run]
      Muat arsip daerah ke server ini (kosong atau bersama), id tetap; --dry-run hanya memeriksa dan
      melaporkan bentrokan. / Load a region archive here, keeping ids; --dry-run checks and reports conflicts.
  deploy check
      Periksa lingkungan produksi (rahasia, database, proxy, SMTP, berkas, TZ, cadangan); kode keluar 1 bila ada masalah.
      Check a production environment (secrets, database, proxy, SMTP, files, TZ, backups); exit code 1 on any problem.
  demo seed
      Isi data demo Kota Tangerang dan akun demo per peran. / Seed the Kota Tangerang demo and its accounts.
  --help, -h
      Bantuan ini / this help.

Layanan / modules: ${modules.map((m) => m.id).join(', ')}
Basis data / database: DATABASE_URL (PostgreSQL) atau / or PGlite in DATA_DIR/pglite (default ./data).`;

/** A mistake in the command line: print it with the usage, exit 2. */
class UsageError extends Error {}

/** Where the CLI writes; `tty` (a terminal) gets a one-line progress bar instead of a line per step. */
type Out = { log: (line: string) => void; tty?: { write: (s: string) => void; columns?: number } };
type Flags = {
  modules?: string;
  'admin-email'?: string;
  'admin-password'?: string;
  domain?: string[];
  all?: boolean;
  province?: string;
  credentials?: string;
  enable?: string;
  disable?: string;
  out?: string;
  'dry-run'?: boolean;
  help?: boolean;
};

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function actorName(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/**
 * PGlite does not lock its data directory: a second process opens it happily and both then
 * write to the same files. So the CLI keeps a pid lock file next to the PGlite folder and
 * refuses to start while a live process (the server, if it takes the same lock) holds it.
 */
async function open(config: Config): Promise<Database> {
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'pglite'),
      poolSize: 2,
    });
    try {
      await migrateDatabase(database);
    } catch (err) {
      await database.close().catch(() => {});
      throw err;
    }
    return database;
  } catch (err) {
    const where = config.databaseUrl ? 'DATABASE_URL' : path.join(config.dataDir, 'pglite');
    throw new OnboardingError('UNAVAILABLE', {
      id: `Basis data (${where}) tidak bisa dibuka: ${(err as Error).message}. Jika server sedang berjalan dengan PGlite, hentikan dulu atau gunakan DATABASE_URL`,
      en: `Cannot open the database (${where}): ${(err as Error).message}. If the server is running on PGlite, stop it first or use DATABASE_URL`,
    });
  }
}

function regionUrl(config: Config, slug: string): string {
  const p = `/r/${slug}/`;
  return config.publicUrl ? new URL(p, config.publicUrl).toString() : p;
}

async function regionAdd(database: Database, config: Config, code: string, flags: Flags, out: Out) {
  const started = Date.now();
  const r = await onboardRegion(database, {
    code,
    modules: list(flags.modules),
    adminEmail: flags['admin-email'],
    adminPassword: flags['admin-password'],
    domains: flags.domain,
    actor: actorName(),
  });
  const s = r.summary;
  out.log(
    r.created
      ? `✔ Daerah didaftarkan / region onboarded: ${r.region.name} (${r.region.code}) dalam ${Date.now() - started} ms`
      : `✔ Daerah sudah terdaftar, yang kurang dilengkapi / region exists, missing parts added: ${r.region.name} (${r.region.code})`,
  );
  const rows: [string, string][] = [
    ['Nama tampilan', `${r.region.name} LIVE`],
    ['Slug', r.region.slug],
    ['Alamat / URL', regionUrl(config, r.region.slug)],
    ['Jenis / type', s.type],
    ['Zona waktu', s.timeZone],
    ['Kecamatan', String(s.kecamatan)],
    ['Kelurahan', String(s.kelurahan)],
    ['Desa', String(s.desa)],
    ['OPD', String(s.opd)],
    ['Layanan aktif', s.modules.join(', ') || '-'],
    ['Domain', s.domains.join(', ') || '-'],
  ];
  if (config.defaultRegionCode === r.region.code) rows.push(['Daerah bawaan', 'ya, juga di / also at /']);
  for (const [k, v] of rows) out.log(`  ${k.padEnd(14)}: ${v}`);
  if (r.admin) {
    out.log('');
    out.log(
      'Admin daerah / region admin (simpan sekarang, sandi tidak ditampilkan lagi / save it now, shown once):',
    );
    out.log(`  Login     : ${r.admin.email}`);
    out.log(`  Kata sandi: ${r.admin.password}`);
  } else
    out.log(
      '  Admin daerah sudah ada; kata sandinya tidak diubah / the region admin exists; password unchanged.',
    );
}

/**
 * `region add --all [--province PP]`: every region of the Kemendagri list (or of one province),
 * skipping those already onboarded. New admins' passwords are appended to a mode-600 CSV as each
 * region commits (a run stopped half-way keeps the logins of what it added).
 */
async function regionAddAll(database: Database, config: Config, flags: Flags, out: Out) {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const credentials = path.resolve(
    flags.credentials ?? path.join(config.dataDir, `region-admins-${stamp}.csv`),
  );
  let credentialsOpen = false;
  const started = performance.now();
  let added = 0;
  let lastBar = 0;
  const result = await onboardAll(database, {
    provinceCode: flags.province,
    modules: list(flags.modules),
    actor: actorName(),
    onProgress: (p) => {
      if (p.admin) {
        if (!credentialsOpen) {
          mkdirSync(path.dirname(credentials), { recursive: true });
          writeFileSync(credentials, 'code,name,url,email,password\n', { mode: 0o600, flag: 'wx' });
          credentialsOpen = true;
        }
        const cells = [
          p.region.code,
          p.region.name,
          regionUrl(config, p.slug ?? ''),
          p.admin.email,
          p.admin.password,
        ];
        appendFileSync(credentials, `${cells.map(csvCell).join(',')}\n`);
      }
      if (p.outcome === 'added') added++;
      const elapsed = performance.now() - started;
      if (out.tty) {
        // At most ~10 redraws a second, and always the last one.
        if (p.done !== p.total && elapsed - lastBar < 100) return;
        lastBar = elapsed;
        const line = progressBar(p, elapsed, added);
        const width = Math.max(40, (out.tty.columns || 100) - 1);
        out.tty.write(`\r${line.slice(0, width).padEnd(width)}`);
        if (p.done === p.total) out.tty.write('\n');
      } else if (p.outcome === 'added')
        out.log(`  [${p.done}/${p.total}] + ${p.region.code} ${p.region.name} (${Math.round(p.ms)} ms)`);
    },
  });
  if (!out.tty && result.existing > 0)
    out.log(`  ${result.existing} daerah sudah terdaftar, dilewati / already onboarded, skipped`);
  const n = result.added.length;
  const perRegion = n > 0 ? `${(result.ms / 1000 / n).toFixed(2)} s per daerah baru / per new region` : '-';
  out.log(
    `✔ ${result.total} daerah: ${n} ditambahkan, ${result.existing} sudah ada, dalam ${formatDuration(result.ms)} (${perRegion}) / ${result.total} regions: ${n} added, ${result.existing} already there, in ${(result.ms / 1000).toFixed(1)} s`,
  );
  if (credentialsOpen)
    out.log(
      `  Login admin baru / new admins' logins: ${credentials} (mode 600; simpan di tempat aman lalu hapus / store safely, then delete)`,
    );
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function regionList(database: Database, out: Out) {
  const rows = await asPlatform(
    database,
    { actor: actorName(), action: 'region.list', reason: 'CLI region list' },
    async (tx) => ({
      regions: await tx.select().from(region).orderBy(region.code),
      switches: await tx.select().from(regionModule),
      domains: await tx.select().from(regionDomain),
    }),
  );
  if (rows.regions.length === 0) {
    out.log('Belum ada daerah. Coba / no regions yet. Try: npm run simpul -- region add 36.71');
    return;
  }
  const table = rows.regions.map((r) => [
    r.code,
    r.name,
    r.slug,
    r.timeZone,
    rows.switches
      .filter((s) => s.regionId === r.id && s.enabled)
      .map((s) => s.moduleId)
      .join(',') || '-',
    rows.domains
      .filter((d) => d.regionId === r.id)
      .map((d) => d.domain)
      .join(',') || '-',
  ]);
  const head = ['Kode', 'Nama', 'Slug', 'Zona', 'Layanan aktif', 'Domain'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  out.log(line(head));
  out.log(line(widths.map((w) => '-'.repeat(w))));
  for (const t of table) out.log(line(t));
  out.log(`${rows.regions.length} daerah / regions`);
}

async function regionModules(database: Database, code: string, flags: Flags, out: Out) {
  const enable = list(flags.enable) ?? [];
  const disable = list(flags.disable) ?? [];
  if (enable.length > 0 || disable.length > 0) {
    const r = await switchRegionModules(database, { code, enable, disable, actor: actorName() });
    out.log(`✔ Layanan ${r.region.name} diperbarui / modules updated.`);
  }
  const row = await findRegionRow(database, code);
  if (!row)
    throw new OnboardingError('NOT_FOUND', {
      id: `Daerah ${code} belum didaftarkan; jalankan dulu: region add ${code}`,
      en: `Region ${code} is not onboarded yet; run: region add ${code}`,
    });
  const switches = await inRegion(database, { regionId: row.id }, (tx) =>
    tx.select().from(regionModule).where(eq(regionModule.regionId, row.id)),
  );
  out.log(`Layanan ${row.name} (${row.code}) / modules:`);
  for (const m of modules) {
    const on = switches.find((s) => s.moduleId === m.id)?.enabled ?? false;
    out.log(`  ${on ? '[x]' : '[ ]'} ${m.id.padEnd(16)} ${m.name.id}`);
  }
}

/** Runs one CLI command; returns the exit code (0 ok, 1 failed, 2 bad usage). Always closes the database. */
const consoleOut: Out = {
  log: (l) => console.log(l),
  tty: process.stdout.isTTY
    ? {
        write: (s) => process.stdout.write(s),
        // Read at each draw: the terminal may be resized; 0 under some pseudo-terminals.
        get columns() {
          return process.stdout.columns || 100;
        },
      }
    : undefined,
};

export async function runCli(argv: string[], out: Out = consoleOut, env = process.env) {
  let flags: Flags;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        modules: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-password': { type: 'string' },
        domain: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        province: { type: 'string' },
        credentials: { type: 'string' },
        enable: { type: 'string' },
        disable: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    flags = parsed.values;
    positionals = parsed.positionals;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  if (flags.help) {
    out.log(usage);
    return 0;
  }

  const [group, action, arg] = positionals;
  const command = [group, action].join(' ');
  const known = [
    'region add',
    'region list',
    'region modules',
    'region export',
    'region import',
    'demo seed',
    'deploy check',
  ];
  try {
    if (!known.includes(command))
      throw new UsageError(
        group
          ? `Perintah tidak dikenal / unknown command: ${positionals.join(' ')}`
          : 'Perintah belum diisi / no command given',
      );
    if (flags.all || flags.province || flags.credentials) {
      if (command !== 'region add' || !flags.all || arg)
        throw new UsageError(
          '--all/--province/--credentials: region add --all [--province PP] [--credentials berkas.csv], tanpa kode / without a code',
        );
      if (flags['admin-email'] || flags['admin-password'] || flags.domain)
        throw new UsageError(
          '--admin-email, --admin-password, --domain berlaku untuk satu daerah / apply to one region, not --all',
        );
    } else if (['region add', 'region modules', 'region export'].includes(command) && !arg)
      throw new UsageError(`Kode wilayah belum diisi / region code missing: ${command} <kode>, mis. 36.71`);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    return 2;
  }

  // Before loadConfig: reporting what the server would refuse is the point of the check.
  if (command === 'deploy check') return runDeployCheck(env, out);

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    console.error(`Konfigurasi tidak valid / invalid configuration: ${(err as Error).message}`);
    return 1;
  }

  let database: Database | undefined;
  try {
    // A wrong code is known from the data alone: say so before the slow database start.
    if (command === 'region add' && !flags.all) resolveRegionCode(arg!);
    database = await open(config);
    if (command === 'region add' && flags.all) await regionAddAll(database, config, flags, out);
    else if (command === 'region add') await regionAdd(database, config, arg!, flags, out);
    else if (command === 'region list') await regionList(database, out);
    else if (command === 'region modules') await regionModules(database, arg!, flags, out);
    else if (command === 'region export' || command === 'region import') {
      const files = await createFileStore(config.files);
      try {
        if (command === 'region import')
          return await regionImportCommand(
            database,
            files,
            arg,
            flags['dry-run'] ?? false,
            actorName(),
            out.log,
          );
        // Without --out the archive is stdout: the report goes to stderr.
        const log = flags.out ? out.log : (line: string) => console.error(line);
        await regionExportCommand(database, files, arg!, flags.out, actorName(), log);
      } finally {
        files.close?.();
      }
    } else {
      const files = await createFileStore(config.files);
      const logins = await seedDemo(database, undefined, files).finally(() => files.close?.());
      out.log(formatDemoLogins(logins, config.publicUrl ?? `http://${config.host}:${config.port}/`));
    }
    return 0;
  } catch (err) {
    if (err instanceof OnboardingError) console.error(`✘ ${err.message}`);
    else console.error(`✘ Gagal / failed: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    // PGlite keeps the process alive until closed; never leave it open.
    await database?.close().catch(() => {});
  }
}

const invokedDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
  // Anything still holding the event loop (a pool timer, a stray handle) must not hang the shell.
  setTimeout(() => process.exit(code), 2000).unref();
}
