import { eq, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../api/core/db/client';
import { queryPrepared } from '../../api/core/db/prepared';
import * as coreSchema from '../../api/core/db/schema';
import { appUser, event, opd } from '../../api/core/db/schema';
import { inRegion, readInRegion } from '../../api/core/db/scope';
import { modules } from '../../api/modules';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { createLaksaRegion, fileLaksaReport } from '../support/laksa';

const rowsOf = (r: unknown) =>
  ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

/**
 * The tenancy meta-test: every table is protected by forced row-level security, every
 * region-scoped table carries region_id with the isolation policy, and region A can neither
 * read nor write region B's rows — through the database layer and through the API.
 */
describe('row-level security', () => {
  let t: TestApp;
  let a: TestRegion;
  let b: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    a = await createRegion(t);
    b = await createRegion(t);
  });
  afterAll(() => t.close());

  it('forces RLS on every table in the public schema', async () => {
    const rows = rowsOf(
      await t.database.db.execute(sql`
        select c.relname, c.relrowsecurity, c.relforcerowsecurity
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`),
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows)
      expect({ table: r.relname, rls: r.relrowsecurity, forced: r.relforcerowsecurity }).toEqual({
        table: r.relname,
        rls: true,
        forced: true,
      });
  });

  it('gives every table with region_id exactly the region isolation policy for the app role, and no other', async () => {
    const tables = rowsOf(
      await t.database.db.execute(sql`
        select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'region_id'`),
    ).map((r) => String(r.table_name));
    const policies = rowsOf(
      await t.database.db.execute(
        sql`select tablename, policyname, permissive, cmd, roles::text as roles, qual, with_check
            from pg_policies where schemaname = 'public'`,
      ),
    );
    // The expression PostgreSQL stores for tenancy.ts's `region_id = currentRegion`, compared whole:
    // a policy `… OR true`, or one on another column, is not this text.
    const own =
      "(region_id = ( SELECT (NULLIF(current_setting('app.region_id'::text, true), ''::text))::uuid AS \"nullif\"))";
    const appPolicies = (table: string) =>
      policies
        .filter((x) => x.tablename === table && String(x.roles).includes('simpul_app'))
        .map((x) => ({
          name: x.policyname,
          permissive: x.permissive,
          cmd: x.cmd,
          using: x.qual,
          check: x.with_check,
        }))
        .sort((x, y) => String(x.name).localeCompare(String(y.name)));
    // Platform-only tables (no app-role policy at all), and region_domain: every process reads the
    // host names to route requests, a region writes only its own.
    const special: Record<string, unknown[]> = {
      platform_audit: [],
      task_run: [],
      region_domain: [
        { name: 'region_domain_own', permissive: 'PERMISSIVE', cmd: 'ALL', using: own, check: own },
        { name: 'region_domain_read', permissive: 'PERMISSIVE', cmd: 'SELECT', using: 'true', check: null },
      ],
    };
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables)
      expect(appPolicies(table), table).toEqual(
        special[table] ?? [
          { name: `${table}_region_isolation`, permissive: 'PERMISSIVE', cmd: 'ALL', using: own, check: own },
        ],
      );
  });

  it('declares every module table as region-scoped with region_id first in the primary key', () => {
    const tenantTables: PgTable[] = [
      ...modules.flatMap((m) => [...m.tables]),
      ...(Object.values(coreSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable)),
    ];
    for (const table of tenantTables) {
      const cfg = getTableConfig(table);
      if (['region', 'region_domain', 'platform_audit', 'task_run'].includes(cfg.name)) continue;
      expect(
        cfg.columns.some((c) => c.name === 'region_id' || c.name === 'regionId'),
        `${cfg.name} lacks region_id`,
      ).toBe(true);
      const pk =
        cfg.primaryKeys[0]?.columns.map((c) => c.name) ??
        cfg.columns.filter((c) => c.primary).map((c) => c.name);
      if (pk.length)
        expect(['region_id', 'regionId'], `${cfg.name}: region_id must lead the primary key`).toContain(
          pk[0],
        );
    }
  });

  it('indexes every foreign key (leading columns)', async () => {
    const missing = rowsOf(
      await t.database.db.execute(sql`
        select c.conrelid::regclass::text as tbl, c.conname
        from pg_constraint c
        where c.contype = 'f' and c.connamespace = 'public'::regnamespace
          and not exists (
            select 1 from pg_index i
            where i.indrelid = c.conrelid
              and (i.indkey::int2[])[0:array_length(c.conkey,1)-1] @> c.conkey
              and (i.indkey::int2[])[0:array_length(c.conkey,1)-1] <@ c.conkey)`),
    );
    expect(missing).toEqual([]);
  });

  it('hides region B rows from a transaction of region A and refuses writes into B', async () => {
    const seenFromA = await inRegion(t.database, { regionId: a.id }, (tx) => tx.select().from(opd));
    expect(seenFromA.length).toBeGreaterThan(5);
    expect(seenFromA.every((o) => o.regionId === a.id)).toBe(true);

    // Reading B's rows by id from A finds nothing.
    const bOpd = await inRegion(t.database, { regionId: b.id }, (tx) => tx.select().from(opd).limit(1));
    const probe = await inRegion(t.database, { regionId: a.id }, (tx) =>
      tx.select().from(opd).where(eq(opd.id, bOpd[0]!.id)),
    );
    expect(probe).toEqual([]);

    // Writing a row that claims region B from A's transaction is rejected by the policy.
    await expect(
      inRegion(t.database, { regionId: a.id }, (tx) =>
        tx.insert(opd).values({ regionId: b.id, code: 'penyusup', name: 'Penyusup', shortName: 'X' }),
      ),
    ).rejects.toThrow();
    // Updating or deleting B's rows from A touches nothing.
    const updated = await inRegion(t.database, { regionId: a.id }, (tx) =>
      tx.update(opd).set({ name: 'diretas' }).where(eq(opd.id, bOpd[0]!.id)).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await inRegion(t.database, { regionId: a.id }, (tx) => tx.delete(appUser).returning());
    expect(deleted.every((u) => u.regionId === a.id)).toBe(true);
    const bUsers = await inRegion(t.database, { regionId: b.id }, (tx) => tx.select().from(appUser));
    expect(bUsers.length).toBeGreaterThan(0);
  });

  it('shows nothing at all when no region is set, even to the table owner', async () => {
    const appNoRegion = await t.database.run(() =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'simpul_app', true)`);
        return rowsOf(await tx.execute(sql`select count(*)::int as n from opd`));
      }),
    );
    expect(appNoRegion[0]!.n).toBe(0);
    // The connection's own user is a superuser here (PGlite always; the CI PostgreSQL too), and a
    // superuser bypasses RLS. So the table is handed, inside a transaction that is rolled back, to a
    // plain role that owns it: FORCE ROW LEVEL SECURITY must hold the owner too.
    const owner = `simpul_owner_${process.pid}`;
    const seen = await t.database.run(() =>
      t.database.db
        .transaction(async (tx) => {
          await tx.execute(sql.raw(`create role ${owner} nosuperuser nobypassrls`));
          await tx.execute(sql.raw(`alter table opd owner to ${owner}`));
          await tx.execute(sql.raw(`set local role ${owner}`));
          const none = rowsOf(await tx.execute(sql`select count(*)::int as n from opd`));
          await tx.execute(sql`select set_config('app.region_id', ${a.id}, true)`);
          const withRegion = rowsOf(await tx.execute(sql`select count(*)::int as n from opd`));
          throw Object.assign(new Error('rollback'), { counts: [none[0]!.n, withRegion[0]!.n] });
        })
        .catch((e: { counts?: number[] }) => {
          if (!e.counts) throw e;
          return e.counts;
        }),
    );
    // No policy names the owner: it sees nothing, with or without a region.
    expect(seen).toEqual([0, 0]);
    const total = rowsOf(await t.database.db.execute(sql`select count(*)::int as n from opd`));
    expect(total[0]!.n).toBeGreaterThan(0); // and the superuser connection still sees the rows
  });

  /**
   * Functions that run with their owner's rights are doors around row-level security. Each must be
   * listed here, pin its search_path, be callable by the app role only, filter by the session's own
   * app.region_id (never a region the caller passes), and belong to a role that logs in nowhere,
   * cannot bypass RLS, is not reachable from the app role and reads only the columns it needs.
   */
  const doors: Record<string, { owner: string; reads: string[] }> = {
    laksa_search_door: {
      owner: 'simpul_search',
      reads: ['laksa_report.created_at', 'laksa_report.id', 'laksa_report.region_id', 'laksa_report.search'],
    },
    eoffice_search_door: {
      owner: 'simpul_search',
      reads: [
        'eoffice_letter.dated',
        'eoffice_letter.id',
        'eoffice_letter.opd_id',
        'eoffice_letter.region_id',
        'eoffice_letter.search',
      ],
    },
  };

  it('allows only the listed SECURITY DEFINER doors, each pinned, private and region-bound', async () => {
    const fns = rowsOf(
      await t.database.db.execute(sql`
        select p.proname, pg_get_userbyid(p.proowner) as owner, p.proconfig::text as config,
          pg_get_functiondef(p.oid) as def, pg_get_function_identity_arguments(p.oid) as args,
          has_function_privilege('public', p.oid, 'execute') as public_exec,
          has_function_privilege('simpul_app', p.oid, 'execute') as app_exec
        from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef`),
    );
    expect(fns.map((f) => f.proname).sort()).toEqual(Object.keys(doors).sort());
    for (const f of fns) {
      const door = doors[String(f.proname)]!;
      expect({ fn: f.proname, owner: f.owner, publicExec: f.public_exec, appExec: f.app_exec }).toEqual({
        fn: f.proname,
        owner: door.owner,
        publicExec: false,
        appExec: true,
      });
      expect(String(f.config), String(f.proname)).toMatch(/search_path=pg_catalog, ?pg_temp/);
      // The region comes from the session, as in the policies; no argument may name one.
      expect(String(f.def)).toContain("current_setting('app.region_id', true)");
      expect(String(f.args)).not.toMatch(/region/);
      const [role] = rowsOf(
        await t.database.db.execute(sql`
          select rolcanlogin, rolbypassrls, rolsuper, pg_has_role('simpul_app', oid, 'member') as app_member
          from pg_roles where rolname = ${door.owner}`),
      );
      expect(role).toEqual({ rolcanlogin: false, rolbypassrls: false, rolsuper: false, app_member: false });
      const grants = rowsOf(
        await t.database.db.execute(sql`
          select table_name || '.' || column_name as col from information_schema.column_privileges
          where grantee = ${door.owner} and table_schema = 'public'
          union select table_name || '.*' from information_schema.role_table_grants
          where grantee = ${door.owner} and table_schema = 'public'`),
      ).map((g) => String(g.col));
      // Doors may share an owner: it reads exactly what its doors need.
      const needed = Object.values(doors)
        .filter((d) => d.owner === door.owner)
        .flatMap((d) => d.reads)
        .sort();
      expect(grants.sort()).toEqual(needed);
    }
    // Policies for roles other than the app's and the platform's: SELECT-only, for a door's owner.
    const others = rowsOf(
      await t.database.db.execute(sql`
        select tablename, cmd, roles::text as roles from pg_policies
        where schemaname = 'public' and not (roles && array['simpul_app', 'simpul_platform']::name[])`),
    );
    const owners = new Set(Object.values(doors).map((d) => d.owner));
    for (const p of others) {
      expect(p.cmd, String(p.tablename)).toBe('SELECT');
      expect(owners.has(String(p.roles).replace(/[{}]/g, '')), String(p.roles)).toBe(true);
    }
  });

  it('returns through the search door only reports of the session region', async () => {
    const la = await createLaksaRegion(t);
    const lb = await createLaksaRegion(t);
    const inB = await fileLaksaReport(t, lb, { description: 'Kabel menjuntai di jembatan rangkasbitung.' });
    await fileLaksaReport(t, la, { description: 'Jalan berlubang di depan pasar.' });
    const door = (regionId: string | null, q: string, after: string | null = null) =>
      t.database.run(() =>
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'simpul_app', true)`);
          if (regionId) await tx.execute(sql`select set_config('app.region_id', ${regionId}, true)`);
          return rowsOf(
            await tx.execute(
              sql`select id from laksa_search_door(${q}, ${after ? new Date() : null}::timestamptz, ${after}::uuid, 50)`,
            ),
          ).map((x) => x.id);
        }),
      );
    expect(await door(lb.r.id, 'rangkasbitung')).toEqual([inB.id]);
    expect(await door(la.r.id, 'rangkasbitung')).toEqual([]); // B's word, asked from A
    expect(await door(la.r.id, 'rangkasbitung', inB.id)).toEqual([]); // B's id as cursor changes nothing
    expect(await door(null, 'rangkasbitung')).toEqual([]); // no region: nothing
    expect((await door(la.r.id, 'berlubang')).length).toBe(1);
    // Only the app role may call it directly; the API reaches it through the inbox.
    const viaApi = await call(t, la.r, {
      method: 'GET',
      url: '/api/m/laksa/inbox?q=rangkasbitung',
      as: la.operator,
    });
    expect(viaApi.json().items).toEqual([]);
  });

  it('keeps a prepared one-round-trip read (readInRegion) to the region of each call, whoever used the connection before', async () => {
    // On PostgreSQL the SELECT is a named prepared statement that PostgreSQL may keep a generic
    // plan for after five runs: the region must still come from each call's scope.
    const list = {
      sql: 'select region_id::text as region, code from opd where code <> $1 order by code',
      params: ['-'],
    };
    const regionsOf = async (regionId: string) =>
      new Set((await readInRegion<{ region: string }>(t.database, { regionId }, list)).map((r) => r.region));
    for (let i = 0; i < 8; i++) {
      expect(await regionsOf(a.id)).toEqual(new Set([a.id]));
      expect(await regionsOf(b.id)).toEqual(new Set([b.id]));
      // The owner in between, on the same connection pool: another role and no region set.
      await t.database.db.execute(sql`select id from opd`);
    }
    // An execution error (after the statement was parsed) leaves the next call working.
    const divide = (n: number) =>
      readInRegion<{ x: number }>(
        t.database,
        { regionId: a.id },
        { sql: 'select 10 / $1::int as x', params: [n] },
      );
    for (let i = 0; i < 3; i++) {
      await expect(divide(0)).rejects.toThrow(/division by zero/);
      expect(await divide(2)).toEqual([{ x: 5 }]);
    }
    // A connection whose prepared statements were dropped (a pooler's reset) parses them again.
    const pool = t.database.raw.pool;
    if (pool) {
      expect(await regionsOf(b.id)).toEqual(new Set([b.id]));
      const client = await pool.connect(); // the same connection: the pool hands out the last one back
      await client.query('deallocate all');
      client.release();
      expect(await regionsOf(a.id)).toEqual(new Set([a.id]));
    }
    await expect(readInRegion(t.database, { regionId: 'not-a-uuid' }, list)).rejects.toThrow(/UUID/);
  });
  it('opens a transaction with its first statement: whole or nothing, in the region of each call, the connection left clean', async () => {
    const named = (n: number) => `rls-open-${Date.now()}-${n}`;
    const opdCodes = async (regionId: string, code: string) =>
      inRegion(t.database, { regionId }, (tx) =>
        tx.select({ code: opd.code }).from(opd).where(eq(opd.code, code)),
      );
    const addOpd = (tx: Tx, regionId: string, code: string) =>
      tx.insert(opd).values({ regionId, code, name: 'Sementara', shortName: 'SMT' });

    // The first statement (it carried BEGIN) is undone when a later one fails, and when it fails itself.
    const undone = named(1);
    await expect(
      inRegion(t.database, { regionId: a.id }, async (tx) => {
        await addOpd(tx, a.id, undone);
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect(await opdCodes(a.id, undone)).toEqual([]);
    await expect(
      inRegion(t.database, { regionId: a.id }, (tx) => tx.execute(sql`select 1 / 0`)),
    ).rejects.toThrow();

    // Each call's first statement runs as the app role in that call's region, A and B in turn.
    for (let i = 0; i < 4; i++) {
      for (const region of [a, b]) {
        const [row] = rowsOf(
          await inRegion(t.database, { regionId: region.id }, (tx) =>
            tx.execute(sql`select current_setting('app.region_id') as region, current_user as role`),
          ),
        );
        expect(row).toEqual({ region: region.id, role: 'simpul_app' });
        // A named prepared statement: parsed on its first use on a connection, then carried.
        const rows = await inRegion(t.database, { regionId: region.id }, (tx) =>
          queryPrepared<{ region: string }>(
            tx,
            'rls_open_regions',
            'select distinct region_id::text as region from opd where code <> $1',
            ['-'],
          ),
        );
        expect(rows).toEqual([{ region: region.id }]);
      }
    }
    // A first statement claiming the other region is refused by the policy, and nothing is kept.
    const intruder = named(2);
    await expect(
      inRegion(t.database, { regionId: a.id }, (tx) => addOpd(tx, b.id, intruder)),
    ).rejects.toThrow();
    expect(await opdCodes(b.id, intruder)).toEqual([]);

    // Statements sent together (the work does not wait) share the one transaction, in order.
    const kept = named(3);
    const [x, y] = await inRegion(t.database, { regionId: b.id }, (tx) =>
      Promise.all([
        tx.execute(sql`select txid_current()::text as id`),
        tx.execute(sql`select txid_current()::text as id`),
        addOpd(tx, b.id, kept),
      ]),
    );
    expect(rowsOf(x)[0]!.id).toBe(rowsOf(y)[0]!.id);
    expect(await opdCodes(b.id, kept)).toEqual([{ code: kept }]);
    // A work that sends nothing opens nothing.
    expect(await inRegion(t.database, { regionId: a.id }, async () => 'nothing sent')).toBe('nothing sent');

    // After all of it the owner on the same pool is back in no region, outside any transaction.
    const [after] = rowsOf(
      await t.database.db.execute(
        sql`select coalesce(current_setting('app.region_id', true), '') as region, current_user <> 'simpul_app' as owner`,
      ),
    );
    // (A transaction left open would still be the app role's, in its region.)
    expect(after).toEqual({ region: '', owner: true });

    // On PostgreSQL a one-statement transaction is two round trips: the statement (BEGIN and the
    // scope with it), then COMMIT.
    const pool = t.database.raw.pool;
    if (pool) {
      // A first text of several statements (PostgreSQL's simple protocol) goes after BEGIN, as before.
      const several = (await inRegion(t.database, { regionId: a.id }, (tx) =>
        tx.execute(sql.raw(`select 1; select current_setting('app.region_id') as region`)),
      )) as unknown as { rows: unknown[] }[];
      expect(several[1]!.rows).toEqual([{ region: a.id }]);
      const client = await pool.connect(); // the pool hands this connection out next
      const own = client.query;
      let trips = 0;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        trips++;
        return (own as (...a: unknown[]) => unknown).apply(client, args);
      };
      client.release();
      await inRegion(t.database, { regionId: a.id }, (tx) =>
        tx.select({ code: opd.code }).from(opd).limit(1),
      );
      client.query = own;
      expect(trips).toBe(2);
    }
  });

  it('keeps regions apart through the API: B admin cannot see or change A data', async () => {
    const adminA = await createAccount(t, a, ['region_admin']);
    const adminB = await createAccount(t, b, ['region_admin']);
    const created = await call(t, a, {
      method: 'POST',
      url: '/api/m/nomor-penting/numbers',
      as: adminA,
      payload: { name: 'Posko Banjir A', number: '0211234567', category: 'darurat' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;

    const listB = await call(t, b, { method: 'GET', url: '/api/m/nomor-penting/numbers' });
    expect(listB.json().map((n: { id: string }) => n.id)).not.toContain(id);
    const patchFromB = await call(t, b, {
      method: 'PATCH',
      url: `/api/m/nomor-penting/numbers/${id}`,
      as: adminB,
      payload: { name: 'diretas' },
    });
    expect(patchFromB.statusCode).toBe(404);
    // A's session is not valid on B's host (sessions belong to one region).
    const crossSession = await call(t, b, { method: 'GET', url: '/api/admin/users', as: adminA });
    expect(crossSession.statusCode).toBe(401);
    const auditB = await call(t, b, { method: 'GET', url: '/api/admin/audit', as: adminB });
    expect(auditB.json().items.map((e: { subject: string }) => e.subject)).not.toContain(id);
    const eventsA = await inRegion(t.database, { regionId: a.id }, (tx) =>
      tx.select().from(event).where(eq(event.subject, id)),
    );
    expect(eventsA.length).toBe(1);
  });
});
