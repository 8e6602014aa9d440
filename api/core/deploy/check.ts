/**
 * `npm run simpul -- deploy check`: is this environment fit to run Simpul in production? Each
 * finding is printed in Indonesian and English; any failure makes the exit code 1. The checks are
 * the settings docs/SECURITY.md asks for, the database facts row-level security depends on, and
 * the durability a Pemda's data needs (fsync, synchronous commit, a recent backup).
 * Facts about the database are gathered by `readDatabaseFacts` (injectable, so the rules are
 * unit-tested without a database).
 */
import { accessSync, constants, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../config';
import { APP_ROLE, PLATFORM_ROLE } from '../db/tenancy';

export type Finding = { key: string; level: 'ok' | 'warn' | 'fail'; id: string; en: string };

export type DatabaseFacts = {
  user: string;
  superuser: boolean;
  bypassRls: boolean;
  createRole: boolean;
  /** Simpul's NOLOGIN roles that exist, with their attributes and whether the user may switch to them. */
  roles: { name: string; superuser: boolean; bypassRls: boolean; member: boolean }[];
  /** May create schemas in the database (the migrator's `drizzle` schema) — or it exists already. */
  canMigrate: boolean;
  /** Tables in `public` without ENABLE + FORCE row-level security (after migration: none). */
  tablesWithoutForcedRls: string[];
  tableCount: number;
  synchronousCommit: string;
  fsync: string;
  fullPageWrites: string;
};

/** Backups older than this fail the check: a nightly timer plus a margin. */
export const BACKUP_MAX_AGE_HOURS = 26;
/** The file names deploy/backup.sh writes (a database dump per run). */
export const BACKUP_DUMP = /^simpul-\d{8}T\d{6}Z\.dump$/;

const ok = (key: string, id: string, en: string): Finding => ({ key, level: 'ok', id, en });
const warn = (key: string, id: string, en: string): Finding => ({ key, level: 'warn', id, en });
const fail = (key: string, id: string, en: string): Finding => ({ key, level: 'fail', id, en });

const loopback = (host: string) =>
  ['127.0.0.1', '::1', 'localhost'].includes(host) || host.startsWith('127.');

/** Connects with a short timeout and reads what the rules below need. */
export async function readDatabaseFacts(url: string): Promise<DatabaseFacts> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const q = async <T>(text: string, values: unknown[] = []) =>
      (await client.query(text, values)).rows as T[];
    const [me] = await q<{ user: string; rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
      'select current_user as user, rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = current_user',
    );
    const roles = await q<{ name: string; superuser: boolean; bypassRls: boolean; member: boolean }>(
      `select rolname as name, rolsuper as superuser, rolbypassrls as "bypassRls",
              pg_has_role(current_user, oid, 'MEMBER') as member
         from pg_roles where rolname = any($1) order by rolname`,
      [[APP_ROLE, PLATFORM_ROLE]],
    );
    const [mig] = await q<{ can: boolean }>(
      `select has_database_privilege(current_database(), 'CREATE')
              or exists (select 1 from pg_namespace where nspname = 'drizzle') as can`,
    );
    const tables = await q<{ name: string; secured: boolean }>(
      `select c.relname as name, c.relrowsecurity and c.relforcerowsecurity as secured
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by 1`,
    );
    const setting = async (name: string) =>
      (await q<{ v: string }>('select current_setting($1) as v', [name]))[0]!.v;
    return {
      user: me!.user,
      superuser: me!.rolsuper,
      bypassRls: me!.rolbypassrls,
      createRole: me!.rolcreaterole,
      roles,
      canMigrate: mig!.can,
      tablesWithoutForcedRls: tables.filter((t) => !t.secured).map((t) => t.name),
      tableCount: tables.length,
      synchronousCommit: await setting('synchronous_commit'),
      fsync: await setting('fsync'),
      fullPageWrites: await setting('full_page_writes'),
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The rules for the database, from its facts. */
export function judgeDatabase(f: DatabaseFacts): Finding[] {
  const out: Finding[] = [];
  if (f.superuser || f.bypassRls)
    out.push(
      fail(
        'db.role',
        `Peran "${f.user}" adalah ${f.superuser ? 'superuser' : 'BYPASSRLS'}: satu pernyataan tanpa SET ROLE (atau RESET ROLE) melewati keamanan baris antar daerah. Sambungkan sebagai pemilik skema biasa (NOSUPERUSER NOBYPASSRLS, lihat deploy/README.md)`,
        `Role "${f.user}" is ${f.superuser ? 'a superuser' : 'BYPASSRLS'}: any statement outside SET ROLE (or after RESET ROLE) bypasses row-level security between regions. Connect as a plain schema owner (NOSUPERUSER NOBYPASSRLS, see deploy/README.md)`,
      ),
    );
  else
    out.push(
      ok(
        'db.role',
        `Peran "${f.user}" bukan superuser, tanpa BYPASSRLS`,
        `Role "${f.user}" is no superuser, no BYPASSRLS`,
      ),
    );

  for (const name of [APP_ROLE, PLATFORM_ROLE]) {
    const r = f.roles.find((x) => x.name === name);
    if (!r) {
      if (!f.createRole)
        out.push(
          fail(
            `db.${name}`,
            `Peran ${name} belum ada dan "${f.user}" tidak punya CREATEROLE untuk membuatnya (migrasi). Buat dengan: CREATE ROLE ${name} NOLOGIN NOBYPASSRLS; GRANT ${name} TO ${f.user};`,
            `Role ${name} does not exist and "${f.user}" lacks CREATEROLE to create it (migration). Create it: CREATE ROLE ${name} NOLOGIN NOBYPASSRLS; GRANT ${name} TO ${f.user};`,
          ),
        );
      continue;
    }
    if (r.superuser || r.bypassRls)
      out.push(
        fail(
          `db.${name}`,
          `Peran ${name} adalah superuser atau BYPASSRLS: keamanan baris tidak berlaku. ALTER ROLE ${name} NOSUPERUSER NOBYPASSRLS;`,
          `Role ${name} is a superuser or BYPASSRLS: row-level security does not apply. ALTER ROLE ${name} NOSUPERUSER NOBYPASSRLS;`,
        ),
      );
    else if (!r.member && !f.createRole)
      out.push(
        fail(
          `db.${name}`,
          `"${f.user}" tidak boleh beralih ke peran ${name}: GRANT ${name} TO ${f.user};`,
          `"${f.user}" may not switch to role ${name}: GRANT ${name} TO ${f.user};`,
        ),
      );
  }
  if (!f.canMigrate)
    out.push(
      fail(
        'db.migrate',
        `"${f.user}" tidak boleh membuat skema di database ini (migrasi): jadikan pemilik database (ALTER DATABASE … OWNER TO ${f.user})`,
        `"${f.user}" may not create schemas in this database (migrations): make it the database owner (ALTER DATABASE … OWNER TO ${f.user})`,
      ),
    );
  if (f.tablesWithoutForcedRls.length > 0)
    out.push(
      fail(
        'db.rls',
        `Tabel tanpa ROW LEVEL SECURITY yang di-FORCE: ${f.tablesWithoutForcedRls.join(', ')}. Jalankan Simpul sekali (migrasi mengamankan setiap tabel)`,
        `Tables without FORCEd row-level security: ${f.tablesWithoutForcedRls.join(', ')}. Start Simpul once (the migrator secures every table)`,
      ),
    );
  else if (f.tableCount > 0)
    out.push(ok('db.rls', `RLS di-FORCE pada ${f.tableCount} tabel`, `RLS forced on ${f.tableCount} tables`));
  if (f.fsync !== 'on')
    out.push(
      fail(
        'db.fsync',
        `fsync=${f.fsync} di PostgreSQL: data hilang saat listrik padam. Setel fsync = on`,
        `fsync=${f.fsync} in PostgreSQL: data is lost on a power cut. Set fsync = on`,
      ),
    );
  if (f.synchronousCommit === 'off')
    out.push(
      fail(
        'db.synchronous_commit',
        'synchronous_commit=off di PostgreSQL: laporan yang sudah diberi nomor tiket bisa hilang saat crash. Setel synchronous_commit = on',
        'synchronous_commit=off in PostgreSQL: a report already given its ticket number can be lost in a crash. Set synchronous_commit = on',
      ),
    );
  if (f.fullPageWrites !== 'on')
    out.push(
      fail(
        'db.full_page_writes',
        `full_page_writes=${f.fullPageWrites}: halaman bisa rusak setelah crash. Setel full_page_writes = on`,
        `full_page_writes=${f.fullPageWrites}: pages can be torn by a crash. Set full_page_writes = on`,
      ),
    );
  if (f.fsync === 'on' && f.synchronousCommit !== 'off' && f.fullPageWrites === 'on')
    out.push(
      ok(
        'db.durability',
        'fsync, synchronous_commit dan full_page_writes menyala',
        'fsync, synchronous_commit and full_page_writes are on',
      ),
    );
  return out;
}

/** Can this process create, write and delete a file in `dir`? The error message, or null. */
function writable(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.simpul-deploy-check-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** FILE_STORE=s3: write, read back and delete one object in the bucket, with a short timeout. */
async function checkBucket(env: NodeJS.ProcessEnv): Promise<Finding> {
  let files: ReturnType<typeof loadConfig>['files'];
  try {
    files = loadConfig({ ...env, NODE_ENV: 'test' }).files;
  } catch (err) {
    return fail(
      'FILE_STORE',
      `FILE_STORE=s3 tetapi pengaturan S3 tidak lengkap: ${(err as Error).message}`,
      `FILE_STORE=s3 but the S3 settings are incomplete: ${(err as Error).message}`,
    );
  }
  if (files.kind !== 's3') throw new Error('unreachable: FILE_STORE=s3 without an S3 configuration');
  const where = `s3://${files.bucket}/${files.prefix}${files.endpoint ? ` (${files.endpoint})` : ''}`;
  const { S3FileStore } = await import('../files/s3-store');
  const store = new S3FileStore({ ...files, timeoutMs: 5000, maxAttempts: 1 });
  try {
    await store.probe();
    return ok(
      'FILE_STORE',
      `Bucket ${where} bisa ditulis dan dibaca`,
      `Bucket ${where} is writable and readable`,
    );
  } catch (err) {
    const why = `${(err as Error).name}: ${(err as Error).message}`;
    return fail(
      'FILE_STORE',
      `Bucket ${where} tidak bisa ditulis/dibaca: ${why}. Periksa S3_ENDPOINT, S3_BUCKET, kunci akses dan S3_FORCE_PATH_STYLE`,
      `Bucket ${where} is not writable/readable: ${why}. Check S3_ENDPOINT, S3_BUCKET, the access keys and S3_FORCE_PATH_STYLE`,
    );
  } finally {
    store.destroy();
  }
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every check; the database facts come from `facts` (default: a real connection). */
export async function checkDeployment(
  env: NodeJS.ProcessEnv,
  opts: { facts?: (url: string) => Promise<DatabaseFacts>; now?: Date } = {},
): Promise<Finding[]> {
  const out: Finding[] = [];
  const now = opts.now ?? new Date();

  if (env.NODE_ENV !== 'production')
    out.push(
      fail(
        'NODE_ENV',
        'NODE_ENV bukan production: rahasia pengembangan dan database tertanam diterima, cookie tidak Secure',
        'NODE_ENV is not production: the development secret and the embedded database are accepted, cookies are not Secure',
      ),
    );

  const secret = env.SESSION_SECRET ?? '';
  if (secret.length < 32 || new Set(secret).size < 8 || /CHANGE-ME/i.test(secret))
    out.push(
      fail(
        'SESSION_SECRET',
        'SESSION_SECRET kosong, kurang dari 32 karakter atau tidak acak. Buat dengan: openssl rand -hex 32',
        'SESSION_SECRET is unset, shorter than 32 characters or not random. Make one: openssl rand -hex 32',
      ),
    );
  else out.push(ok('SESSION_SECRET', 'SESSION_SECRET cukup panjang', 'SESSION_SECRET is long enough'));
  if (env.METRICS_TOKEN !== undefined && env.METRICS_TOKEN.length < 16)
    out.push(
      fail(
        'METRICS_TOKEN',
        'METRICS_TOKEN kurang dari 16 karakter',
        'METRICS_TOKEN is shorter than 16 characters',
      ),
    );

  // Whatever else the server would refuse at start-up (types, ranges, formats). As `test`, so the
  // production rules above are not reported twice.
  try {
    loadConfig({ ...env, NODE_ENV: 'test' });
  } catch (err) {
    out.push(
      fail(
        'config',
        `Server akan menolak konfigurasi ini: ${(err as Error).message}`,
        `The server would refuse this configuration: ${(err as Error).message}`,
      ),
    );
  }

  // PUBLIC_URL: the origin people use; cookies are Secure, so it must be https.
  let publicUrl: URL | null = null;
  try {
    publicUrl = env.PUBLIC_URL ? new URL(env.PUBLIC_URL) : null;
  } catch {}
  if (publicUrl?.protocol !== 'https:')
    out.push(
      fail(
        'PUBLIC_URL',
        'PUBLIC_URL harus alamat https deployment ini (mis. https://simpul.kota.go.id): cookie produksi hanya dikirim lewat HTTPS',
        'PUBLIC_URL must be the https address of this deployment (e.g. https://simpul.kota.go.id): production cookies travel over HTTPS only',
      ),
    );
  else out.push(ok('PUBLIC_URL', `PUBLIC_URL ${publicUrl!.origin}`, `PUBLIC_URL ${publicUrl!.origin}`));

  // TRUST_PROXY: a loopback listener is only reachable through a proxy on this machine.
  const host = env.HOST ?? '127.0.0.1';
  const trust = env.TRUST_PROXY === 'true';
  if (loopback(host) && !trust)
    out.push(
      fail(
        'TRUST_PROXY',
        `HOST=${host} berarti Simpul di belakang proxy, tetapi TRUST_PROXY bukan true: semua warga tampak satu alamat (batas laju mengenai semua orang). Setel TRUST_PROXY=true`,
        `HOST=${host} means Simpul sits behind a proxy, but TRUST_PROXY is not true: every citizen looks like one address (rate limits hit everyone). Set TRUST_PROXY=true`,
      ),
    );
  else if (!loopback(host) && trust)
    out.push(
      warn(
        'TRUST_PROXY',
        `TRUST_PROXY=true dengan HOST=${host}: pastikan hanya proxy yang bisa mencapai port ${env.PORT ?? 3000} (firewall/jaringan kontainer), kalau tidak X-Forwarded-For bisa dipalsukan`,
        `TRUST_PROXY=true with HOST=${host}: make sure only the proxy can reach port ${env.PORT ?? 3000} (firewall/container network), else X-Forwarded-For can be forged`,
      ),
    );
  else if (!trust)
    out.push(
      warn(
        'TRUST_PROXY',
        `TRUST_PROXY=false dengan HOST=${host}: benar hanya bila Simpul menerima warga langsung tanpa proxy (HTTPS di mana?)`,
        `TRUST_PROXY=false with HOST=${host}: right only if Simpul takes citizens directly, with no proxy (where is HTTPS then?)`,
      ),
    );
  else
    out.push(
      ok('TRUST_PROXY', 'TRUST_PROXY=true di belakang proxy lokal', 'TRUST_PROXY=true behind a local proxy'),
    );

  // SMTP: without it verification and reset codes only reach the log.
  let smtp: URL | null = null;
  try {
    smtp = env.SMTP_URL ? new URL(env.SMTP_URL) : null;
  } catch {}
  if (!smtp || !['smtp:', 'smtps:'].includes(smtp.protocol))
    out.push(
      fail(
        'SMTP_URL',
        'SMTP_URL belum diisi (smtp:// atau smtps://): kode verifikasi dan reset sandi hanya masuk log',
        'SMTP_URL is not set (smtp:// or smtps://): verification and password-reset codes only reach the log',
      ),
    );
  else out.push(ok('SMTP_URL', `SMTP ${smtp.host}`, `SMTP ${smtp.host}`));
  if (!env.MAIL_FROM || env.MAIL_FROM.includes('simpul.local'))
    out.push(
      warn(
        'MAIL_FROM',
        'MAIL_FROM masih alamat bawaan (simpul.local)',
        'MAIL_FROM is still the default address (simpul.local)',
      ),
    );

  // File store: uploads live in DATA_DIR/files, or in a bucket with FILE_STORE=s3.
  if (env.FILE_STORE === 's3') out.push(await checkBucket(env));
  else {
    const files = path.resolve(env.DATA_DIR ?? './data', 'files');
    const filesError = writable(files);
    if (filesError)
      out.push(
        fail(
          'DATA_DIR',
          `Folder berkas ${files} tidak bisa ditulis: ${filesError}`,
          `The file store ${files} is not writable: ${filesError}`,
        ),
      );
    else out.push(ok('DATA_DIR', `Folder berkas ${files} bisa ditulis`, `File store ${files} is writable`));
  }

  const tz = env.TZ;
  if (!tz || !validTimeZone(tz))
    out.push(
      fail(
        'TZ',
        `TZ ${tz ? `"${tz}" bukan zona waktu IANA` : 'belum diisi'}: setel mis. TZ=Asia/Jakarta agar jam proses, cron dan cadangan sepakat`,
        `TZ ${tz ? `"${tz}" is not an IANA time zone` : 'is not set'}: set e.g. TZ=Asia/Jakarta so the process, cron and backups agree on the time`,
      ),
    );
  else out.push(ok('TZ', `TZ=${tz}`, `TZ=${tz}`));

  // Backups: deploy/backup.sh writes simpul-<UTC stamp>.dump (+ .files.tar.gz) into BACKUP_DIR.
  const backupDir = env.BACKUP_DIR;
  if (!backupDir)
    out.push(
      fail(
        'BACKUP_DIR',
        'BACKUP_DIR belum diisi: tidak ada cadangan (deploy/backup.sh dan simpul-backup.timer, lihat deploy/README.md)',
        'BACKUP_DIR is not set: no backups (deploy/backup.sh and simpul-backup.timer, see deploy/README.md)',
      ),
    );
  else {
    let dumps: { name: string; mtime: number }[] = [];
    try {
      accessSync(backupDir, constants.W_OK);
      dumps = readdirSync(backupDir)
        .filter((n) => BACKUP_DUMP.test(n))
        .map((name) => ({ name, mtime: statSync(path.join(backupDir, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime);
      const newest = dumps[0];
      const ageHours = newest ? (now.getTime() - newest.mtime) / 3_600_000 : Number.POSITIVE_INFINITY;
      if (!newest)
        out.push(
          warn(
            'BACKUP_DIR',
            `Belum ada cadangan di ${backupDir}: jalankan deploy/backup.sh sekali dan aktifkan simpul-backup.timer`,
            `No backup in ${backupDir} yet: run deploy/backup.sh once and enable simpul-backup.timer`,
          ),
        );
      else if (ageHours > BACKUP_MAX_AGE_HOURS)
        out.push(
          fail(
            'BACKUP_DIR',
            `Cadangan terbaru (${newest.name}) berumur ${Math.round(ageHours)} jam (> ${BACKUP_MAX_AGE_HOURS}): periksa simpul-backup.timer`,
            `The newest backup (${newest.name}) is ${Math.round(ageHours)} hours old (> ${BACKUP_MAX_AGE_HOURS}): check simpul-backup.timer`,
          ),
        );
      else out.push(ok('BACKUP_DIR', `Cadangan terbaru ${newest.name}`, `Newest backup ${newest.name}`));
    } catch (err) {
      out.push(
        fail(
          'BACKUP_DIR',
          `Folder cadangan ${backupDir} tidak ada atau tidak bisa ditulis: ${(err as Error).message}`,
          `Backup folder ${backupDir} is missing or not writable: ${(err as Error).message}`,
        ),
      );
    }
  }

  // backup.sh falls back to DATABASE_URL, whose role (rightly) cannot read past FORCEd RLS.
  if (backupDir && !env.BACKUP_DATABASE_URL)
    out.push(
      fail(
        'BACKUP_DATABASE_URL',
        'BACKUP_DATABASE_URL belum diisi: deploy/backup.sh akan memakai peran aplikasi, yang dihentikan RLS pada tabel pertama. Gunakan peran BYPASSRLS (simpul_backup, lihat deploy/README.md)',
        'BACKUP_DATABASE_URL is not set: deploy/backup.sh would use the app role, which RLS stops at the first table. Use a BYPASSRLS role (simpul_backup, see deploy/README.md)',
      ),
    );

  // The database: reachable, the right role, durable settings.
  if (!env.DATABASE_URL)
    out.push(
      fail(
        'DATABASE_URL',
        'DATABASE_URL belum diisi: produksi berjalan di PostgreSQL (database tertanam tidak fsync)',
        'DATABASE_URL is not set: production runs on PostgreSQL (the embedded database does not fsync)',
      ),
    );
  else {
    let dbUrl: URL | null = null;
    try {
      dbUrl = new URL(env.DATABASE_URL);
    } catch {}
    if (dbUrl && !loopback(dbUrl.hostname) && !/sslmode=(require|verify-ca|verify-full)/.test(dbUrl.search))
      out.push(
        warn(
          'DATABASE_URL',
          `PostgreSQL di ${dbUrl.hostname} tanpa sslmode=verify-full: lalu lintas database tidak terenkripsi`,
          `PostgreSQL at ${dbUrl.hostname} without sslmode=verify-full: database traffic is not encrypted`,
        ),
      );
    try {
      const facts = await (opts.facts ?? readDatabaseFacts)(env.DATABASE_URL);
      out.push(
        ok(
          'DATABASE_URL',
          `PostgreSQL tersambung sebagai "${facts.user}"`,
          `PostgreSQL reachable as "${facts.user}"`,
        ),
      );
      out.push(...judgeDatabase(facts));
    } catch (err) {
      out.push(
        fail(
          'DATABASE_URL',
          `PostgreSQL tidak bisa dihubungi lewat DATABASE_URL: ${(err as Error).message}`,
          `PostgreSQL cannot be reached through DATABASE_URL: ${(err as Error).message}`,
        ),
      );
    }
  }
  return out;
}

/** Prints the findings (failures and warnings in both languages); returns the exit code. */
export async function runDeployCheck(
  env: NodeJS.ProcessEnv,
  out: { log: (line: string) => void },
  opts: Parameters<typeof checkDeployment>[1] = {},
): Promise<number> {
  const findings = await checkDeployment(env, opts);
  const mark = { ok: '✔', warn: '!', fail: '✘' } as const;
  for (const f of findings) {
    out.log(`${mark[f.level]} [${f.key}] ${f.id}`);
    if (f.level !== 'ok') out.log(`    ${f.en}`);
  }
  const failed = findings.filter((f) => f.level === 'fail').length;
  const warned = findings.filter((f) => f.level === 'warn').length;
  out.log(
    failed > 0
      ? `✘ ${failed} masalah harus diperbaiki, ${warned} peringatan / ${failed} problems to fix, ${warned} warnings`
      : `✔ Siap produksi (${warned} peringatan) / ready for production (${warned} warnings)`,
  );
  return failed > 0 ? 1 : 0;
}
