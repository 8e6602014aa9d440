import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAccount, createTestApp, type TestAccount, type TestApp } from '../support/app';
import { createLaksaRegion, type LaksaRegion } from '../support/laksa';

/** Input that used to reach PostgreSQL or busboy and come back as a 500: now a 400 envelope. */
describe('bad input is refused with the envelope, never a 500', () => {
  let t: TestApp;
  let g: LaksaRegion;
  let admin: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    g = await createLaksaRegion(t);
    admin = g.admin;
  });
  afterAll(() => t.close());

  const expectRefused = (res: { statusCode: number; json(): unknown }, status = 400) => {
    expect(res.statusCode).toBe(status);
    const body = res.json() as { error: { code: string; messages: { id: string; en: string } } };
    expect(body.error.messages.id.length).toBeGreaterThan(0);
    expect(body.error.messages.en.length).toBeGreaterThan(0);
    return body.error;
  };

  describe('a NUL byte (\\u0000) in any text', () => {
    it('in a report description names the field', async () => {
      const res = await call(t, g.r, {
        method: 'POST',
        url: '/api/m/laksa/reports',
        as: g.citizen,
        headers: { 'idempotency-key': randomUUID() },
        payload: {
          type: 'pengaduan',
          categoryId: g.categoryId,
          description: 'Jalan berlubang besar\u0000 di depan sekolah, membahayakan.',
          lat: -7.25,
          lng: 110.4,
          areaCode: g.kelurahan,
        },
      });
      const error = expectRefused(res);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(error)).toContain('body.description');
    });

    it('in an OPD name, a staff name, an API key name and a nested key', async () => {
      for (const [url, payload] of [
        ['/api/admin/opd', { code: 'nul-opd', name: 'Dinas\u0000Uji', shortName: 'DU' }],
        [
          '/api/admin/users',
          {
            name: 'Nama\u0000',
            email: 'nul@uji.local',
            password: 'Sandi-Panjang-123!',
            roles: [{ role: 'operator' }],
          },
        ],
        ['/api/m/laksa/admin/api-keys', { name: 'kunci\u0000' }],
        ['/api/admin/opd', { code: 'nul-opd', name: 'Dinas Uji', shortName: 'DU', 'x\u0000': 1 }],
      ] as const)
        expect((await call(t, g.r, { method: 'POST', url, as: admin, payload })).statusCode, url).toBe(400);
    });

    it('in a query string, an import file name and a CSV cell', async () => {
      expectRefused(await call(t, g.r, { method: 'GET', url: '/api/admin/users?q=a%00b', as: admin }));
      const upload = (fileName: string, body: string) =>
        call(t, g.r, {
          method: 'POST',
          url: `/api/m/harga-pangan/imports?fileName=${encodeURIComponent(fileName)}`,
          as: admin,
          payload: body,
          headers: { 'content-type': 'text/csv' },
        });
      const csv = 'date,market,commodity,unit,price,price type\n2026-01-02,Pasar\u0000,beras,kg,1,eceran\n';
      expectRefused(await upload('harga\u0000.csv', 'date\n'));
      const cell = expectRefused(await upload('harga.csv', csv));
      expect(cell.messages.en).toContain('row 2, column 2');
    });
  });

  describe('malformed multipart', () => {
    const photos = (contentType: string, payload: string) =>
      call(t, g.r, {
        method: 'POST',
        url: '/api/files/photos',
        as: g.citizen,
        payload,
        headers: { 'content-type': contentType },
      });

    it('without a boundary', async () => {
      const res = await photos('multipart/form-data', '--x\r\n');
      expect([400, 415]).toContain(res.statusCode);
      expectRefused(res, res.statusCode);
    });

    it('with a part that never ends', async () => {
      const res = await photos(
        'multipart/form-data; boundary=uji',
        '--uji\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff',
      );
      expectRefused(res);
    });
  });

  it('a date that is not on the calendar (?from=0000-00-00, 2026-02-30)', async () => {
    for (const q of ['from=0000-00-00', 'to=2026-02-30', 'from=0000-01-01'])
      expectRefused(await call(t, g.r, { method: 'GET', url: `/api/m/harga-pangan/open-data/prices?${q}` }));
    expect(
      (await call(t, g.r, { method: 'GET', url: '/api/m/harga-pangan/open-data/prices?from=2024-02-29' }))
        .statusCode,
    ).toBe(200);
  });

  it('an unknown OPD when creating or changing an account: 400 with a clear message', async () => {
    const res = await call(t, g.r, {
      method: 'POST',
      url: '/api/admin/users',
      as: admin,
      payload: {
        name: 'Petugas Baru',
        email: `petugas.${randomUUID()}@uji.local`,
        password: 'Sandi-Panjang-123!',
        roles: [{ role: 'opd_officer', opdId: randomUUID() }],
      },
    });
    const error = expectRefused(res);
    expect(error.messages.en).toBe('No such OPD in this region.');
    const officer = await createAccount(t, g.r, ['operator']);
    expectRefused(
      await call(t, g.r, {
        method: 'PATCH',
        url: `/api/admin/users/${officer.id}`,
        as: admin,
        payload: { roles: [{ role: 'opd_officer', opdId: randomUUID() }] },
      }),
    );
  });
});
