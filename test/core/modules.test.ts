import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asPlatform } from '../../api/core/db/scope';
import { OutboxDispatcher } from '../../api/core/events/outbox';
import { defineModule, type SimpulModule } from '../../api/core/modules/types';
import { regionsWithWork } from '../../api/core/tasks/pending';
import { TaskScheduler } from '../../api/core/tasks/scheduler';
import { checkModules, modules } from '../../api/modules';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';

/** A probe module that records which regions its handler and task ran in. */
const seen = { handled: [] as string[], ticks: [] as string[] };
const probe = defineModule({
  id: 'probe',
  name: { id: 'Probe', en: 'Probe' },
  description: { id: 'Modul uji', en: 'Test module' },
  icon: 'science',
  citizen: true,
  dependsOn: ['nomor-penting'],
  permissions: { 'probe:use': { id: 'Pakai', en: 'Use' } },
  roleGrants: { citizen: ['probe:use'] },
  settings: z.object({ level: z.number().int().min(1).max(5).default(3) }),
  enabledByDefault: false,
  routes: async (app) => {
    app.get('/ping', { config: { access: 'probe:use' } }, async () => ({ pong: true }));
  },
  events: {
    emits: [],
    handles: { 'nomor-penting.number.created': async ({ regionId }) => void seen.handled.push(regionId) },
  },
  tasks: [{ name: 'tick', everyMs: 60_000, run: async ({ regionId }) => void seen.ticks.push(regionId) }],
  tables: [],
  liveChannels: [],
});

