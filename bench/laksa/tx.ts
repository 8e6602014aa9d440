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
import { reportInput } from '../../shared/modules/laksa';
import { prng } from './data';
import { fixtureTarget, prepareLaksaFixture } from './fixture';
import { laksaSettingsByRegion, reportBody } from './record';
import { ms } from './util';

const env = process.env;
const TRANSACTIONS = Number(env.BENCH_TX ?? 3000);
const WARMUP = 300;
const log = (line = '') => process.stdout.write(`${line}\n`);

const fx = await prepareLaksaFixture({ ...fixtureTarget, fresh: false, log });
const regions = fx.regions.slice(0, 5);
const settings = await laksaSettingsByRegion(fx.databaseUrl);
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
