import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAccount, createTestApp, type TestApp } from '../../../test/support/app';
import { newIncident, type Setup112, setup112 } from './testing';

const M = '/api/m/darurat';

/** One photo as multipart/form-data (field "photo"). */
async function photoUpload() {
  const bytes = await sharp({
    create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } },
  })
    .jpeg()
    .toBuffer();
  const boundary = '----simpul-112';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="api.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('darurat: types per region, corrections, photos, OpenAPI', () => {
  let t: TestApp;
  let s: Setup112;
  beforeAll(async () => {
    t = await createTestApp();
    s = await setup112(t);
  });
  afterAll(() => t.close());

  it('lets the region’s 112 admin add and change incident types; others may not', async () => {
    const added = await call(t, s.region, {
      method: 'POST',
      url: `${M}/admin/types`,
      as: s.admin,
      payload: {
        code: 'gas-bocor',
        name: 'Kebocoran gas',
        nameEn: 'Gas leak',
        defaultPriority: 'P1',
        unitKinds: ['damkar'],
      },
    });
    expect(added.statusCode).toBe(201);
    const dup = await call(t, s.region, {
      method: 'POST',
      url: `${M}/admin/types`,
      as: s.admin,
      payload: {
        code: 'gas-bocor',
        name: 'Lagi',
        nameEn: 'Again',
        defaultPriority: 'P1',
        unitKinds: ['damkar'],
      },
    });
    expect(dup.statusCode).toBe(409);
    const off = await call(t, s.region, {
      method: 'PATCH',
      url: `${M}/admin/types/${added.json().id}`,
      as: s.admin,
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    const types = (await call(t, s.region, { method: 'GET', url: `${M}/types` })).json();
    expect(types.map((x: { code: string }) => x.code)).not.toContain('gas-bocor');
    expect(types.map((x: { code: string }) => x.code)).toEqual(
      expect.arrayContaining([
        'kebakaran',
        'kecelakaan',
        'kriminalitas',
        'medis',
        'bencana',
        'pohon-tumbang',
        'lainnya',
      ]),
    );
    const forbidden = await call(t, s.region, {
      method: 'POST',
      url: `${M}/admin/types`,
      as: s.dispatcher,
      payload: { code: 'x-y', name: 'X Y', nameEn: 'X Y', defaultPriority: 'P3', unitKinds: ['lainnya'] },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('lets the dispatcher correct type, priority and place; the kecamatan comes from the area code', async () => {
    const inc = await newIncident(t, s);
    const [kecamatan] = (await call(t, s.region, { method: 'GET', url: '/api/region/areas' })).json();
    const fixed = await call(t, s.region, {
      method: 'PATCH',
      url: `${M}/incidents/${inc.id}`,
      as: s.dispatcher,
      payload: { typeCode: 'kriminalitas', priority: 'P2', areaCode: kecamatan.code, victims: 2 },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({
      priority: 'P2',
      type: { code: 'kriminalitas', police: true },
      kecamatan: kecamatan.name,
      victims: 2,
    });
    const bad = await call(t, s.region, {
      method: 'PATCH',
      url: `${M}/incidents/${inc.id}`,
      as: s.dispatcher,
      payload: { areaCode: '99.99.99' },
    });
    expect(bad.statusCode).toBe(400);
    // Now a police incident: the liaison sees it.
    expect(
      (await call(t, s.region, { method: 'GET', url: `${M}/incidents/${inc.id}`, as: s.police })).statusCode,
    ).toBe(200);
  });

  it('takes a photo from the citizen who pressed the button, never someone else’s photo', async () => {
    const citizen = await createAccount(t, s.region, ['citizen']);
    const other = await createAccount(t, s.region, ['citizen']);
    const pressed = (
      await call(t, s.region, {
        method: 'POST',
        url: `${M}/panic`,
        as: citizen,
        payload: { typeCode: 'kebakaran', lat: -7, lng: 110.4 },
      })
    ).json();
    const upload = async (as: typeof citizen) => {
      const body = await photoUpload();
      const res = await call(t, s.region, {
        method: 'POST',
        url: '/api/files/photos?purpose=darurat',
        as,
        payload: body.payload,
        headers: body.headers,
      });
      expect(res.statusCode).toBe(201);
      return res.json()[0].id as string;
    };
    const mine = await upload(citizen);
    const theirs = await upload(other);
    const refused = await call(t, s.region, {
      method: 'POST',
      url: `${M}/my/incidents/${pressed.id}/notes`,
      as: citizen,
      payload: { photoId: theirs },
    });
    expect(refused.statusCode).toBe(400);
    const ok = await call(t, s.region, {
      method: 'POST',
      url: `${M}/my/incidents/${pressed.id}/notes`,
      as: citizen,
      payload: { photoId: mine, text: 'Asap dari lantai dua' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().notes[0].photoUrl).toContain(`/api/files/${mine}`);
    const staff = (
      await call(t, s.region, { method: 'GET', url: `${M}/incidents/${pressed.id}`, as: s.dispatcher })
    ).json();
    expect(staff.notes[0]).toMatchObject({ author: 'warga', text: 'Asap dari lantai dua' });
    expect(
      (
        await call(t, s.region, {
          method: 'POST',
          url: `${M}/my/incidents/${pressed.id}/notes`,
          as: other,
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('documents the routes and the exchange format in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/m/darurat/panic']).toBeTruthy();
    expect(spec.paths['/api/m/darurat/export/incidents.json']).toBeTruthy();
    expect(JSON.stringify(spec.paths['/api/m/darurat/export/incidents.json'])).toContain(
      '#/components/schemas/DaruratIncidentExport',
    );
    const exchange = JSON.stringify(spec.components.schemas.DaruratIncidentExport);
    for (const field of [
      'simpul.darurat.incidents/v1',
      'callReceivedAt',
      'onSceneAt',
      'kecamatan',
      'releasedAt',
    ])
      expect(exchange).toContain(field);
    expect(exchange).not.toContain('callerPhone');
  });
});
