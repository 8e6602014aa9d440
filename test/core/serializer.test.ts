import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestApp,
  type TestRegion,
} from '../support/app';

/**
 * Production serialises responses with fast-json-stringify compiled from the zod schemas; tests
 * use zod itself. Both must write the same bytes, and neither may add a property.
 */
describe('production response serialiser', () => {
  let t: TestApp;
  let prod: TestApp;
  let region: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    // The same deployment settings as the test app (no remote basemap), only the serialiser differs.
    const config = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MAP_TILE_URL: 'none' }),
      env: 'production' as const,
    };
    const app = await buildApp({ config, database: t.database, background: false, logger: false });
    prod = { ...t, app };
    region = await createRegion(t);
  });
  afterAll(async () => {
    await prod.app.close();
    await t.close();
  });

  it('writes the same JSON as zod on the main read routes', async () => {
    const admin = await createAccount(t, region, ['region_admin', 'operator']);
    await call(t, region, {
      method: 'POST',
      url: '/api/m/nomor-penting/numbers',
      as: admin,
      payload: { name: 'Posko "Kali" Angke', number: '021-555', category: 'darurat', description: null },
    });
    for (const url of [
      '/api/region',
      '/api/region/areas',
      '/api/auth/me',
      '/api/admin/opd',
      '/api/admin/users',
      '/api/admin/modules',
      '/api/admin/audit',
      '/api/m/nomor-penting/numbers',
    ]) {
      const viaZod = await call(t, region, { method: 'GET', url, as: admin });
      const viaCompiled = await call(prod, region, { method: 'GET', url, as: admin });
      expect(viaCompiled.statusCode, url).toBe(200);
      expect(viaCompiled.body, url).toBe(viaZod.body);
    }
  });

  it('drops properties the schema does not name (nothing internal leaks)', async () => {
    const res = await call(prod, region, {
      method: 'GET',
      url: '/api/admin/opd',
      as: await createAccount(t, region, ['region_admin']),
    });
    for (const row of res.json())
      expect(Object.keys(row).sort()).toEqual(['active', 'code', 'id', 'name', 'shortName']);
  });
});
