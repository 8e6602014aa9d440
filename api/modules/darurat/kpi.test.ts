import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAccount, createRegion, createTestApp, type TestApp } from '../../../test/support/app';
import { inRegion } from '../../core/db/scope';
import { daruratCall, daruratIncident, daruratType } from './schema';

const M = '/api/m/darurat';
const base = Date.parse('2025-03-10T03:00:00Z'); // 10:00 WIB
const at = (sec: number | null, from = base) => (sec === null ? null : new Date(from + sec * 1000));

/** type, kecamatan, seconds to create / dispatch / on scene, when the call came in, status. */
const known: [string, string, number, number | null, number | null, number, string][] = [
  ['medis', 'Alpha', 5, 10, 60, base, 'selesai'],
  ['medis', 'Alpha', 15, 30, 180, base, 'selesai'],
  ['medis', 'Beta', 25, 40, 600, base, 'selesai'],
  ['kebakaran', 'Beta', 10, 20, 120, base, 'selesai'],
  ['kebakaran', 'Beta', 30, 20, 240, base, 'di_lokasi'],
  // 00:30 WIB on the 10th: inside the local day although still the 9th in UTC.
  ['kebakaran', 'Alpha', 20, null, null, Date.parse('2025-03-09T17:30:00Z'), 'dibatalkan'],
  // Left out: a merged duplicate, and 01:00 WIB on the 11th.
  ['medis', 'Alpha', 1, null, null, base, 'digabung'],
  ['medis', 'Alpha', 1, 1, 1, Date.parse('2025-03-10T18:00:00Z'), 'selesai'],
];

describe('darurat KPIs on known data', () => {
  let t: TestApp;
  let region: Awaited<ReturnType<typeof createRegion>>;
  let boss: Awaited<ReturnType<typeof createAccount>>;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    boss = await createAccount(t, region, ['leadership']);
    await inRegion(t.database, { regionId: region.id }, async (tx) => {
      const types = await tx.select().from(daruratType);
      const typeId = (code: string) => types.find((x) => x.code === code)!.id;
      for (const [n, [type, kec, create, dispatch, scene, received, status]] of known.entries()) {
        const [i] = await tx
          .insert(daruratIncident)
          .values({
            regionId: region.id,
            number: `T-${n}`,
            status: status as 'selesai',
            priority: 'P1',
            typeId: typeId(type),
            source: 'telepon',
            lat: -7,
            lng: 110,
            kecamatan: kec,
            callReceivedAt: new Date(received),
            createdAt: at(create, received)!,
            dispatchedAt: at(dispatch, received),
            onSceneAt: at(scene, received),
          })
          .returning();
        if (status !== 'digabung')
          await tx.insert(daruratCall).values({
            regionId: region.id,
            incidentId: i!.id,
            classification: 'darurat',
            source: 'telepon',
            receivedAt: new Date(received),
          });
      }
      for (const c of ['prank', 'prank', 'ghost', 'informasi'] as const)
        await tx
          .insert(daruratCall)
          .values({ regionId: region.id, classification: c, source: 'telepon', receivedAt: new Date(base) });
      expect((await tx.select().from(daruratIncident).where(eq(daruratIncident.number, 'T-0'))).length).toBe(
        1,
      );
    });
  });
  afterAll(() => t.close());

  it('computes median and p90 (linear interpolation) per region, type and kecamatan, in the region’s day', async () => {
    const res = await call(t, region, {
      method: 'GET',
      url: `${M}/kpi?from=2025-03-10&to=2025-03-10`,
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    const k = res.json();
    // Calls: 6 darurat (the 11th's is outside), 2 prank, 1 ghost, 1 informasi.
    expect(k.callsByClassification).toEqual({ darurat: 6, informasi: 1, prank: 2, ghost: 1 });
    expect(k.incidents).toBe(6);
    // create [5,10,15,20,25,30]: median (15+20)/2; p90 at rank 0.9·5 = 4.5 → 25 + 0.5·5.
    expect(k.timeToCreate).toEqual({ count: 6, medianSec: 17.5, p90Sec: 27.5 });
    // dispatch [10,20,20,30,40]: median 20; rank 3.6 → 30 + 0.6·10.
    expect(k.timeToDispatch).toEqual({ count: 5, medianSec: 20, p90Sec: 36 });
    // response [60,120,180,240,600]: median 180; rank 3.6 → 240 + 0.6·360.
    expect(k.responseTime).toEqual({ count: 5, medianSec: 180, p90Sec: 456 });
    const medis = k.byType.find((x: { code: string }) => x.code === 'medis');
    // [60,180,600]: rank 1.8 → 180 + 0.8·420.
    expect(medis.responseTime).toEqual({ count: 3, medianSec: 180, p90Sec: 516 });
    const fire = k.byType.find((x: { code: string }) => x.code === 'kebakaran');
    // [120,240]: median 180; rank 0.9 → 120 + 0.9·120.
    expect(fire.responseTime).toEqual({ count: 2, medianSec: 180, p90Sec: 228 });
    const alpha = k.byKecamatan.find((x: { kecamatan: string }) => x.kecamatan === 'Alpha');
    expect(alpha.responseTime).toEqual({ count: 2, medianSec: 120, p90Sec: 168 });
    const beta = k.byKecamatan.find((x: { kecamatan: string }) => x.kecamatan === 'Beta');
    expect(beta.responseTime).toEqual({ count: 3, medianSec: 240, p90Sec: 528 });
  });

  it('exports the KPIs and the incidents as CSV and the incidents as documented JSON, without caller identity', async () => {
    const q = '?from=2025-03-10&to=2025-03-10';
    const csv = await call(t, region, { method: 'GET', url: `${M}/kpi.csv${q}`, as: boss });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('semua,,waktu_respons,5,180,456');
    const list = await call(t, region, { method: 'GET', url: `${M}/export/incidents.csv${q}`, as: boss });
    expect(list.body.trim().split('\n')).toHaveLength(1 + 7);
    expect(list.body).toMatch(/T-0,medis,P1,selesai,,Alpha,/);
    const json = (
      await call(t, region, { method: 'GET', url: `${M}/export/incidents.json${q}`, as: boss })
    ).json();
    expect(json).toMatchObject({ format: 'simpul.darurat.incidents/v1', region: { code: region.code } });
    expect(json.incidents).toHaveLength(7);
    expect(json.incidents[1]).toMatchObject({
      number: 'T-0',
      type: { code: 'medis' },
      location: { kecamatan: 'Alpha' },
    });
    expect(JSON.stringify(json)).not.toMatch(/callerPhone|callerName/);
  });

  it('refuses a bad period and people without the KPI permission', async () => {
    const bad = await call(t, region, {
      method: 'GET',
      url: `${M}/kpi?from=2025-03-10&to=2025-01-01`,
      as: boss,
    });
    expect(bad.statusCode).toBe(400);
    const garbage = await call(t, region, {
      method: 'GET',
      url: `${M}/kpi?from=kemarin&to=2025-01-01`,
      as: boss,
    });
    expect(garbage.statusCode).toBe(400);
    const citizen = await createAccount(t, region, ['citizen']);
    expect(
      (await call(t, region, { method: 'GET', url: `${M}/kpi?from=2025-03-10&to=2025-03-10`, as: citizen }))
        .statusCode,
    ).toBe(403);
  });
});
