/**
 * The three paths `npm run bench:national` measures, each checked once before it is loaded:
 *   - read:    GET /r/<slug>/api/admin/opd as an operator (the route of `npm run bench`): 20 OPD rows;
 *   - intake:  POST /r/<slug>/api/m/laksa/reports as a citizen (as `npm run bench:laksa` files them):
 *              session cookie + x-csrf-token, a new Idempotency-Key each, every answer 201;
 *   - session: GET /r/<slug>/api/auth/session as that citizen (what the web app asks on every start).
 * autocannon at a fixed number of connections; latencies are kept exactly (ms) from its events.
 */
import autocannon, { type Options, type Result } from 'autocannon';
import { prng } from '../laksa/data';
import type { FixtureRegion } from '../laksa/fixture';
import { reportBody } from '../laksa/record';
import { cpuTicks, log } from '../laksa/util';

export const PATHS = ['read', 'intake', 'session'] as const;
export type PathName = (typeof PATHS)[number];
export const PATH_LABEL: Record<PathName, string> = {
  read: 'Region-scoped read  GET /api/admin/opd',
  intake: 'LAKSA intake        POST /api/m/laksa/reports',
  session: 'Session check       GET /api/auth/session',
};
const OPD_ROWS = 20;
const RUN_ID = Date.now().toString(36);
const rng = prng(29);
let sent = 0;

type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type Tracker = Promise<Result> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};

function request(path: PathName, r: FixtureRegion): Req {
  const base = `/r/${r.slug}`;
  if (path === 'read') return { method: 'GET', path: `${base}/api/admin/opd`, headers: r.operator.headers };
  if (path === 'session')
    return { method: 'GET', path: `${base}/api/auth/session`, headers: r.citizen.headers };
  return {
    method: 'POST',
    path: `${base}/api/m/laksa/reports`,
    headers: {
      ...r.citizen.headers,
      'content-type': 'application/json',
      'idempotency-key': `bench-national-${RUN_ID}-${sent++}`,
    },
    body: JSON.stringify(reportBody(rng, r)),
  };
}

/** One request of each path, its answer checked: what is measured is what the path should do. */
export async function verifyPaths(base: string, r: FixtureRegion) {
  const answer = async (path: PathName) => {
    const q = request(path, r);
    const res = await fetch(`${base}${q.path}`, { method: q.method, headers: q.headers, body: q.body });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const read = await answer('read');
  if (read.status !== 200 || !Array.isArray(read.body) || read.body.length !== OPD_ROWS)
    throw new Error(`read in ${r.code}: expected 200 and ${OPD_ROWS} OPD rows, got ${read.status}`);
  const intake = await answer('intake');
  const ticket = (intake.body as { ticket?: string }).ticket;
  if (intake.status !== 201 || !ticket)
    throw new Error(
      `intake in ${r.code}: expected 201, got ${intake.status}: ${JSON.stringify(intake.body)}`,
    );
  const session = await answer('session');
  const me = (session.body as { me?: { user?: { id?: string } } | null }).me;
  if (session.status !== 200 || me?.user?.id !== r.citizen.id)
    throw new Error(`session in ${r.code}: expected 200 and the citizen, got ${session.status}`);
  log(
    `  verified in ${r.code}: read 200 (${OPD_ROWS} OPD), intake 201 (${ticket}), session 200 (the citizen)`,
  );
}

/** Warm-up, then `seconds` measured at `connections`; any error or non-2xx answer stops the run. */
export async function loadPath(
  base: string,
  path: PathName,
  r: FixtureRegion,
  serverPid: number | undefined,
  o: { connections: number; seconds: number; warmup: number },
): Promise<{ lat: number[]; serverMs: number }> {
  const opts = {
    url: base,
    connections: o.connections,
    requests: [{ setupRequest: (req: Req) => ({ ...req, ...request(path, r) }) }],
  };
  check(path, await (autocannon({ ...opts, duration: o.warmup } as Options) as Tracker));
  const latencies: number[] = [];
  const before = cpuTicks(serverPid);
  const tracker = autocannon({ ...opts, duration: o.seconds } as Options) as Tracker;
  tracker.on('response', (_c, status, _b, ms) => {
    if (status < 300) latencies.push(ms);
  });
  const result = check(path, await tracker);
  const after = cpuTicks(serverPid);
  if (path === 'intake' && (result.statusCodeStats['201']?.count ?? 0) !== result['2xx'])
    throw new Error('intake: not every answer was 201 Created');
  // The server's CPU over the measured seconds (its background work included), in ms.
  return { lat: latencies, serverMs: before === null || after === null ? Number.NaN : (after - before) * 10 };
}

function check(label: string, r: Result): Result {
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0)
    throw new Error(
      `${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)})`,
    );
  return r;
}
