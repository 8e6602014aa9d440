import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';

describe('nomor-penting module', () => {
  let t: TestApp;
  let region: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
  });
  afterAll(() => t.close());

  it('starts every region with the national numbers, 112 first, readable by anyone', async () => {
    const res = await call(t, region, { method: 'GET', url: '/api/m/nomor-penting/numbers' });
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list[0]).toMatchObject({ number: '112', category: 'darurat' });
    expect(list.map((n: { number: string }) => n.number)).toEqual(
      expect.arrayContaining(['110', '113', '118']),
    );
  });

  it('lets the region admin add, change and remove a local number; each change is audited', async () => {
    const admin = await createAccount(t, region, ['region_admin']);
    const created = await call(t, region, {
      method: 'POST',
      url: '/api/m/nomor-penting/numbers',
      as: admin,
      payload: { name: 'Call Center Pemda', number: '(021) 5555-1234', category: 'pemerintahan', sort: 5 },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const changed = await call(t, region, {
      method: 'PATCH',
      url: `/api/m/nomor-penting/numbers/${id}`,
      as: admin,
      payload: { sort: 1 },
    });
    expect(changed.json()).toMatchObject({ id, sort: 1, name: 'Call Center Pemda' });
    const list = (await call(t, region, { method: 'GET', url: '/api/m/nomor-penting/numbers' })).json();
    expect(list[1].id).toBe(id); // after 112 (sort 0)
    expect(
      (await call(t, region, { method: 'DELETE', url: `/api/m/nomor-penting/numbers/${id}`, as: admin }))
        .statusCode,
    ).toBe(204);
    expect(
      (await call(t, region, { method: 'DELETE', url: `/api/m/nomor-penting/numbers/${id}`, as: admin }))
        .statusCode,
    ).toBe(404);
    const audit = (
      await call(t, region, { method: 'GET', url: '/api/admin/audit?limit=10', as: admin })
    ).json();
    const types = audit.items
      .filter((e: { subject: string }) => e.subject === id)
      .map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'nomor-penting.number.deleted',
      'nomor-penting.number.updated',
      'nomor-penting.number.created',
    ]);
  });

  it('refuses citizens and officers without the manage permission', async () => {
    for (const role of ['citizen', 'opd_officer', 'leadership'] as const) {
      const who = await createAccount(t, region, [role]);
      const res = await call(t, region, {
        method: 'POST',
        url: '/api/m/nomor-penting/numbers',
        as: who,
        payload: { name: 'Nomor Palsu', number: '0800', category: 'lainnya' },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});
