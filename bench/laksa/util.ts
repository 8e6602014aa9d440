/** Child processes, pgbench, percentiles and the table printer of the LAKSA bench (as bench/http.ts does). */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const laksaBenchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.resolve(laksaBenchDir, '../..');
export const log = (line = '') => process.stdout.write(`${line}\n`);

/**
 * Every child a bench started, stopped by `runBench` on Ctrl-C, `timeout` or failure. A `group`
 * child was spawned `detached` (npm → sh → node) and is signalled as its whole process group.
 */
const children = new Map<ChildProcess, { group: boolean }>();

/** Registers a child the bench spawned itself (startServer registers its own). */
export function track(child: ChildProcess, opts: { group?: boolean } = {}) {
  children.set(child, { group: opts.group ?? false });
  child.once('exit', () => children.delete(child));
  return child;
}

function signal(child: ChildProcess, sig: NodeJS.Signals, group = children.get(child)?.group ?? false) {
  try {
    if (group) process.kill(-child.pid!, sig);
    else child.kill(sig);
  } catch {
    // already gone
  }
}

/** Starts a bench server file (bench/simpul-server.ts) as a child; resolves on `listening <port>`. */
export function startServer(
  name: string,
  file: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], {
    cwd: repoDir,
    env: { ...process.env, ...env },
    // The IPC channel only tells the child when this process is gone (it then shuts down).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  track(child);
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} server did not start within 60 s`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited (${code ?? signal}) before listening`));
    });
  });
}

/** SIGTERM (the child closes its app and pool; a group: npm, sh and node), SIGKILL after 15 s. */
export async function stop(child: ChildProcess) {
  const group = children.get(child)?.group ?? false; // read now: the entry goes at exit
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL', group), 15_000);
  await exited;
  // A group (npm, sh, node): npm may exit first while the server still closes its database, and
  // the next start would find it holding the embedded database's lock. Wait for every member.
  if (group) while (groupAlive(child.pid!)) await sleep(50);
  clearTimeout(timer);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopAll() {
  for (const child of [...children.keys()]) await stop(child);
}

export function killAll(sig: NodeJS.Signals) {
  for (const child of children.keys()) signal(child, sig);
}

export function run(cmd: string, args: string[], timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** user + system CPU of a process in clock ticks (1/100 s on Linux), from /proc; null elsewhere. */
export function cpuTicks(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * CPU of processes by name (postgres, pgbench) during a measurement, sampled from /proc every
 * 250 ms: a process counts from its first sample to its last (null off Linux).
 */
export class ProcCpu {
  private first = new Map<number, number>();
  private last = new Map<number, number>();
  private name = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;
  private ok = true;

  constructor(private readonly names: string[]) {}

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  stop(): Record<string, number> | null {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    if (!this.ok) return null;
    const total: Record<string, number> = Object.fromEntries(this.names.map((n) => [n, 0]));
    for (const [pid, t] of this.last) total[this.name.get(pid)!]! += t - (this.first.get(pid) ?? t);
    return total;
  }

  private sample() {
    try {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        } catch {
          continue;
        }
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!this.names.includes(comm)) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const pid = Number(entry);
        if (!this.first.has(pid)) this.first.set(pid, ticks);
        this.last.set(pid, ticks);
        this.name.set(pid, comm);
      }
    } catch {
      this.ok = false;
    }
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const ms = (v: number) => (Number.isNaN(v) ? '-' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);
export const int = (v: number) => Math.round(v).toLocaleString('en-US');

/** Left-aligned first column, right-aligned others. */
export function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  log(line(rows[0]!));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) log(line(row));
}

export function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(path.join(repoDir, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * A bench's entry: runs `main`, prints a failure with its stack and exits 1, and takes the servers
 * it started (startServer, track) down on Ctrl-C, `timeout` or failure.
 */
export async function runBench(main: () => Promise<void>) {
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      killAll('SIGTERM');
      process.stderr.write(`bench: ${sig}, stopped\n`);
      process.exit(1);
    });
  try {
    await main();
  } catch (err) {
    process.stderr.write(
      `\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}
