import {
  call,
  createAccount,
  createRegion,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';

/** A fresh region with 112 staff and units: two ambulances, one fire engine, one police car. */
export async function setup112(t: TestApp) {
  const region = await createRegion(t);
  const admin = await createAccount(t, region, ['region_admin']);
  const dispatcher = await createAccount(t, region, ['operator']);
  const dispatcher2 = await createAccount(t, region, ['operator']);
  const police = await createAccount(t, region, ['police_liaison']);
  const crew = await createAccount(t, region, ['opd_officer']);
  const post = async (url: string, payload: object, as: TestAccount = admin) => {
    const res = await call(t, region, { method: 'POST', url: `/api/m/darurat${url}`, payload, as });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.body ? res.json() : null;
  };
  const health = await post('/admin/agencies', { name: 'PSC 119', kind: 'ambulans' });
  const fire = await post('/admin/agencies', { name: 'Damkar', kind: 'damkar' });
  const pol = await post('/admin/agencies', { name: 'Polres', kind: 'polisi' });
  // Around -7.0, 110.4; AMB-NEAR is ~1 km from the test incidents, AMB-FAR ~10 km.
  const units = {
    near: await post('/admin/units', {
      agencyId: health.id,
      callSign: 'AMB-NEAR',
      kind: 'ambulans',
      lat: -7.009,
      lng: 110.4,
    }),
    far: await post('/admin/units', {
      agencyId: health.id,
      callSign: 'AMB-FAR',
      kind: 'ambulans',
      lat: -7.09,
      lng: 110.4,
    }),
    fire: await post('/admin/units', {
      agencyId: fire.id,
      callSign: 'DMK-1',
      kind: 'damkar',
      lat: -7.0,
      lng: 110.41,
    }),
    police: await post('/admin/units', {
      agencyId: pol.id,
      callSign: 'POL-1',
      kind: 'polisi',
      lat: -7.0,
      lng: 110.42,
    }),
  };
  await post(`/admin/units/${units.near.id}/members`, { userId: crew.id });
  return { region, admin, dispatcher, dispatcher2, police, crew, units, post };
}

export type Setup112 = Awaited<ReturnType<typeof setup112>>;

/** A darurat call logged by the call-taker at (-7.0, 110.4); returns the new incident. */
export async function newIncident(
  t: TestApp,
  s: { region: TestRegion; dispatcher: TestAccount },
  extra: Record<string, unknown> = {},
) {
  const res = await call(t, s.region, {
    method: 'POST',
    url: '/api/m/darurat/calls',
    as: s.dispatcher,
    payload: {
      callerPhone: '081311112222',
      callerName: 'Budi',
      classification: 'darurat',
      typeCode: 'medis',
      lat: -7.0,
      lng: 110.4,
      description: 'Pingsan di pinggir jalan',
      ...extra,
    },
  });
  if (res.statusCode !== 201) throw new Error(`call: ${res.statusCode} ${res.body}`);
  return res.json().incident as { id: string; number: string; status: string };
}
