import { eq, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as coreSchema from '../../api/core/db/schema';
import { appUser, event, opd } from '../../api/core/db/schema';
import { inRegion } from '../../api/core/db/scope';
import { modules } from '../../api/modules';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';

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

  it('gives every table with region_id the region isolation policy for the app role', async () => {
    const tables = rowsOf(
      await t.database.db.execute(sql`
        select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'region_id'`),
    ).map((r) => String(r.table_name));
    const policies = rowsOf(
      await t.database.db.execute(
        sql`select tablename, policyname, roles::text as roles, qual, with_check from pg_policies where schemaname = 'public'`,
      ),
    );
    const exempt = new Set(['platform_audit', 'task_run', 'region_domain']); // platform-only or public-read with own-write
    for (const table of tables.filter((x) => !exempt.has(x))) {
      const p = policies.find((x) => x.tablename === table && String(x.roles).includes('simpul_app'));
      expect(p, `table ${table} has no app-role policy`).toBeDefined();
      expect(String(p!.qual)).toContain("current_setting('app.region_id'");
      expect(String(p!.with_check)).toContain("current_setting('app.region_id'");
    }
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
    const asOwner = rowsOf(await t.database.db.execute(sql`select count(*)::int as n from opd`));
    const appNoRegion = await t.database.run(() =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'simpul_app', true)`);
        return rowsOf(await tx.execute(sql`select count(*)::int as n from opd`));
      }),
    );
    expect(appNoRegion[0]!.n).toBe(0);
    // PGlite's default user is a superuser (bypasses RLS); on PostgreSQL the owner is held by FORCE.
    if (t.database.kind === 'postgres' && !(await isSuperuser(t))) expect(asOwner[0]!.n).toBe(0);
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

async function isSuperuser(t: TestApp) {
  const r = rowsOf(
    await t.database.db.execute(sql`select rolsuper from pg_roles where rolname = current_user`),
  );
  return r[0]!.rolsuper === true;
}
