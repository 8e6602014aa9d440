import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardRegion } from '../../api/core/regions/onboard';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  demoRegion,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';

/** A raw GET on a real socket: the status and headers as they arrive (or 'timeout' after ms). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}, ms = 10_000) {
  return new Promise<{ status: number; res: http.IncomingMessage } | 'timeout'>((resolve, reject) => {
    const u = new URL(base);
    const req = http.get({ host: u.hostname, port: u.port, path, headers }, (res) =>
      resolve({ status: res.statusCode ?? 0, res }),
    );
    req.setTimeout(ms, () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', reject);
  });
}

describe('trust: the doors around the access check', () => {
  let t: TestApp;
  let base: string;
  let region: TestRegion;
  let operator: TestAccount;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        STREAMS_PER_SESSION: '2',
        STREAMS_PER_ADDRESS: '3',
        STREAM_MAX_AGE_SECONDS: '1',
        PUBLIC_URL: 'https://live.simpul.example.go.id',
      },
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    region = await createRegion(t);
    operator = await createAccount(t, region, ['operator']);
  });
  afterAll(() => t.close());

  it('runs the access check whatever spelling of the path reaches a handler', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/admin/users' });
    expect(plain.statusCode).toBe(401);
    for (const url of [
      '/%61pi/admin/users',
      '/%61%70%69/admin/users',
      '/api//admin/users',
      '/api/./admin/users',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code, url).toBe('UNAUTHENTICATED');
    }
    // An anonymous sign-out through an encoded path is refused like the plain one would be.
    const logout = await t.app.inject({ method: 'POST', url: '/%61pi/auth/logout' });
    const plainLogout = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(logout.statusCode).toBe(plainLogout.statusCode);
    // A region path prefix with an encoded API path still resolves the region and checks access.
    const prefixed = await t.app.inject({ method: 'GET', url: `${region.path}/%61pi/admin/users` });
    expect(prefixed.statusCode).toBe(401);
  });

  it('refuses an anonymous live stream at once, before any stream header', async () => {
    for (const path of ['/%61pi/live/stream', '/api/live/stream', `${region.path}/api/m/darurat/stream`]) {
      const got = await rawGet(base, path);
      expect(got, path).not.toBe('timeout');
      if (got === 'timeout') continue;
      expect(got.status, path).toBe(401);
      expect(got.res.headers['content-type'], path).toContain('application/json');
      got.res.resume();
    }
  });

  it('caps open streams per session and per address, frees a slot on close, and ends a stream at its maximum age', async () => {
    const open = async (as: TestAccount) => {
      const got = await rawGet(base, `${region.path}/api/live/stream`, as.headers as Record<string, string>);
      if (got === 'timeout') throw new Error('stream did not answer');
      return got;
    };
    const first = await open(operator);
    const second = await open(operator);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await open(operator);
    expect(third.status).toBe(429);
    expect(third.res.headers['content-type']).toContain('application/json');
    third.res.resume();
    // Another session from the same address gets the one address slot left, then no more.
    const colleague = await createAccount(t, region, ['operator']);
    const fourth = await open(colleague);
    expect(fourth.status).toBe(200);
    const fifth = await open(colleague);
    expect(fifth.status).toBe(429);
    fifth.res.resume();
    // Streams end by themselves after their maximum age (1 s here): the slots come back.
    await Promise.all(
      [first, second, fourth].map((s) => new Promise((done) => s.res.on('end', done).resume())),
    );
    await expect
      .poll(async () => {
        const again = await open(operator);
        again.res.destroy();
        return again.status;
      })
      .toBe(200);
  });

  describe('host names', () => {
    let admin: TestAccount;
    let other: TestRegion;
    let otherAdmin: TestAccount;
    const patchDomains = (as: TestAccount, r: TestRegion, domains: string[], host?: string) =>
      call(t, r, {
        method: 'PATCH',
        url: '/api/admin/region',
        as,
        payload: { domains },
        headers: host ? { host } : {},
      });
    beforeAll(async () => {
      admin = await createAccount(t, region, ['region_admin']);
      other = await createRegion(t);
      otherAdmin = await createAccount(t, other, ['region_admin']);
    });

    it("refuses the deployment's own host names: its public URL and the shared host a request came in on", async () => {
      for (const name of [
        'live.simpul.example.go.id',
        'LIVE.simpul.example.go.id.',
        'live.simpul.example.go.id:443',
      ]) {
        const res = await patchDomains(admin, region, [name]);
        expect(res.statusCode, name).toBe(409);
        expect(res.json().error.messages.id).toContain('alamat platform');
      }
      // Signed in on the shared host (path prefix), the admin cannot claim that host for the region.
      const shared = await patchDomains(
        admin,
        region,
        ['bersama.simpul.example.id'],
        'bersama.simpul.example.id',
      );
      expect(shared.statusCode).toBe(409);
      // The default region keeps the shared host.
      const res = await t.app.inject({ url: '/api/region', headers: { host: 'bersama.simpul.example.id' } });
      expect(res.json().code).toBe('36.71');
    });

    it('keeps a new name pending until proven, shows the proof only on that host, then serves the region', async () => {
      const name = `${region.slug}.kab.example`;
      const set = await patchDomains(admin, region, [name.toUpperCase()]);
      expect(set.statusCode).toBe(200);
      expect(set.json().domains).toEqual([]);
      const list = (
        await call(t, region, { method: 'GET', url: '/api/admin/region/domains', as: admin })
      ).json();
      expect(list).toEqual([{ domain: name, status: 'menunggu', proofUrl: expect.stringContaining(name) }]);
      // Pending: the name serves nothing, and its proof is not shown on any other host.
      expect((await t.app.inject({ url: '/api/region', headers: { host: name } })).json().code).toBe('36.71');
      const proofPath = new URL(list[0].proofUrl).pathname;
      expect((await t.app.inject({ url: proofPath, headers: { host: 'lain.example' } })).statusCode).toBe(
        404,
      );
      expect((await t.app.inject({ url: proofPath, headers: { host: name } })).statusCode).toBe(200);
      // Only the region's own admin checks it; the proof is fetched from the name itself.
      const verify = (as: TestAccount, r: TestRegion) =>
        call(t, r, {
          method: 'POST',
          url: '/api/admin/region/domains/verify',
          as,
          payload: { domain: name },
        });
      expect((await verify(otherAdmin, other)).statusCode).toBe(404);
      expect((await verify(admin, region)).json()).toEqual([
        { domain: name, status: 'aktif', proofUrl: null },
      ]);
      expect((await t.app.inject({ url: '/api/region', headers: { host: name } })).json().code).toBe(
        region.code,
      );

      // Another region cannot take it in any spelling.
      for (const variant of [name, `${name}.`, `${name}:80`, name.toUpperCase()]) {
        const res = await patchDomains(otherAdmin, other, [variant]);
        expect(res.statusCode, variant).toBe(409);
      }
      expect((await t.app.inject({ url: '/api/region', headers: { host: `${name}.` } })).json().code).toBe(
        region.code,
      );
    });

    it('fails the proof when the name does not point here, and lets a platform admin approve instead', async () => {
      const name = `xn--bcher-kva.${other.slug}.example`;
      const set = await patchDomains(otherAdmin, other, [`bücher.${other.slug}.example`]);
      expect(set.statusCode).toBe(200);
      const pending = (
        await call(t, other, { method: 'GET', url: '/api/admin/region/domains', as: otherAdmin })
      ).json();
      expect(pending).toEqual([expect.objectContaining({ domain: name, status: 'menunggu' })]);
      // The test probe reaches this app; a proof served for another name's token does not count.
      const original = t.app.simpul.domainProbe;
      t.app.simpul.domainProbe = async () => 'bukan-token';
      try {
        const failed = await call(t, other, {
          method: 'POST',
          url: '/api/admin/region/domains/verify',
          as: otherAdmin,
          payload: { domain: name },
        });
        expect(failed.statusCode).toBe(409);
      } finally {
        t.app.simpul.domainProbe = original;
      }
      const approve = (as: TestAccount, r: TestRegion) =>
        call(t, r, {
          method: 'POST',
          url: `/api/platform/regions/${other.id}/domains/approve`,
          as,
          payload: { domain: name },
        });
      expect((await approve(otherAdmin, other)).statusCode).toBe(403);
      const platform = await createAccount(t, demoRegion(t), ['platform_admin']);
      const approved = await approve(platform, demoRegion(t));
      expect(approved.json()).toEqual([{ domain: name, status: 'aktif', proofUrl: null }]);
      expect((await t.app.inject({ url: '/api/region', headers: { host: name } })).json().code).toBe(
        other.code,
      );
    });

    it('refuses what is not a host name with 400', async () => {
      for (const bad of [
        '127.0.0.1',
        '[::1]',
        'localhost',
        'a..b',
        '-x.example',
        `${'x'.repeat(64)}.example`,
      ])
        expect((await patchDomains(admin, region, [bad])).statusCode, bad).toBe(400);
    });
  });

  it('serves a region onboarded by another process (the CLI) without a restart', async () => {
    // No directory passed: exactly what `npm run simpul -- region add` does against the database.
    const { region: added } = await onboardRegion(t.database, { code: '34.01', actor: 'cli' });
    await expect
      .poll(async () => (await t.app.inject({ url: `/r/${added.slug}/api/region` })).statusCode)
      .toBe(200);
  });
});
