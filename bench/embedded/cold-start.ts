/**
 * `npm run bench:start`: how long `npm start` takes until GET /readyz answers 200 on existing
 * embedded data (issue 19: ≤ 3 s, web already built), next to baselines measured in the same run,
 * the runs of each interleaved so that a busy moment of the machine hits them all alike:
 *   - `npm start` (scripts/start.mjs: bundle check, dist/server/main.mjs in-process), the subject;
 *   - `node scripts/start.mjs`: the same without npm's own start-up;
 *   - bare Fastify + PGlite (bench/embedded/bare-pglite-server.mjs via plain node) opening the
 *     same data directory and answering /readyz with `select 1`: the floor of any embedded start.
 * BENCH_COMPARE_DIR: another copy of Simpul (e.g. `git archive <commit>` unpacked, with node_modules
 * and web/dist), whose `npm start` is timed too, on the same data: a before/after in one run.
 * The data directory (BENCH_DATA_DIR, default: a fresh one under /tmp, removed afterwards) gets a
 * first start (migrations + demo region) when it is empty; that first start is timed and printed
 * too. Each start gets a free port; readiness is polled every 20 ms. BENCH_RUNS (default 7) starts
 * of each; median, min and max of the wall time, and the median CPU time (user + system of the
 * start's processes until ready, which another engineer's load inflates less than wall time).
 * Needs web/dist built (as `npm start` would build it otherwise).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { log, percentile, printTable, repoDir, runBench, stop, track } from '../laksa/util';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_S = 3;

type Candidate = { name: string; cmd: string[]; cwd?: string };
const compareDir = process.env.BENCH_COMPARE_DIR ? path.resolve(process.env.BENCH_COMPARE_DIR) : undefined;
const candidates: Candidate[] = [
  { name: '`npm start` (the subject)', cmd: ['npm', 'start'] },
  { name: '`node scripts/start.mjs` (no npm)', cmd: [process.execPath, 'scripts/start.mjs'] },
  ...(compareDir ? [{ name: `\`npm start\` in ${compareDir}`, cmd: ['npm', 'start'], cwd: compareDir }] : []),
  {
    name: 'baseline: bare Fastify + PGlite (node)',
    cmd: [process.execPath, 'bench/embedded/bare-pglite-server.mjs'],
  },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * CPU seconds (user + system, all threads) used so far by the processes of a process group, from
 * /proc (Linux; NaN elsewhere). Less at the mercy of other load on the machine than wall time.
 */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return Number.NaN;
  }
  return ticks / 100;
}

type Timing = { wall: number; cpu: number };

/** Starts `cmd`, returns the seconds until its /readyz answers 200 (and CPU seconds), and stops it. */
async function timeToReady(
  { cmd, cwd = repoDir }: Omit<Candidate, 'name'>,
  dataDir: string,
  timeoutS = 60,
): Promise<Timing> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), {
    cwd,
    detached: true, // its own process group: npm, sh and node stop together
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  track(child, { group: true });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${cmd.join(' ')} exited ${child.exitCode}:\n${stderr}`);
      if ((performance.now() - started) / 1000 > timeoutS)
        throw new Error(`${cmd.join(' ')}: not ready within ${timeoutS} s`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return { wall: (performance.now() - started) / 1000, cpu: groupCpuSeconds(child.pid!) };
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stop(child);
  }
}

const s = (v: number) => `${v.toFixed(2)} s`;

await runBench(async () => {
  const cpu = cpus();
  log('Simpul start-up benchmark: `npm start` until /readyz, on existing embedded data');
  log(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), Node ${process.version}; load before the run ${loadavg()[0]!.toFixed(1)}`,
  );
  if (!existsSync(path.join(repoDir, 'web/dist/index.html')))
    throw new Error('web/dist is not built: run `npm run build:web` first (this bench times restarts)');
  const given = process.env.BENCH_DATA_DIR;
  const dataDir = given ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), 'simpul-start-'));
  try {
    if (!existsSync(path.join(dataDir, 'pglite'))) {
      log(`first start on an empty ${dataDir} (migrations + demo region) ...`);
      const first = await timeToReady({ cmd: ['npm', 'start'] }, dataDir, 300);
      log(`first start: ready in ${s(first.wall)} (CPU ${s(first.cpu)})`);
    }
    // One unmeasured start of each: the bundle is built if stale, and the OS file cache is warm.
    for (const c of candidates) await timeToReady(c, dataDir);
    const times = candidates.map(() => [] as Timing[]);
    for (let run = 1; run <= RUNS; run++) {
      for (const [i, c] of candidates.entries()) times[i]!.push(await timeToReady(c, dataDir));
      log(`run ${run}/${RUNS}: ${times.map((t) => s(t.at(-1)!.wall)).join(' / ')}`);
    }
    const sorted = (list: Timing[], key: keyof Timing) => list.map((t) => t[key]).sort((a, b) => a - b);
    log();
    printTable([
      [`until GET /readyz = 200, ${RUNS} runs`, 'median', 'min', 'max', 'CPU median'],
      ...candidates.map((c, i) => {
        const wall = sorted(times[i]!, 'wall');
        const cpu = sorted(times[i]!, 'cpu');
        return [c.name, s(percentile(wall, 0.5)), s(wall[0]!), s(wall.at(-1)!), s(percentile(cpu, 0.5))];
      }),
    ]);
    log();
    const median = percentile(sorted(times[0]!, 'wall'), 0.5);
    log(
      `npm start on existing data = ${s(median)} (median)   target <= ${TARGET_S} s   ${median <= TARGET_S ? 'PASS' : 'FAIL'}`,
    );
    log(`load after the run ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    if (!given) rmSync(dataDir, { recursive: true, force: true });
  }
});
