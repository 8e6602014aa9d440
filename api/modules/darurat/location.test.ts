import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createTestApp,
  type TestAccount,
  type TestApp,
} from '../../../test/support/app';
import { openSse } from '../../../test/support/sse';
import { appUser } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import { newIncident, type Setup112, setup112 } from './testing';

const M = '/api/m/darurat';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Issue 13 (112): a panic always goes out, with or without the phone's location; the caller (and
 * only the caller) adds it later; the crew gets what it acts on (place, notes, the caller's number);
 * unknown incidents are 404 "not found" and malformed ids a clear 400.
 */
describe('darurat (112): panic without location, crew view, unknown incidents', () => {
  let t: TestApp;
  let s: Setup112;
  let base: string;
  let citizen: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    s = await setup112(t);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    citizen = await createAccount(t, s.region, ['citizen']);
    other = await createAccount(t, s.region, ['citizen']);
    await asPlatform(
      t.database,
      { actor: 'test', action: 'test.phone', reason: 'test fixture', regionId: s.region.id },
      (tx) => tx.update(appUser).set({ phone: '+6281277778888' }).where(eq(appUser.id, citizen.id)),
    );
  });
  afterAll(() => t.close());

  const get = (url: string, as = s.dispatcher) => call(t, s.region, { method: 'GET', url: `${M}${url}`, as });
  const post = (url: string, payload: object, as = s.dispatcher) =>
    call(t, s.region, { method: 'POST', url: `${M}${url}`, payload, as });
  const cancel = (id: string) => post(`/incidents/${id}/close`, { action: 'cancel', disposition: 'lainnya' });

  it('files a panic without location, marked unavailable, with the caller’s identity and phone; the caller adds the location later, live on the board', async () => {
    const pressed = await post('/panic', { typeCode: 'medis' }, citizen);
    expect(pressed.statusCode).toBe(201);
    const mine = pressed.json();
    expect(mine).toMatchObject({ status: 'baru', lat: null, lng: null, locationKnown: false });

    // Half a position is refused, not stored.
    expect((await post('/panic', { typeCode: 'medis', lat: -7.0 }, other)).statusCode).toBe(400);

    // The board lists it as location unavailable; the dispatcher has the caller's name and phone.
    const listed = (await get('/incidents')).json().find((i: { id: string }) => i.id === mine.id);
    expect(listed).toMatchObject({ locationKnown: false, lat: null, source: 'panik' });
    const detail = (await get(`/incidents/${mine.id}`)).json();
    expect(detail.calls[0]).toMatchObject({
      source: 'panik',
      callerName: citizen.name,
      callerPhone: '+6281277778888',
    });
    // Units can still be suggested (no distance to give).
    const suggestions = (await get(`/incidents/${mine.id}/suggestions`)).json();
    expect(suggestions.map((u: { callSign: string }) => u.callSign)).toEqual(['AMB-FAR', 'AMB-NEAR']);
    expect(suggestions[0].distanceM).toBeUndefined();
    // Nothing to put on the wall map yet.
    const mod = (await import('./index')).darurat;
    const items = await inRegion(t.database, { regionId: s.region.id }, (tx) =>
      mod.wall!.mapItems({ tx, regionId: s.region.id, limit: 50 }),
    );
    expect(items.map((i) => i.key)).not.toContain(`darurat:${mine.id}`);

    // Only that caller may add the location: another citizen, a dispatcher, another region → 404.
    const at = { lat: -7.001, lng: 110.401, accuracy: 12 };
    expect((await post(`/my/incidents/${mine.id}/location`, at, other)).statusCode).toBe(404);
    expect((await post(`/my/incidents/${mine.id}/location`, at, s.dispatcher)).statusCode).toBe(404);
    const foreign = await setup112(t);
    const stranger = await createAccount(t, foreign.region, ['citizen']);
    expect(
      (
        await call(t, foreign.region, {
          method: 'POST',
          url: `${M}/my/incidents/${mine.id}/location`,
          payload: at,
          as: stranger,
        })
      ).statusCode,
    ).toBe(404);
    // Validated: outside the region's service area, or not a position at all.
    const outside = await post(`/my/incidents/${mine.id}/location`, { lat: 48.85, lng: 2.35 }, citizen);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.messages.id).toMatch(/di luar wilayah/);
    expect((await post(`/my/incidents/${mine.id}/location`, { lat: -7.0 }, citizen)).statusCode).toBe(400);
    expect((await get(`/incidents/${mine.id}`)).json().locationKnown).toBe(false);

    // The dispatcher's board stream hears when the location arrives.
    const stream = await openSse(
      `${base}${s.region.path}${M}/stream`,
      s.dispatcher.headers as Record<string, string>,
    );
    try {
      const located = await post(`/my/incidents/${mine.id}/location`, at, citizen);
      expect(located.statusCode).toBe(200);
      expect(located.json()).toMatchObject({ lat: -7.001, lng: 110.401, locationKnown: true });
      const e = await stream.waitFor(
        (x) => x.data.type === 'darurat.incident.updated' && x.data.subject === mine.id,
      );
      expect(e.data.data.located).toBe(true);
      expect(e.data.data.wall.upsert).toMatchObject({ key: `darurat:${mine.id}`, lat: -7.001 });
      expect(JSON.stringify(e.data)).not.toMatch(/6281277778888|callerPhone/);
    } finally {
      await stream.close();
    }
    const now = (await get(`/incidents/${mine.id}`)).json();
    expect(now).toMatchObject({ locationKnown: true, lat: -7.001, lng: 110.401 });
    expect((await get(`/incidents/${mine.id}/suggestions`)).json()[0]).toMatchObject({
      callSign: 'AMB-NEAR',
      distanceM: expect.any(Number),
    });

    // Closed: the location can no longer change.
    await cancel(mine.id);
    expect((await post(`/my/incidents/${mine.id}/location`, at, citizen)).statusCode).toBe(409);
  });

  it('adds the location when a second press, this time with GPS, joins the open incident without one', async () => {
    const first = (await post('/panic', { typeCode: 'kebakaran' }, other)).json();
    expect(first.locationKnown).toBe(false);
    const again = await post('/panic', { typeCode: 'kebakaran', lat: -7.002, lng: 110.402 }, other);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.id, locationKnown: true, lat: -7.002 });
    await cancel(first.id);
  });

  it('gives the crew sent to an incident the place, notes and the caller’s number; nobody else gets the number', async () => {
    const inc = await newIncident(t, s, {
      address: 'Jl. Pemuda 12, depan minimarket',
      description: 'Pingsan, napas pendek',
    });
    await post(`/incidents/${inc.id}/dispatch`, { unitIds: [s.units.near.id] });
    const crewView = (await get('/responder', s.crew)).json();
    const i = crewView.incidents[0];
    expect(i).toMatchObject({
      id: inc.id,
      address: 'Jl. Pemuda 12, depan minimarket',
      description: 'Pingsan, napas pendek',
      locationKnown: true,
      lat: -7.0,
      lng: 110.4,
    });
    expect(i.calls[0]).toMatchObject({ callerPhone: '+6281311112222', callerName: 'Budi' });
    // Notes reach the crew (the caller's own, too).
    // The police liaison (not a police incident → 404) and a citizen never get it.
    expect((await get(`/incidents/${inc.id}`, s.police)).statusCode).toBe(404);
    expect((await get(`/incidents/${inc.id}`, citizen)).statusCode).toBe(404);
    expect((await get(`/my/incidents/${inc.id}`, citizen)).statusCode).toBe(404);
    expect((await get('/responder', citizen)).statusCode).toBe(403);
    // A crew of another region: the incident does not exist there.
    const foreign = await setup112(t);
    const foreignView = await call(t, foreign.region, {
      method: 'GET',
      url: `${M}/incidents/${inc.id}`,
      as: foreign.crew,
    });
    expect(foreignView.statusCode).toBe(404);
    expect(foreignView.body).not.toContain('6281311112222');
    expect(
      (await call(t, foreign.region, { method: 'GET', url: `${M}/responder`, as: foreign.crew })).body,
    ).not.toContain('6281311112222');
    // A police incident: the liaison sees it, without the caller.
    const crime = await newIncident(t, s, { typeCode: 'kriminalitas' });
    expect((await get(`/incidents/${crime.id}`, s.police)).json().calls[0].callerPhone).toBeNull();
    // The citizen who pressed the panic button sees their incident, never a caller's number.
    const panic = (await post('/panic', { typeCode: 'medis', lat: -7.0, lng: 110.4 }, citizen)).json();
    expect(JSON.stringify((await get(`/my/incidents/${panic.id}`, citizen)).json())).not.toMatch(
      /callerPhone|6281277778888/,
    );
    for (const id of [inc.id, crime.id, panic.id]) await cancel(id);
    await post(`/units/${s.units.near.id}/status`, { action: 'siaga' }, s.crew);
  });

  it('answers an unknown incident with 404 “not found” and a malformed id with a clear 400', async () => {
    for (const [url, as] of [
      [`/incidents/${UNKNOWN}`, s.dispatcher],
      [`/incidents/${UNKNOWN}`, s.crew],
      [`/my/incidents/${UNKNOWN}`, citizen],
    ] as const) {
      const res = await get(url, as);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.messages.id).toMatch(/tidak ditemukan/);
      expect(res.json().error.messages.en).toMatch(/not found/);
    }
    for (const [url, as] of [
      ['/incidents/bukan-id', s.dispatcher],
      ['/my/incidents/123', citizen],
    ] as const) {
      const res = await get(url, as);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.messages.id).toMatch(/Alamat tidak valid/);
      expect(res.json().error.messages.en).toMatch(/malformed/);
      expect(res.json().error.message).not.toBe('Data yang dikirim tidak valid.');
    }
  });
});
