import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { photoUpload } from '../support/files';

/** A region's logo is an uploaded file served from this origin, never a remote (tracking) URL. */
describe('region logo', () => {
  let t: TestApp;
  let region: TestRegion;
  let admin: TestAccount;
  const patch = (branding: Record<string, unknown>) =>
    call(t, region, { method: 'PATCH', url: '/api/admin/region', as: admin, payload: { branding } });
  const upload = async (purpose: string) => {
    const res = await call(t, region, {
      method: 'POST',
      url: `/api/files/photos?purpose=${purpose}`,
      as: admin,
      ...(await photoUpload({ name: 'logo.png', width: 400, height: 400 })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json()[0].id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    admin = await createAccount(t, region, ['region_admin']);
  });
  afterAll(() => t.close());

  it('refuses a remote logo URL', async () => {
    const res = await patch({ logoUrl: 'https://tracker.example/pixel.gif' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a file that was not uploaded as a logo', async () => {
    expect((await patch({ logoFileId: await upload('laporan') })).statusCode).toBe(400);
  });

  it('takes an uploaded logo, shows it as a same-origin URL that anyone may load', async () => {
    const id = await upload('logo');
    const res = await patch({ logoFileId: id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().branding.logoUrl).toBe(`${region.path}/api/files/${id}`);
    const view = await call(t, region, { method: 'GET', url: '/api/region' });
    expect(view.json().branding.logoUrl).toBe(`${region.path}/api/files/${id}`);
    const image = await t.app.inject({ method: 'GET', url: view.json().branding.logoUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toMatch(/^public/);
    expect((await patch({ logoFileId: null })).json().branding.logoUrl).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `${region.path}/api/files/${id}` })).statusCode).toBe(
      404,
    );
  });
});
