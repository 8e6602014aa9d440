/**
 * `npm run bench:laksa:tx`: the intake transaction alone, one client, no HTTP: `inRegion` +
 * `fileReport` (api/modules/laksa/intake.ts) filing reports one after another in the first five
 * regions of the `bench:laksa` fixture (built or reused here), committed. Prints wall time and this
 * process's CPU per transaction: what the database layer costs a report, with nothing else on the
 * machine moving the figure as much as under load. Compare two commits by running it by turns in
 * each (a `git worktree` of the other). BENCH_TX (default 3,000) transactions after 300 warm-up.
 */
import { WorkingCalendar } from '../../api/core/calendar/working-days';
import { openDatabase } from '../../api/core/db/client';
import { inRegion } from '../../api/core/db/scope';
import { fileReport } from '../../api/modules/laksa/intake';
import { laksaSettings, reportInput } from '../../shared/modules/laksa';
import { prng } from './data';
import { prepareLaksaFixture } from './fixture';
import { reportBody } from './record';
import { ms, withClient } from './util';

const env = process.env;
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env.BENCH_LAKSA_DB ?? 'simpul_bench_laksa';
const REPORTS = Number(env.BENCH_LAKSA_REPORTS ?? 1_000_000);
const TRANSACTIONS = Number(env.BENCH_TX ?? 3000);
const WARMUP = 300;
const log = (line = '') => process.stdout.write(`${line}\n`);

const fx = await prepareLaksaFixture({
  adminUrl: ADMIN_URL,
  dbName: DB_NAME,
  reports: REPORTS,
  fresh: false,
  log,
});
const regions = fx.regions.slice(0, 5);
const settings = await withClient(fx.databaseUrl, async (c) => {
  const { rows } = await c.query<{ region_id: string; settings: unknown }>(
    `select region_id, settings from region_module where module_id = 'laksa'`,
  );
  return new Map(rows.map((r) => [r.region_id, laksaSettings.parse(r.settings)]));
});
const database = await openDatabase({ databaseUrl: fx.databaseUrl, poolSize: 2 });
const calendar = new WorkingCalendar({ timeZone: 'WIB', extraHolidays: [] });
const rng = prng(23);
const run = Date.now().toString(36);

const file = (i: number) => {
  const region = regions[i % regions.length]!;
  const body = reportInput.parse(reportBody(rng, region));
  return inRegion(database, { regionId: region.id, userId: region.citizen.id }, (tx) =>
    fileReport(
      tx,
      { regionId: region.id, regionCode: region.code, settings: settings.get(region.id)!, calendar },
      body,
      { reporterId: region.citizen.id, source: 'app', idempotencyKey: `bench-tx-${run}-${i}` },
    ),
  );
};

try {
  for (let i = 0; i < WARMUP; i++) await file(i);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = WARMUP; i < WARMUP + TRANSACTIONS; i++) await file(i);
  const wall = (performance.now() - start) / TRANSACTIONS;
  const used = process.cpuUsage(cpu);
  log(
    `intake transaction, one client: ${TRANSACTIONS.toLocaleString('en-US')} reports, ${ms(wall)} wall and ${ms((used.user + used.system) / 1000 / TRANSACTIONS)} of this process's CPU per report`,
  );
} finally {
  await database.close();
}