describe('module registry and per-region switches', () => {
  let t: TestApp;
  let on: TestRegion;
  let off: TestRegion;
  const all: SimpulModule[] = [...modules, probe];
  beforeAll(async () => {
    t = await createTestApp({ modules: all });
    on = await createRegion(t);
    off = await createRegion(t);
    const admin = await createAccount(t, on, ['region_admin']);
    const res = await call(t, on, {
      method: 'PUT',
      url: '/api/admin/modules/probe',
      as: admin,
      payload: { enabled: true },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('rejects a badly ordered or namespaced module list at start-up', () => {
    expect(() => checkModules([probe, ...modules])).toThrow(/depends on nomor-penting/);
    expect(() =>
      checkModules([...modules, { ...probe, permissions: { 'laksa:x': { id: '', en: '' } } }]),
    ).toThrow(/namespace/);
    expect(() => checkModules([...modules, ...modules])).toThrow(/twice/);
  });

  it('answers 404 MODULE_DISABLED where the module is off, and serves it where it is on', async () => {
    const citizenOn = await createAccount(t, on, ['citizen']);
    const citizenOff = await createAccount(t, off, ['citizen']);
    expect((await call(t, on, { method: 'GET', url: '/api/m/probe/ping', as: citizenOn })).json()).toEqual({
      pong: true,
    });
    const res = await call(t, off, { method: 'GET', url: '/api/m/probe/ping', as: citizenOff });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MODULE_DISABLED');
  });

  it('lists only enabled modules in the region (citizen home) and grants module permissions only there', async () => {
    const ids = (r: TestRegion) =>
      call(t, r, { method: 'GET', url: '/api/region' }).then((x) =>
        x.json().modules.map((m: { id: string }) => m.id),
      );
    expect(await ids(on)).toContain('probe');
    expect(await ids(off)).not.toContain('probe');
    const me = async (r: TestRegion) => {
      const acct = await createAccount(t, r, ['citizen']);
      return (await call(t, r, { method: 'GET', url: '/api/auth/me', as: acct })).json().permissions;
    };
    expect(await me(on)).toContain('probe:use');
    expect(await me(off)).not.toContain('probe:use');
  });

  it('validates settings with the module schema and refuses to break dependencies', async () => {
    const admin = await createAccount(t, on, ['region_admin']);
    const bad = await call(t, on, {
      method: 'PUT',
      url: '/api/admin/modules/probe',
      as: admin,
      payload: { enabled: true, settings: { level: 9 } },
    });
    expect(bad.statusCode).toBe(400);
    const good = await call(t, on, {
      method: 'PUT',
      url: '/api/admin/modules/probe',
      as: admin,
      payload: { enabled: true, settings: { level: 5 } },
    });
    expect(good.json()).toMatchObject({ id: 'probe', enabled: true, settings: { level: 5 } });
    // The JSON Schema of the module's zod schema, for a settings form in the console.
    expect(good.json().settingsSchema.properties.level).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 5,
      default: 3,
    });
    const breaksProbe = await call(t, on, {
      method: 'PUT',
      url: '/api/admin/modules/nomor-penting',
      as: admin,
      payload: { enabled: false },
    });
    expect(breaksProbe.statusCode).toBe(400);
    expect(breaksProbe.json().error.details.dependents).toEqual(['probe']);
  });

  it('runs event handlers and scheduled tasks only in regions where the module is on', async () => {
    for (const r of [on, off]) {
      const admin = await createAccount(t, r, ['region_admin']);
      const res = await call(t, r, {
        method: 'POST',
        url: '/api/m/nomor-penting/numbers',
        as: admin,
        payload: { name: 'Posko', number: '0211234567', category: 'darurat' },
      });
      expect(res.statusCode).toBe(201);
    }
    const { database, directory } = t.app.simpul;
    const outbox = new OutboxDispatcher(database, directory, all, () => {});
    await outbox.drain(on.id);
    await outbox.drain(off.id);
    expect(seen.handled).toContain(on.id);
    expect(seen.handled).not.toContain(off.id);
    // The periodic sweep finds the regions with unhandled events by one query and drains only them.
    const admin = await createAccount(t, on, ['region_admin']);
    const handledBefore = seen.handled.length;
    await call(t, on, {
      method: 'POST',
      url: '/api/m/nomor-penting/numbers',
      as: admin,
      payload: { name: 'Posko 2', number: '0211234568', category: 'darurat' },
    });
    await outbox.sweep();
    expect(seen.handled.slice(handledBefore)).toEqual([on.id]);

    const scheduler = new TaskScheduler(database, directory, all, () => {});
    await scheduler.tick();
    expect(seen.ticks).toContain(on.id);
    expect(seen.ticks).not.toContain(off.id);
    // Claimed once per period: a second tick right away runs nothing for that region.
    const before = seen.ticks.length;
    await scheduler.tick();
    expect(seen.ticks.length).toBe(before);

    // Two processes ticking at once, a period later: each region runs the task once, never twice,
    // and a claim is one statement per task whatever the number of regions (one audit row each).
    const claims = () =>
      asPlatform(database, { actor: 'test', action: 'test.count', reason: 'test' }, async (tx) => {
        const r = await tx.execute(
          sql`select count(*)::int as n from platform_audit where action = 'task.claim'`,
        );
        return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
      });
    const claimsBefore = await claims();
    const later = new Date(Date.now() + 3_600_000);
    const second = new TaskScheduler(database, directory, all, () => {});
    await Promise.all([scheduler.tick(later), second.tick(later)]);
    const ran = seen.ticks.slice(before);
    expect(ran).toContain(on.id);
    expect(ran).not.toContain(off.id);
    expect(new Set(ran).size).toBe(ran.length);
    // Tasks per region where their module is on (what one claim per region and task would cost).
    const perRegion = await Promise.all(
      directory.all().map(async (r) => {
        const states = await directory.moduleStates(r.id);
        return all.filter((m) => states.get(m.id)?.enabled).flatMap((m) => m.tasks ?? []);
      }),
    );
    const tasksOn = new Set(perRegion.flat());
    expect(perRegion.flat().length).toBeGreaterThan(tasksOn.size);
    // A task with `hasWork` is claimed only where it has work (maybe nowhere: no claim at all).
    const whenBusy = [...tasksOn].filter((task) => task.hasWork).length;
    const claimed = (await claims()) - claimsBefore;
    expect(claimed).toBeLessThanOrEqual(2 * tasksOn.size);
    expect(claimed).toBeGreaterThanOrEqual(2 * (tasksOn.size - whenBusy));
  });

  it("every module task's hasWork query runs and names regions", async () => {
    const { database } = t.app.simpul;
    const withQuery = modules.flatMap((m) => (m.tasks ?? []).filter((task) => task.hasWork));
    expect(withQuery.length).toBeGreaterThanOrEqual(7);
    const known = new Set(t.app.simpul.directory.all().map((r) => r.id));
    for (const task of withQuery) {
      const regions = await regionsWithWork(database, task.name, task.hasWork!);
      for (const id of regions) expect(known.has(id), task.name).toBe(true);
    }
  });

  it('records module switches in the audit log', async () => {
    const admin = await createAccount(t, on, ['region_admin']);
    const audit = (
      await call(t, on, { method: 'GET', url: '/api/admin/audit?type=core.module.enabled', as: admin })
    ).json();
    expect(audit.items.some((e: { subject: string }) => e.subject === 'probe')).toBe(true);
  });

  it("changes a signed-in account's permissions at once when a module is switched or its roles change", async () => {
    // Permission sets are cached per module-switch state and role list (core/http/access.ts).
    const admin = await createAccount(t, off, ['region_admin']);
    const citizen = await createAccount(t, off, ['citizen']);
    const perms = async () =>
      (await call(t, off, { method: 'GET', url: '/api/auth/me', as: citizen })).json()
        .permissions as string[];
    const ping = async () =>
      (await call(t, off, { method: 'GET', url: '/api/m/probe/ping', as: citizen })).statusCode;
    expect(await perms()).not.toContain('probe:use');
    const toggle = async (enabled: boolean) =>
      expect(
        (
          await call(t, off, {
            method: 'PUT',
            url: '/api/admin/modules/probe',
            as: admin,
            payload: { enabled },
          })
        ).statusCode,
      ).toBe(200);
    await toggle(true);
    expect(await perms()).toContain('probe:use');
    expect(await ping()).toBe(200);
    const roles = async (role: string) =>
      expect(
        (
          await call(t, off, {
            method: 'PATCH',
            url: `/api/admin/users/${citizen.id}`,
            as: admin,
            payload: { roles: [{ role }] },
          })
        ).statusCode,
      ).toBe(200);
    await roles('leadership'); // a role without probe:use
    expect(await perms()).not.toContain('probe:use');
    await roles('citizen');
    expect(await perms()).toContain('probe:use');
    await toggle(false);
    expect(await perms()).not.toContain('probe:use');
  });
});
