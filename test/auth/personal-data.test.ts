import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { openSse } from '../support/sse';
import { newPhone, PASSWORD, Recorder } from './helpers';

/** Personal data goes only to the roles that need it (UU PDP). */
describe('personal data to the roles that need it', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    region = await createRegion(t);
    http = new Recorder(t, region);
  });
  afterAll(() => t.close());

  async function newOpd(code: string) {
    const admin = await createAccount(t, region, ['region_admin']);
    const res = await call(t, region, {
      method: 'POST',
      url: '/api/admin/opd',
      as: admin,
      payload: { code, name: `Dinas ${code}`, shortName: code },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('an OPD admin lists only the staff of their own OPD, never citizens; a region admin lists everyone', async () => {
    const phone = newPhone();
    const citizen = await http.register({ name: 'Warga Rahasia', phone, password: PASSWORD });
    expect(citizen.statusCode, citizen.body).toBe(201);
    const mine = await newOpd('uji-satu');
    const theirs = await newOpd('uji-dua');
    const opdAdmin = await createAccount(t, region, [{ role: 'opd_admin', opdId: mine }]);
    const colleague = await createAccount(t, region, [{ role: 'opd_officer', opdId: mine }]);
    const stranger = await createAccount(t, region, [{ role: 'opd_officer', opdId: theirs }]);

    const listed = await call(t, region, { method: 'GET', url: '/api/admin/users?limit=200', as: opdAdmin });
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = (listed.json() as { id: string }[]).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([opdAdmin.id, colleague.id]));
    expect(ids).not.toContain(stranger.id);
    expect(ids).not.toContain(citizen.json().user.id);
    expect(listed.body).not.toContain(phone.slice(1));
    // Asking for citizens by role or by search does not get round it.
    for (const url of ['/api/admin/users?role=citizen', `/api/admin/users?q=${phone.slice(1)}`]) {
      const res = await call(t, region, { method: 'GET', url, as: opdAdmin });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual([]);
    }

    const regionAdmin = await createAccount(t, region, ['region_admin']);
    const all = await call(t, region, { method: 'GET', url: '/api/admin/users?limit=200', as: regionAdmin });
    expect((all.json() as { id: string }[]).map((u) => u.id)).toEqual(
      expect.arrayContaining([citizen.json().user.id, stranger.id, colleague.id]),
    );
  });

  it('the live stream announces a registration without the name or account id', async () => {
    // Leadership watches the LIVE Room and reads the audit log: it gets the event on the stream.
    const leader = await createAccount(t, region, ['leadership']);
    const stream = await openSse(`${base}${region.path}/api/live/stream`, leader.headers);
    expect(stream.status).toBe(200);
    const name = 'Siti Nurhaliza Kusumawardhani';
    const reg = await http.register({ name, phone: newPhone(), password: PASSWORD });
    expect(reg.statusCode, reg.body).toBe(201);
    const got = await stream.waitFor((e) => e.data.type === 'core.user.registered');
    await stream.close();
    const frame = JSON.stringify(got.data);
    expect(frame).not.toContain('Siti');
    expect(frame).not.toContain(reg.json().user.id);
    expect(got.data.actor).toBeNull();
    expect(got.data.subject).toBeNull();
  });
});
