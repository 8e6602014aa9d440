import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { openDatabase } from '../../api/core/db/client';
import { registry } from '../../api/core/metrics';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { testDbKind } from '../support/kind';
import { openSse } from '../support/sse';

const addNumber = (t: TestApp, r: TestRegion, as: TestAccount, name: string) =>
  call(t, r, {
    method: 'POST',
    url: '/api/m/nomor-penting/numbers',
    as,
    payload: { name, number: '0215550000', category: 'lainnya' },
  });

describe('live event stream (SSE)', () => {
  let t: TestApp;
  let base: string;
  let a: TestRegion;
  let b: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    a = await createRegion(t);
    b = await createRegion(t);
  });
  afterAll(() => t.close());

  it('refuses citizens and OPD officers, and anonymous visitors', async () => {
    const citizen = await createAccount(t, a, ['citizen']);
    const officer = await createAccount(t, a, ['opd_officer']);
    expect((await call(t, a, { method: 'GET', url: '/api/live/stream', as: citizen })).statusCode).toBe(403);
    expect((await call(t, a, { method: 'GET', url: '/api/live/stream', as: officer })).statusCode).toBe(403);
    expect((await call(t, a, { method: 'GET', url: '/api/live/stream' })).statusCode).toBe(401);
  });

  it('delivers an event of the region to its operator, not to another region', async () => {
    const opA = await createAccount(t, a, ['operator', 'region_admin']);
    const opB = await createAccount(t, b, ['operator', 'region_admin']);
    const streamA = await openSse(`${base}${a.path}/api/live/stream`, opA.headers);
    const streamB = await openSse(`${base}${b.path}/api/live/stream`, opB.headers);
    expect(streamA.status).toBe(200);
    const res = await addNumber(t, a, opA, 'Posko Live A');
    expect(res.statusCode).toBe(201);
    const got = await streamA.waitFor((e) => e.data.subject === res.json().id);
    expect(got.data).toMatchObject({ type: 'nomor-penting.number.created', actor: { id: opA.id } });
    // Seen by an operator's Prometheus: clients connected, events fanned out to them.
    const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;
    expect(await value('simpul_live_clients')).toBeGreaterThanOrEqual(2);
    expect(await value('simpul_events_fanned_out_total')).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(streamB.events.some((e) => e.data.subject === res.json().id)).toBe(false);
    await streamA.close();
    await streamB.close();
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const op = await createAccount(t, a, ['operator', 'region_admin']);
    const first = await openSse(`${base}${a.path}/api/live/stream`, op.headers);
    await addNumber(t, a, op, 'Sebelum putus');
    const before = await first.waitFor((e) => e.data.data.name === 'Sebelum putus');
    await first.close();
    await addNumber(t, a, op, 'Selama putus 1');
    await addNumber(t, a, op, 'Selama putus 2');
    const again = await openSse(`${base}${a.path}/api/live/stream`, {
      ...op.headers,
      'last-event-id': before.id,
    });
    await again.waitFor((e) => e.data.data.name === 'Selama putus 2');
    const names = again.events.map((e) => e.data.data.name).filter(Boolean);
    expect(names).toEqual(['Selama putus 1', 'Selama putus 2']);
    await again.close();
  });

  // Several API processes share one stream through PostgreSQL LISTEN/NOTIFY. PGlite is one
  // process by nature, so this runs in the PostgreSQL project only.
  if (testDbKind() === 'postgres') {
    it('carries an event made on one app instance to a client of another (LISTEN/NOTIFY)', async () => {
      const url = (t.database.raw.pool as unknown as { options: { connectionString: string } }).options
        .connectionString;
      const second = await openDatabase({ databaseUrl: url, poolSize: 2 });
      const other = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
        database: second,
        background: false,
        logger: false,
      });
      try {
        const otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
        const op = await createAccount(t, a, ['operator', 'region_admin']);
        const stream = await openSse(`${otherBase}${a.path}/api/live/stream`, op.headers);
        const res = await addNumber(t, a, op, 'Lintas proses');
        const got = await stream.waitFor((e) => e.data.subject === res.json().id);
        expect(got.data.type).toBe('nomor-penting.number.created');
        await stream.close();
      } finally {
        await other.close();
        await second.close();
      }
    });
  }
});
