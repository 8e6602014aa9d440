/** What the database benches share: pgbench beside the app's own function, read the same way. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** A pgbench script: the same SQL, its per-sample parameters as `(array[...])[:n]`, in the app's scope. */
export function pgbenchScript(
  regionId: string,
  all: { sql: string; params: unknown[] }[],
  before: string[] = [],
): string {
  // Samples whose statement has the same shape (skill slots 4/8/16/32): the largest group.
  const groups = new Map<string, { sql: string; params: unknown[] }[]>();
  for (const q of all) groups.set(q.sql, [...(groups.get(q.sql) ?? []), q]);
  const queries = [...groups.values()].sort((a, b) => b.length - a.length)[0]!;
  const first = queries[0]!;
  const lit = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    const s = String(v);
    if (/:[A-Za-z_]/.test(s)) throw new Error(`value with a colon: ${s}`);
    return `'${s.replace(/'/g, "''")}'`;
  };
  const text = first.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    const values = queries.map((q) => q.params[i]);
    const same = values.every(
      (v) => String(v) === String(values[0]) && (v === null) === (values[0] === null),
    );
    return same ? lit(values[0]) : `(array[${values.map(lit).join(',')}]::text[])[:n]`;
  });
  return [
    `\\set n random(1, ${queries.length})`,
    'BEGIN;',
    `select set_config('role', 'simpul_app', true), set_config('app.region_id', '${regionId}', true), set_config('app.user_id', '', true);`,
    ...before,
    `${text.replace(/\s+/g, ' ').trim()};`,
    'COMMIT;',
    '',
  ].join('\n');
}

/** Runs a pgbench script (-M prepared; `clients` connections, 1 by default) and reads its per-transaction latencies. */
export function runPgbench(seconds: number, url: string, script: string, name: string, clients = 1) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `simpul-${name}-`));
  const file = path.join(dir, 'script.sql');
  writeFileSync(file, script);
  const u = new URL(url);
  execFileSync(
    'pgbench',
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(seconds),
      '-l',
      '--log-prefix',
      path.join(dir, 'log'),
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username || 'postgres'),
      '-f',
      file,
      u.pathname.slice(1),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
    },
  );
  const lat: number[] = [];
  for (const f of readdirSync(dir).filter((x) => x.startsWith('log')))
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 3) lat.push(Number(cols[2]) / 1000);
    }
  return { n: lat.length, p50: pct(lat, 50), p99: pct(lat, 99), lat };
}

export async function timeIt(n: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await work(i); // warm-up
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work(i);
    lat.push(performance.now() - t);
  }
  return { n, p50: pct(lat, 50), p99: pct(lat, 99) };
}
