import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  demoRegion,
  type TestApp,
  type TestRegion,
} from '../support/app';

type Manifest = {
  id: string;
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  theme_color: string;
  background_color: string;
  icons: { src: string }[];
  shortcuts: { name: string; url: string }[];
};

describe('Web App Manifest per region', () => {
  let t: TestApp;
  let tangerang: TestRegion;
  let other: TestRegion;

  const manifest = async (url: string, host?: string) => {
    const res = await t.app.inject({ url, headers: host ? { host } : {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    return res.json() as Manifest;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tangerang = demoRegion(t);
    other = await createRegion(t);
  });
  afterAll(() => t.close());

  it('gives each region its own name, colours, start URL, scope, id and service shortcuts', async () => {
    // The other region switches LAKSA off: its shortcut goes, Tangerang keeps it.
    const admin = await createAccount(t, other, ['region_admin']);
    const off = await call(t, other, {
      method: 'PUT',
      url: '/api/admin/modules/laksa',
      as: admin,
      payload: { enabled: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const branded = await call(t, other, {
      method: 'PATCH',
      url: '/api/admin/region',
      as: admin,
      payload: { branding: { primaryColor: '#123456' } },
    });
    expect(branded.statusCode, branded.body).toBe(200);

    const a = await manifest(`${tangerang.path}/manifest.webmanifest`);
    const b = await manifest(`${other.path}/manifest.webmanifest`);

    expect(a.name).toBe('Kota Tangerang LIVE');
    expect(a.short_name).toBe('Tangerang');
    expect(a).toMatchObject({ start_url: `${tangerang.path}/`, scope: `${tangerang.path}/` });
    expect(a.id).toBe(`${tangerang.path}/?region=36.71`);
    expect(b.name).toBe(`${other.name} LIVE`);
    expect(b).toMatchObject({
      start_url: `${other.path}/`,
      scope: `${other.path}/`,
      theme_color: '#123456',
      background_color: '#123456',
    });
    expect(b.id).not.toBe(a.id);
    expect(a.icons.length).toBeGreaterThan(0);

    const urls = (m: Manifest) => m.shortcuts.map((s) => s.url);
    expect(urls(a)).toContain(`${tangerang.path}/layanan/laksa`);
    expect(urls(b)).not.toContain(`${other.path}/layanan/laksa`);
    for (const s of [...a.shortcuts, ...b.shortcuts]) expect(s.name).not.toBe('');
    for (const u of urls(b)) expect(u.startsWith(`${other.path}/layanan/`)).toBe(true);
  });

  it('serves the default region at / with scope /', async () => {
    const m = await manifest('/manifest.webmanifest');
    expect(m).toMatchObject({ name: 'Kota Tangerang LIVE', start_url: '/', scope: '/' });
    expect(m.shortcuts.every((s) => s.url.startsWith('/layanan/'))).toBe(true);
  });

  it("redirects the relative link of a deep page to the region's manifest", async () => {
    const res = await t.app.inject(`${other.path}/layanan/laksa/manifest.webmanifest`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`${other.path}/manifest.webmanifest`);
    const root = await t.app.inject('/profil/manifest.webmanifest');
    expect(root.headers.location).toBe('/manifest.webmanifest');
  });
});
