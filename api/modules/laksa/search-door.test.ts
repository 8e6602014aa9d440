import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../../../test/support/laksa';
import { rowsOf } from '../../core/db/client';

/**
 * The search door (migrations 0019, 0025) against the plain query it stands in for. Its ways — the
 * walk over the 1,000 newest reports, on to 5,000 for a term frequent enough to fill a page there,
 * then the rest of a word's matches from the GIN index — only part when a region has more than
 * 1,000 reports, so this region gets 9,000 over two years, with a word for each way and for the
 * seams between them, and each term is paged through to the end.
 */
const REPORTS = 9_000;
const TERMS = {
  /** every 2nd report: the walk fills every page */
  umum: 2,
  /** every 40th (2.5%): too few among the 1,000 newest for a page, so the walk goes on (migration 0025) */
  cukup: 40,
  /** every 150th (60 in all, 33 among the 5,000 newest): the first page is both ways at once */
  sedang: 150,
  /** every 997th (9 in all): a handful, spread over the years */
  jarang: 997,
  /** only beyond the 5,000 newest (every 40th of those, older than 13 months): the walk meets none */
  lampau: 0,
  /** nowhere */
  tiada: -1,
} as const;

describe('LAKSA search door', () => {
  let t: TestApp;
  let l: LaksaRegion;
  let other: LaksaRegion;

  beforeAll(async () => {
    t = await createTestApp();
    l = await createLaksaRegion(t);
    other = await createLaksaRegion(t);
    const template = await fileLaksaReport(t, l, { description: 'Templat laporan.' });
    // Owner-side bulk load (tests connect as the database owner): newest first, 2 hours apart.
    await t.database.run(() =>
      t.database.db.execute(sql`
        insert into laksa_report (region_id, ticket, type, category_id, description, lat, lng, created_at, updated_at)
        select region_id, 'LKS-TEST-' || g, type, category_id,
          concat_ws(' ', 'Laporan', case when g % 2 = 0 then 'umum' end, case when g % 40 = 0 then 'cukup' end, case when g % 150 = 0 then 'sedang' end,
            case when g % 997 = 0 then 'jarang' end, case when g > 5000 and g % 40 = 0 then 'lampau' end),
          lat, lng, now() - g * interval '2 hours', now()
        from laksa_report, generate_series(1, ${REPORTS}) as g
        where region_id = ${l.r.id} and id = ${template.id}`),
    );
    // The other region's reports share every word: none may come through the door.
    await fileLaksaReport(t, other, { description: 'umum sedang jarang lampau' });
  }, 120_000);
  afterAll(() => t?.close());

  /** Every page of `q` through the door as the app role, 50 at a time (as the inbox pages). */
  async function throughDoor(regionId: string, q: string) {
    const all: string[] = [];
    type Hit = { id: string; at: string };
    let after: Hit | null = null;
    for (;;) {
      const cursor: Hit | null = after;
      const page: Hit[] = await t.database.run(() =>
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'simpul_app', true)`);
          await tx.execute(sql`select set_config('app.region_id', ${regionId}, true)`);
          return rowsOf<Hit>(
            await tx.execute(sql`select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
              from laksa_search_door(${q}, ${cursor?.at ?? null}::timestamptz, ${cursor?.id ?? null}::uuid, 50)`),
          );
        }),
      );
      all.push(...page.map((x) => x.id));
      if (page.length < 50) return all;
      after = page.at(-1)!;
    }
  }

  const plain = async (regionId: string, q: string) =>
    rowsOf<{ id: string }>(
      await t.database.run(() =>
        t.database.db.execute(sql`select id from laksa_report
          where region_id = ${regionId} and search @@ websearch_to_tsquery('simple', ${q})
          order by created_at desc nulls last, id desc`),
      ),
    ).map((x) => x.id);

  it.each(Object.keys(TERMS))(
    'pages "%s" exactly as the plain query orders it, and no further',
    async (q) => {
      const expected = await plain(l.r.id, q);
      if (q === 'tiada') expect(expected).toEqual([]);
      else expect(expected.length).toBeGreaterThan(0);
      expect(await throughDoor(l.r.id, q)).toEqual(expected);
    },
  );

  it('finds several words together and a phrase, as websearch syntax means them', async () => {
    for (const q of ['umum sedang', '"laporan sedang"', 'sedang -umum', 'umum or jarang'])
      expect(await throughDoor(l.r.id, q)).toEqual(await plain(l.r.id, q));
  });

  it("returns the other region's reports to nobody but that region", async () => {
    const mine = await throughDoor(other.r.id, 'sedang');
    expect(mine).toHaveLength(1);
    expect(await throughDoor(l.r.id, 'sedang')).not.toContain(mine[0]);
  });
});
