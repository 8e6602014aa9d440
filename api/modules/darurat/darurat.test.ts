import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAccount, createTestApp, demoRegion, type TestApp } from '../../../test/support/app';
import { openSse } from '../../../test/support/sse';
import { asPlatform, inRegion } from '../../core/db/scope';
import { newIncident, type Setup112, setup112 } from './testing';

const M = '/api/m/darurat';

describe('darurat (112)', () => {
  let t: TestApp;
  let s: Setup112;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await setup112(t);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const get = (url: string, as = s.dispatcher) => call(t, s.region, { method: 'GET', url: `${M}${url}`, as });
  const post = (url: string, payload: object, as = s.dispatcher) =>
    call(t, s.region, { method: 'POST', url: `${M}${url}`, payload, as });

  it('runs the lifecycle call → created → dispatched → en route → on scene → completed, stamping every step', async () => {
    const receivedAt = new Date(Date.now() - 45_000).toISOString();
    const inc = await newIncident(t, s, { receivedAt });
    expect(inc.status).toBe('baru');
    const suggestions = (await get(`/incidents/${inc.id}/suggestions`)).json();
    // Nearest ambulance first; the fire engine and police car are not of the right kind for "medis".
    expect(suggestions.map((u: { callSign: string }) => u.callSign)).toEqual(['AMB-NEAR', 'AMB-FAR']);
    expect(suggestions[0].distanceM).toBeGreaterThan(900);
    expect(suggestions[0].distanceM).toBeLessThan(1100);

    // Completing before anyone is on scene is an illegal jump: 409 with the current state.
    const early = await post(`/incidents/${inc.id}/close`, {
      action: 'complete',
      disposition: 'ditangani_di_lokasi',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toMatchObject({ current: 'baru' });

    const dispatched = await post(`/incidents/${inc.id}/dispatch`, { unitIds: [s.units.near.id] });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json()).toMatchObject({ status: 'ditugaskan', units: [{ callSign: 'AMB-NEAR' }] });

    const enRoute = await post(`/units/${s.units.near.id}/status`, { action: 'berangkat' }, s.crew);
    expect(enRoute.json().status).toBe('dalam_perjalanan');
    const onScene = await post(`/units/${s.units.near.id}/status`, { action: 'tiba' }, s.crew);
    expect(onScene.json().status).toBe('di_lokasi');
    const done = await post(`/incidents/${inc.id}/close`, {
      action: 'complete',
      disposition: 'dirujuk_rumah_sakit',
    });
    expect(done.statusCode).toBe(200);
    const v = done.json();
    expect(v).toMatchObject({ status: 'selesai', disposition: 'dirujuk_rumah_sakit' });
    const times = [
      v.times.callReceivedAt,
      v.times.createdAt,
      v.times.dispatchedAt,
      v.times.enRouteAt,
      v.times.onSceneAt,
      v.times.closedAt,
    ].map((x: string) => Date.parse(x));
    expect(times.every((x: number) => Number.isFinite(x))).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(v.times.callReceivedAt).toBe(receivedAt);
    expect(v.units[0]).toMatchObject({ callSign: 'AMB-NEAR' });
    expect(v.units[0].onSceneAt).not.toBeNull();
    expect(v.units[0].clearedAt).not.toBeNull();
    // The unit on scene is now returning, and becomes available again when its crew says so.
    const units = (await get('/units')).json();
    expect(units.find((u: { id: string }) => u.id === s.units.near.id)).toMatchObject({
      status: 'kembali',
      incidentId: inc.id,
    });
    expect(
      (await post(`/units/${s.units.near.id}/status`, { action: 'siaga' }, s.crew)).json(),
    ).toMatchObject({
      status: 'tersedia',
      incidentId: null,
    });
  });

  it('leaves a unit already returning to its crew when the incident is completed', async () => {
    const inc = await newIncident(t, s);
    await post(`/incidents/${inc.id}/dispatch`, { unitIds: [s.units.near.id] });
    await post(`/units/${s.units.near.id}/status`, { action: 'tiba' }, s.crew);
    expect(
      (await post(`/units/${s.units.near.id}/status`, { action: 'kembali' }, s.crew)).json().status,
    ).toBe('kembali');
    const done = await post(`/incidents/${inc.id}/close`, {
      action: 'complete',
      disposition: 'ditangani_di_lokasi',
    });
    expect(done.json().status).toBe('selesai');
    // Arriving straight from "ditugaskan" stamped the trip's start too.
    expect(done.json().times.enRouteAt).not.toBeNull();
    const unit = (await get('/units')).json().find((u: { id: string }) => u.id === s.units.near.id);
    expect(unit.status).toBe('kembali');
    await post(`/units/${s.units.near.id}/status`, { action: 'siaga' }, s.crew);
  });

  it('rejects bad input clearly: a location outside the region, an unknown unit or type, illegal unit jumps', async () => {
    const outside = await post('/calls', {
      callerPhone: '081311112222',
      classification: 'darurat',
      typeCode: 'medis',
      lat: 51.5,
      lng: -0.12,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.messages.id).toMatch(/luar wilayah/);
    const noPlace = await post('/calls', {
      callerPhone: '081311112222',
      classification: 'darurat',
      typeCode: 'medis',
    });
    expect(noPlace.statusCode).toBe(400);
    const badType = await post('/calls', {
      callerPhone: '0813',
      classification: 'darurat',
      typeCode: 'x!',
      lat: -7,
      lng: 110,
    });
    expect(badType.statusCode).toBe(400);
    const unknownType = await post('/calls', {
      callerPhone: '081311112222',
      classification: 'darurat',
      typeCode: 'gempa-bumi',
      lat: -7,
      lng: 110.4,
    });
    expect(unknownType.statusCode).toBe(400);
    const inc = await newIncident(t, s);
    const ghostUnit = await post(`/incidents/${inc.id}/dispatch`, {
      unitIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(ghostUnit.statusCode).toBe(404);
    expect(ghostUnit.json().error.details.unitIds).toHaveLength(1);
    const jump = await post(`/units/${s.units.fire.id}/status`, { action: 'tiba' });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().error.details).toMatchObject({ current: 'tersedia' });
    expect(jump.json().error.messages.id).toMatch(/Tersedia/);
    await post(`/incidents/${inc.id}/close`, { action: 'cancel', disposition: 'laporan_palsu' });
  });

  it('lets exactly one of two dispatchers sending the same unit at the same moment win', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await newIncident(t, s);
      const b = await newIncident(t, s);
      const [ra, rb] = await Promise.all([
        post(`/incidents/${a.id}/dispatch`, { unitIds: [s.units.far.id] }, s.dispatcher),
        post(`/incidents/${b.id}/dispatch`, { unitIds: [s.units.far.id] }, s.dispatcher2),
      ]);
      const codes = [ra.statusCode, rb.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = ra.statusCode === 409 ? ra : rb;
      expect(loser.json().error.details.busy[0]).toMatchObject({ callSign: 'AMB-FAR', status: 'ditugaskan' });
      // The losing incident stays as it was: nothing half-written.
      const loserId = ra.statusCode === 409 ? a.id : b.id;
      const loserView = (await get(`/incidents/${loserId}`)).json();
      expect(loserView).toMatchObject({ status: 'baru', units: [] });
      const winnerId = loserId === a.id ? b.id : a.id;
      for (const id of [a.id, b.id])
        await post(`/incidents/${id}/close`, { action: 'cancel', disposition: 'dibatalkan_pelapor' });
      expect((await get(`/incidents/${winnerId}`)).json().units[0].releasedAt).not.toBeNull();
    }
  });

  it('blocks the unit at the database too: a second active assignment of one unit is refused by the unique index', async () => {
    const inc = await newIncident(t, s);
    await post(`/incidents/${inc.id}/dispatch`, { unitIds: [s.units.fire.id] });
    const second = asPlatform(t.database, { actor: 'test', action: 'test', reason: 'index check' }, (tx) =>
      tx.execute(
        sql`insert into darurat_assignment (region_id, incident_id, unit_id) values (${s.region.id}, ${inc.id}, ${s.units.fire.id})`,
      ),
    );
    await expect(second).rejects.toThrow();
    await post(`/incidents/${inc.id}/close`, { action: 'cancel', disposition: 'lainnya' });
  });

  it('merges several calls about one event into one incident that keeps the earliest call time', async () => {
    const first = await newIncident(t, s, {
      typeCode: 'kebakaran',
      receivedAt: new Date(Date.now() - 120_000).toISOString(),
    });
    const second = await newIncident(t, s, { typeCode: 'kebakaran' });
    const third = await newIncident(t, s, { typeCode: 'kebakaran' });
    const merged = await post(`/incidents/${second.id}/merge`, { duplicateIds: [first.id, third.id] });
    expect(merged.statusCode).toBe(200);
    const v = merged.json();
    expect(v.calls).toHaveLength(3);
    expect(Date.parse(v.times.callReceivedAt)).toBeLessThan(Date.now() - 100_000);
    expect((await get(`/incidents/${first.id}`)).json()).toMatchObject({
      status: 'digabung',
      mergedIntoId: second.id,
    });
    // A merged incident cannot be merged again, nor dispatched.
    expect((await post(`/incidents/${second.id}/merge`, { duplicateIds: [first.id] })).statusCode).toBe(409);
    expect((await post(`/incidents/${first.id}/dispatch`, { unitIds: [s.units.fire.id] })).statusCode).toBe(
      409,
    );
    // An extra call can also join an open incident directly.
    const joined = await post('/calls', {
      callerPhone: '081299990000',
      classification: 'darurat',
      incidentId: second.id,
    });
    expect(joined.json().incident.id).toBe(second.id);
    expect((await get(`/incidents/${second.id}`)).json().calls).toHaveLength(4);
    await post(`/incidents/${second.id}/close`, { action: 'cancel', disposition: 'lainnya' });
  });

  it('shows a citizen only their own incident, live, and lets them add a note', async () => {
    const citizen = await createAccount(t, s.region, ['citizen']);
    const other = await createAccount(t, s.region, ['citizen']);
    const pressed = await post('/panic', { typeCode: 'medis', lat: -7.001, lng: 110.401 }, citizen);
    expect(pressed.statusCode).toBe(201);
    const mine = pressed.json();
    expect(mine).toMatchObject({ status: 'baru', type: { code: 'medis' } });
    expect(JSON.stringify(mine)).not.toMatch(/callerPhone|Akun Uji/);
    // A double tap joins the same open incident.
    const again = await post('/panic', { typeCode: 'medis', lat: -7.001, lng: 110.401 }, citizen);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(mine.id);

    expect((await get(`/my/incidents/${mine.id}`, other)).statusCode).toBe(404);
    expect((await get(`/incidents/${mine.id}`, citizen)).statusCode).toBe(404);
    expect((await get('/incidents', citizen)).statusCode).toBe(403);
    expect((await get(`/stream?incident=${mine.id}`, other)).statusCode).toBe(404);

    const headers = { ...citizen.headers } as Record<string, string>;
    const stream = await openSse(`${base}${s.region.path}${M}/stream?incident=${mine.id}`, headers);
    const unrelated = await newIncident(t, s);
    // Clean-up runs even when an assertion fails: the stream closed (or afterAll waits on it), the
    // incidents closed and the unit back on standby for the next test.
    try {
      expect(stream.status).toBe(200);
      expect((await post(`/incidents/${mine.id}/dispatch`, { unitIds: [s.units.near.id] })).statusCode).toBe(
        200,
      );
      const seen = await stream.waitFor((e) => e.data.type === 'darurat.incident.dispatched');
      expect(seen.data.subject).toBe(mine.id);
      // The citizen's own event carries no caller identity: neither the fields nor their values.
      const frame = JSON.stringify(seen.data);
      expect(frame).not.toMatch(/callerPhone|callerName/);
      expect(frame).not.toContain(citizen.name);
      const note = await post(`/my/incidents/${mine.id}/notes`, { text: 'Korban sudah sadar' }, citizen);
      expect(note.statusCode).toBe(201);
      expect(note.json().notes).toEqual([expect.objectContaining({ text: 'Korban sudah sadar' })]);
      expect((await post(`/my/incidents/${mine.id}/notes`, {}, citizen)).statusCode).toBe(400);
      expect(stream.events.every((e) => e.data.subject === mine.id)).toBe(true);
      // The dispatcher sees the citizen's phone, the police liaison does not see a medical incident.
      const staffView = (await get(`/incidents/${mine.id}`)).json();
      expect(staffView.calls[0]).toMatchObject({ source: 'panik', callerName: citizen.name });
      expect((await get(`/incidents/${mine.id}`, s.police)).statusCode).toBe(404);
    } finally {
      await stream.close();
      for (const id of [mine.id, unrelated.id])
        await post(`/incidents/${id}/close`, { action: 'cancel', disposition: 'lainnya' });
      await post(`/units/${s.units.near.id}/status`, { action: 'siaga' }, s.crew);
    }
  });

  it('shows a crew only incidents their unit was sent to, and lets them move only their own unit', async () => {
    const theirs = await newIncident(t, s);
    const notTheirs = await newIncident(t, s);
    // Both units must be free: a failed dispatch here, not a 404 further down, names the cause.
    expect((await post(`/incidents/${theirs.id}/dispatch`, { unitIds: [s.units.near.id] })).statusCode).toBe(
      200,
    );
    expect(
      (await post(`/incidents/${notTheirs.id}/dispatch`, { unitIds: [s.units.far.id] })).statusCode,
    ).toBe(200);
    expect((await get(`/incidents/${theirs.id}`, s.crew)).statusCode).toBe(200);
    // The crew sent to it gets the caller's number (to call back and find the patient).
    expect((await get(`/incidents/${theirs.id}`, s.crew)).json().calls[0].callerPhone).toBe('+6281311112222');
    expect((await get(`/incidents/${notTheirs.id}`, s.crew)).statusCode).toBe(404);
    const board = (await get('/responder', s.crew)).json();
    expect(board.units.map((u: { callSign: string }) => u.callSign)).toEqual(['AMB-NEAR']);
    expect(board.incidents.map((i: { id: string }) => i.id)).toEqual([theirs.id]);
    expect((await post(`/units/${s.units.far.id}/status`, { action: 'berangkat' }, s.crew)).statusCode).toBe(
      403,
    );
    expect(
      (await post(`/incidents/${theirs.id}/dispatch`, { unitIds: [s.units.fire.id] }, s.crew)).statusCode,
    ).toBe(403);
    for (const id of [theirs.id, notTheirs.id])
      await post(`/incidents/${id}/close`, { action: 'cancel', disposition: 'lainnya' });
  });

  it('sends police incidents to the police liaison, and only those', async () => {
    const crime = await newIncident(t, s, { typeCode: 'kriminalitas' });
    const medical = await newIncident(t, s);
    const list = (await get('/incidents', s.police)).json().map((i: { id: string }) => i.id);
    expect(list).toContain(crime.id);
    expect(list).not.toContain(medical.id);
    const v = (await get(`/incidents/${crime.id}`, s.police)).json();
    expect(v.type.police).toBe(true);
    expect(v.calls[0].callerPhone).toBeNull();
    for (const id of [crime.id, medical.id])
      await post(`/incidents/${id}/close`, { action: 'cancel', disposition: 'lainnya' });
  });

  it('blocks a prank number for the configured hours; the panic button then refuses it; abuse is rate limited', async () => {
    const citizen = await createAccount(t, s.region, ['citizen']);
    const phone = '+6281377778888';
    await asPlatform(t.database, { actor: 'test', action: 'test', reason: 'phone' }, (tx) =>
      tx.execute(sql`update app_user set phone = ${phone} where id = ${citizen.id}`),
    );
    const prank = await post('/calls', { callerPhone: '081377778888', classification: 'prank', block: true });
    expect(prank.statusCode).toBe(201);
    const until = Date.parse(prank.json().blockedUntil);
    expect(Math.abs(until - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);
    expect(prank.json().incident).toBeNull();
    expect((await get('/blocks/081377778888')).json().blockedUntil).not.toBeNull();
    const refused = await post('/panic', { typeCode: 'medis', lat: -7, lng: 110.4 }, citizen);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.messages.id).toMatch(/diblokir/);
    expect(
      (await post('/calls', { callerPhone: '081377778888', classification: 'informasi', block: true }))
        .statusCode,
    ).toBe(400);

    const eager = await createAccount(t, s.region, ['citizen']);
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const res = await post('/panic', { typeCode: 'medis', lat: -7, lng: 110.4 }, eager);
      codes.push(res.statusCode);
      if (i === 0)
        await post(`/incidents/${res.json().id}/close`, { action: 'cancel', disposition: 'laporan_palsu' });
    }
    expect(codes).toEqual([201, 201, 200, 429]);
  });

  it('keeps regions apart: another region’s incident is 404, its units cannot be sent', async () => {
    const inc = await newIncident(t, s);
    const other = await setup112(t);
    expect(
      (await call(t, other.region, { method: 'GET', url: `${M}/incidents/${inc.id}`, as: other.dispatcher }))
        .statusCode,
    ).toBe(404);
    const foreign = await call(t, other.region, {
      method: 'POST',
      url: `${M}/incidents/${inc.id}/dispatch`,
      as: other.dispatcher,
      payload: { unitIds: [other.units.near.id] },
    });
    expect(foreign.statusCode).toBe(404);
    const otherInc = await newIncident(t, other);
    const crossUnit = await call(t, other.region, {
      method: 'POST',
      url: `${M}/incidents/${otherInc.id}/dispatch`,
      as: other.dispatcher,
      payload: { unitIds: [s.units.police.id] },
    });
    expect(crossUnit.statusCode).toBe(404);
    // The session of region A is not valid in region B at all.
    expect(
      (await call(t, other.region, { method: 'GET', url: `${M}/incidents`, as: s.dispatcher })).statusCode,
    ).toBe(401);
    await post(`/incidents/${inc.id}/close`, { action: 'cancel', disposition: 'lainnya' });
  });

  it('emits wall events without caller identity and lists open incidents on the wall map', async () => {
    const watcher = await createAccount(t, s.region, ['leadership']);
    const live = await openSse(
      `${base}${s.region.path}/api/live/stream`,
      watcher.headers as Record<string, string>,
    );
    const inc = await newIncident(t, s, { callerName: 'Siti Rahasia', typeCode: 'kebakaran' });
    const e = await live.waitFor(
      (x) => x.data.type === 'darurat.incident.created' && x.data.subject === inc.id,
    );
    expect(e.data.data.wall.upsert).toMatchObject({
      key: `darurat:${inc.id}`,
      kind: 'darurat.incident',
      tone: 'danger',
    });
    expect(JSON.stringify(e.data)).not.toMatch(/Siti|081311112222|\+6281311112222/);
    await post(`/incidents/${inc.id}/close`, { action: 'cancel', disposition: 'lainnya' });
    const closed = await live.waitFor(
      (x) => x.data.type === 'darurat.incident.closed' && x.data.subject === inc.id,
    );
    expect(closed.data.data.wall).toEqual({ remove: `darurat:${inc.id}` });
    await live.close();
    const open = await newIncident(t, s);
    const mod = (await import('./index')).darurat;
    const items = await inRegion(t.database, { regionId: s.region.id }, (tx) =>
      mod.wall!.mapItems({ tx, regionId: s.region.id, limit: 50 }),
    );
    expect(items.map((i) => i.key)).toContain(`darurat:${open.id}`);
    expect(items.map((i) => i.key)).not.toContain(`darurat:${inc.id}`);
    const summary = (await get('/wall/summary', watcher)).json();
    expect(summary.open.P1).toBeGreaterThanOrEqual(1);
    await post(`/incidents/${open.id}/close`, { action: 'cancel', disposition: 'lainnya' });
  });

  it('seeds the demo region with Tangerang units, a call-taker and an ambulance crew', async () => {
    const demo = demoRegion(t);
    const admin = await createAccount(t, demo, ['region_admin']);
    const units = (await call(t, demo, { method: 'GET', url: `${M}/units`, as: admin })).json();
    expect(units.map((u: { callSign: string }) => u.callSign)).toEqual(
      expect.arrayContaining(['AMB-01', 'DMK-01', 'POL-01', 'BPBD-01', 'SATPOL-01']),
    );
    for (const u of units) {
      expect(u.lat).toBeGreaterThan(-6.27);
      expect(u.lat).toBeLessThan(-6.1);
    }
  });
});
