import { asc, count, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { hashPassword } from '../api/core/auth/password';
import { createSession, SESSION_COOKIE } from '../api/core/auth/sessions';
import { openDatabase } from '../api/core/db/client';
import { migrateDatabase } from '../api/core/db/migrate';
import { appUser, opd, userRole } from '../api/core/db/schema';
import { asPlatform } from '../api/core/db/scope';
import { onboardRegion } from '../api/core/regions/onboard';

/** What the measured runs need: where the database is, which region, and a signed-in staff cookie. */
export type BenchFixture = {
  databaseUrl: string;
  region: { id: string; code: string; slug: string; name: string };
  regionCount: number;
  totalOpdRows: number;
  /** `simpul_session=<token>` of a staff account (role operator → core:staff.access). */
  cookie: string;
  /** The SELECT Simpul's GET /api/admin/opd runs (drizzle's text), without RLS: region filter added. */
  plainSql: string;
};

/** Kota Tangerang is measured; the other regions (Jawa Tengah kabupaten) give RLS rows to filter out. */
export const MEASURED_REGION = '36.71';
const OTHER_REGIONS = Array.from({ length: 29 }, (_, i) => `33.${String(i + 1).padStart(2, '0')}`);

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Recreates `dbName` from scratch: migrate, onboard `regions` regions like production does (the
 * measured one first), make sure the measured region has exactly `rows` OPD rows, and create a
 * staff account with a live session (no sign-in round trip, as test/support/app.ts does).
 */
export async function prepareBenchDatabase(opts: {
  adminUrl: string;
  dbName: string;
  regions: number;
  rows: number;
  log: (line: string) => void;
}): Promise<BenchFixture> {
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(opts.dbName)} with (force)`);
    await admin.query(`create database ${pg.escapeIdentifier(opts.dbName)}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(opts.adminUrl, opts.dbName);
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await migrateDatabase(database);
    const codes = [MEASURED_REGION, ...OTHER_REGIONS.slice(0, Math.max(0, opts.regions - 1))];
    const started = Date.now();
    let measured: BenchFixture['region'] | null = null;
    for (const code of codes) {
      const { region } = await onboardRegion(database, { code, actor: 'bench' });
      measured ??= region;
    }
    if (!measured) throw new Error('no region onboarded');
    const regionId = measured.id;
    opts.log(`  onboarded ${codes.length} regions in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const why = { actor: 'bench', action: 'bench.fixture', reason: 'benchmark fixture', regionId };
    const { rows, total } = await asPlatform(database, why, async (tx) => {
      const [have] = await tx.select({ n: count() }).from(opd).where(eq(opd.regionId, regionId));
      const missing = opts.rows - (have?.n ?? 0);
      if (missing < 0)
        throw new Error(
          `region ${MEASURED_REGION} has ${have?.n} OPD rows, more than the ${opts.rows} wanted`,
        );
      if (missing > 0)
        await tx.insert(opd).values(
          Array.from({ length: missing }, (_, i) => ({
            regionId,
            code: `bench-${i + 1}`,
            name: `Badan Uji Beban ${i + 1}`,
            shortName: `Uji ${i + 1}`,
          })),
        );
      const [after] = await tx.select({ n: count() }).from(opd).where(eq(opd.regionId, regionId));
      const [all] = await tx.select({ n: count() }).from(opd);
      return { rows: after?.n ?? 0, total: all?.n ?? 0 };
    });
    if (rows !== opts.rows)
      throw new Error(`expected ${opts.rows} OPD rows in ${MEASURED_REGION}, found ${rows}`);

    const passwordHash = await hashPassword('bench-password-not-used');
    const token = await asPlatform(database, why, async (tx) => {
      const [user] = await tx
        .insert(appUser)
        .values({
          regionId,
          name: 'Operator Uji Beban',
          email: 'operator.bench@simpul.local',
          passwordHash,
          verifiedAt: new Date(),
        })
        .returning({ id: appUser.id });
      if (!user) throw new Error('staff account not created');
      await tx.insert(userRole).values({ regionId, userId: user.id, role: 'operator', opdId: null });
      return (await createSession(tx, regionId, user.id, 'simpul-bench')).token;
    });

    await database.db.execute(sql`analyze`);

    // The exact text drizzle builds for listOpd (api/core/admin/opd.ts), region filter added.
    const drizzleSql = database.db
      .select({ id: opd.id, code: opd.code, name: opd.name, shortName: opd.shortName, active: opd.active })
      .from(opd)
      .orderBy(asc(opd.name))
      .toSQL().sql;
    const plainSql = drizzleSql.replace(' order by ', ` where "opd"."region_id" = $1 order by `);
    if (plainSql === drizzleSql) throw new Error(`unexpected drizzle SQL: ${drizzleSql}`);

    return {
      databaseUrl,
      region: measured,
      regionCount: codes.length,
      totalOpdRows: total,
      cookie: `${SESSION_COOKIE}=${token}`,
      plainSql,
    };
  } finally {
    await database.close();
  }
}
