import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  demoRegion,
  TEST_METRICS_TOKEN,
  type TestApp,
  type TestRegion,
} from '../support/app';

const expectEnvelope = (res: { statusCode: number; json(): any }, status: number, code: string) => {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(body.error.messages.id).toBeTruthy();
  expect(body.error.messages.en).toBeTruthy();
  expect(body.error.requestId).toBeTruthy();
  return body.error;
};

describe('HTTP surface', () => {
  let t: TestApp;
  let region: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
  });
  afterAll(() => t.close());

  it('serves health, readiness, metrics and OpenAPI 3.1 generated from the zod schemas', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json().status).toBe('ok');
    // /metrics is for the operator's Prometheus only: its bearer token, else 401.
    expect((await t.app.inject('/metrics')).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode,
    ).toBe(401);
    const metrics = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    });
    expect(metrics.body).toContain('simpul_http_request_duration_seconds');
    const spec = (await t.app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/auth/register']?.post).toBeDefined();
    expect(spec.paths['/api/m/nomor-penting/numbers']?.get?.responses?.['200']).toBeDefined();
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('finds the region by path prefix, by host name, and falls back to the default region', async () => {
    const byPath = await call(t, region, { method: 'GET', url: '/api/region' });
    expect(byPath.json()).toMatchObject({ code: region.code, slug: region.slug, basePath: region.path });
    expect(byPath.json().branding.displayName).toBe(`${region.name} LIVE`);

    const admin = await createAccount(t, region, ['region_admin']);
    const domain = `${region.slug}.simpul.test`;
    const set = await call(t, region, {
      method: 'PATCH',
      url: '/api/admin/region',
      as: admin,
      payload: { domains: [domain] },
    });
    expect(set.statusCode).toBe(200);
    // Pending until proven: the name serves nothing yet.
    expect(set.json().domains).toEqual([]);
    expect((await t.app.inject({ url: '/api/region', headers: { host: domain } })).json().code).toBe('36.71');
    const verified = await call(t, region, {
      method: 'POST',
      url: '/api/admin/region/domains/verify',
      as: admin,
      payload: { domain },
    });
    expect(verified.json()).toEqual([{ domain, status: 'aktif', proofUrl: null }]);
    const byHost = await t.app.inject({ url: '/api/region', headers: { host: domain } });
    expect(byHost.json()).toMatchObject({ code: region.code, basePath: '', domains: [domain] });
    // An empty list removes the host names; the path prefix keeps working.
    await call(t, region, { method: 'PATCH', url: '/api/admin/region', as: admin, payload: { domains: [] } });
    expect((await t.app.inject({ url: '/api/region', headers: { host: domain } })).json().code).toBe('36.71');

    const byDefault = await t.app.inject({ url: '/api/region', headers: { host: 'localhost:3000' } });
    expect(byDefault.json().code).toBe('36.71');
    expect(byDefault.json().branding.displayName).toBe('Kota Tangerang LIVE');
  });

  it('answers an unknown region with 404 REGION_NOT_FOUND', async () => {
    expectEnvelope(await t.app.inject('/r/kota-atlantis/api/region'), 404, 'REGION_NOT_FOUND');
  });

  it('lists kecamatan and the kelurahan of one kecamatan (Kota Tangerang: 13 and 104)', async () => {
    const tng = demoRegion(t);
    const kec = (await call(t, tng, { method: 'GET', url: '/api/region/areas' })).json();
    expect(kec).toHaveLength(13);
    let kelurahan = 0;
    for (const k of kec)
      kelurahan += (await call(t, tng, { method: 'GET', url: `/api/region/areas?parent=${k.code}` })).json()
        .length;
    expect(kelurahan).toBe(104);
    expectEnvelope(
      await call(t, tng, { method: 'GET', url: '/api/region/areas?parent=bukan-kode' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  describe('bad input gets the right 4xx and the envelope, never a 500', () => {
    it('malformed JSON', async () => {
      const admin = await createAccount(t, region, ['region_admin']);
      const res = await call(t, region, {
        method: 'POST',
        url: '/api/m/nomor-penting/numbers',
        as: admin,
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "Posko",',
      });
      expectEnvelope(res, 400, 'MALFORMED_JSON');
    });
    it('wrong types, with details per field, in English when asked', async () => {
      const admin = await createAccount(t, region, ['region_admin']);
      const res = await call(t, region, {
        method: 'POST',
        url: '/api/m/nomor-penting/numbers',
        as: admin,
        headers: { 'accept-language': 'en-US,en;q=0.9' },
        payload: { name: 5, number: 'abc', category: 'pizza' },
      });
      const err = expectEnvelope(res, 400, 'VALIDATION_FAILED');
      expect(err.message).toBe(err.messages.en);
      expect(err.details.map((d: { path: string }) => d.path)).toEqual(
        expect.arrayContaining(['body.name', 'body.category']),
      );
    });
    it('oversized body', async () => {
      const admin = await createAccount(t, region, ['region_admin']);
      const res = await call(t, region, {
        method: 'POST',
        url: '/api/m/nomor-penting/numbers',
        as: admin,
        payload: { name: 'x'.repeat(2 * 1024 * 1024), number: '112', category: 'darurat' },
      });
      expectEnvelope(res, 413, 'PAYLOAD_TOO_LARGE');
    });
    it('unknown route and unknown module', async () => {
      expectEnvelope(await call(t, region, { method: 'GET', url: '/api/tidak-ada' }), 404, 'NOT_FOUND');
      expectEnvelope(await call(t, region, { method: 'GET', url: '/api/m/tidak-ada/x' }), 404, 'NOT_FOUND');
      const admin = await createAccount(t, region, ['region_admin']);
      expectEnvelope(
        await call(t, region, {
          method: 'PUT',
          url: '/api/admin/modules/tidak-ada',
          as: admin,
          payload: { enabled: true },
        }),
        404,
        'NOT_FOUND',
      );
    });
    it('no session, expired session, missing permission, missing CSRF token', async () => {
      expectEnvelope(
        await call(t, region, { method: 'GET', url: '/api/admin/users' }),
        401,
        'UNAUTHENTICATED',
      );
      expectEnvelope(
        await call(t, region, {
          method: 'GET',
          url: '/api/admin/users',
          headers: { cookie: 'simpul_session=kedaluwarsa' },
        }),
        401,
        'SESSION_EXPIRED',
      );
      const citizen = await createAccount(t, region, ['citizen']);
      expectEnvelope(
        await call(t, region, { method: 'GET', url: '/api/admin/users', as: citizen }),
        403,
        'FORBIDDEN',
      );
      const admin = await createAccount(t, region, ['region_admin']);
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: `${region.path}/api/m/nomor-penting/numbers`,
        headers: { cookie: admin.headers.cookie },
        payload: { name: 'Posko', number: '112', category: 'darurat' },
      });
      expectEnvelope(noCsrf, 403, 'CSRF_FAILED');
    });
    it('a rejected write leaves nothing behind', async () => {
      const admin = await createAccount(t, region, ['region_admin']);
      const before = (await call(t, region, { method: 'GET', url: '/api/admin/opd', as: admin })).json()
        .length;
      const dup = await call(t, region, {
        method: 'POST',
        url: '/api/admin/opd',
        as: admin,
        payload: { code: 'diskominfo', name: 'Dinas Kominfo Kedua', shortName: 'Kominfo 2' },
      });
      expectEnvelope(dup, 409, 'CONFLICT');
      expect((await call(t, region, { method: 'GET', url: '/api/admin/opd', as: admin })).json().length).toBe(
        before,
      );
    });
  });
});
