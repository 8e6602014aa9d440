/**
 * `npm run bench:laksa:door`: the LAKSA search door alone, the current one (latest migration)
 * against its first version (migration 0019, installed beside it under another name for this run),
 * on the 1,000,000-report fixture of `npm run bench:laksa` (built or reused here). One client, the
 * 35 word terms of the bench in all 20 regions, each called as the app role with the region set, as
 * the inbox calls it. First every term's first three pages must be identical through both doors;
 * then the doors take turns, term by term (1 warm pass, BENCH_DOOR_PASSES timed): mean per call
 * per term, over all, and the worst term's mean. Exits 0; 1 if any page differs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { SEARCH_TERMS } from './data';
import { fixtureTarget, prepareLaksaFixture } from './fixture';
import { repoDir, withClient } from './util';

const env = process.env;
const PASSES = Math.max(1, Number(env.BENCH_DOOR_PASSES ?? 2));
const PAGE = 51; // the inbox asks for a page of 50 and one more
const BASELINE = 'laksa_search_door_0019';
const log = (line = '') => process.stdout.write(`${line}\n`);

type Hit = { id: string; at: string };

/** Migration 0019's door, renamed: the baseline measured in the same run. */
function baselineDoorSql(): string {
  const text = readFileSync(path.join(repoDir, 'migrations', '0019_search-door.sql'), 'utf8');
  const start = text.indexOf('CREATE FUNCTION laksa_search_door(');
  const end = text.indexOf('$$;', start);
  if (start < 0 || end < 0) throw new Error('migration 0019 no longer holds the door it was written with');
  return text
    .slice(start, end + 3)
    .replace('CREATE FUNCTION laksa_search_door(', `CREATE OR REPLACE FUNCTION ${BASELINE}(`);
}

async function main() {
  log('LAKSA search door: the current door against migration 0019, same database, one client');
  const fx = await prepareLaksaFixture({ ...fixtureTarget, fresh: false, log });
  await withClient(fx.databaseUrl, async (c) => {
    // Owned by simpul_search like the door itself, so both read the table the same way.
    await c.query(baselineDoorSql());
    await c.query('GRANT CREATE ON SCHEMA public TO simpul_search');
    await c.query(`ALTER FUNCTION ${BASELINE}(text, timestamptz, uuid, integer) OWNER TO simpul_search`);
    await c.query('REVOKE CREATE ON SCHEMA public FROM simpul_search');
    try {
      await compare(
        c,
        fx.regions.map((r) => r.id),
      );
    } finally {
      await c.query(`DROP FUNCTION ${BASELINE}(text, timestamptz, uuid, integer)`);
    }
  });
}

async function compare(c: pg.Client, regions: string[]) {
  const terms = SEARCH_TERMS.filter((t) => t.kind !== 'ticket');
  const call = async (door: string, region: string, q: string, after: Hit | null = null) => {
    await c.query('begin');
    await c.query(`select set_config('role', 'simpul_app', true), set_config('app.region_id', $1, true)`, [
      region,
    ]);
    const started = process.hrtime.bigint();
    const { rows } = await c.query<Hit>(
      `select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
       from ${door}($1, $2::timestamptz, $3::uuid, $4)`,
      [q, after?.at ?? null, after?.id ?? null, PAGE],
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await c.query('commit');
    return { rows, ms };
  };

  let pages = 0;
  for (const { q } of terms)
    for (const region of regions) {
      let before: Hit | null = null;
      let now: Hit | null = null;
      for (let page = 0; page < 3; page++) {
        const a = await call(BASELINE, region, q, before);
        const b = await call('laksa_search_door', region, q, now);
        if (a.rows.map((x) => x.id).join() !== b.rows.map((x) => x.id).join()) {
          log(`DIFFERENT: "${q}" in region ${region}, page ${page + 1}`);
          process.exitCode = 1;
          return;
        }
        pages++;
        if (a.rows.length < PAGE) break;
        before = a.rows.at(-1)!;
        now = b.rows.at(-1)!;
      }
    }
  log(`Identical: ${pages} pages (up to 3 per term and region) through both doors`);
  log();
  log(`${'term'.padEnd(58)} ${'0019 ms'.padStart(8)} ${'now ms'.padStart(8)}`);
  const totals = { base: 0, now: 0, calls: 0, worstBase: 0, worstNow: 0 };
  for (const { q, kind } of terms) {
    let base = 0;
    let now = 0;
    let calls = 0;
    for (let pass = 0; pass <= PASSES; pass++)
      for (const region of regions) {
        const a = (await call(BASELINE, region, q)).ms;
        const b = (await call('laksa_search_door', region, q)).ms;
        if (pass === 0) continue; // warm
        base += a;
        now += b;
        calls++;
      }
    totals.base += base;
    totals.now += now;
    totals.calls += calls;
    totals.worstBase = Math.max(totals.worstBase, base / calls);
    totals.worstNow = Math.max(totals.worstNow, now / calls);
    log(
      `${`${q} (${kind})`.slice(0, 58).padEnd(58)} ${(base / calls).toFixed(2).padStart(8)} ${(now / calls).toFixed(2).padStart(8)}`,
    );
  }
  log();
  log(
    `mean per call: 0019 ${(totals.base / totals.calls).toFixed(2)} ms, now ${(totals.now / totals.calls).toFixed(2)} ms; worst term's mean: 0019 ${totals.worstBase.toFixed(2)} ms, now ${totals.worstNow.toFixed(2)} ms (${totals.calls / terms.length} calls per term per door)`,
  );
}

await main();
