import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
} from '../support/app';
import { photoUpload } from '../support/files';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../support/laksa';

/** A file is readable by whoever may read the record it belongs to; everyone else gets 404. */
describe('who may download an uploaded file (GET /api/files/:id)', () => {
  let t: TestApp;
  let g: LaksaRegion;
  let stranger: TestAccount;
  const get = (id: string, as?: TestAccount, region = g.r) =>
    call(t, region, { method: 'GET', url: `/api/files/${id}`, as });
  const upload = async (as: TestAccount, purpose = 'laporan') => {
    const body = await photoUpload();
    const res = await call(t, g.r, {
      method: 'POST',
      url: `/api/files/photos?purpose=${purpose}`,
      as,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json()[0].id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    g = await createLaksaRegion(t);
    stranger = await createAccount(t, g.r, ['citizen']);
  });
  afterAll(() => t.close());

  it('a LAKSA report photo: the reporter and staff who may open the report, nobody else', async () => {
    const photo = await upload(g.citizen);
    await fileLaksaReport(t, g, { photoIds: [photo] });
    // The report awaits verification: not public; the officer's OPD is not assigned to it.
    expect((await get(photo, g.citizen)).statusCode).toBe(200);
    expect((await get(photo, g.operator)).statusCode).toBe(200);
    expect((await get(photo, g.admin)).statusCode).toBe(200);
    expect((await get(photo, g.officer)).statusCode).toBe(404);
    expect((await get(photo, stranger)).statusCode).toBe(404);
    expect((await get(photo)).statusCode).toBe(404);
    const other = await createRegion(t);
    expect((await get(photo, await createAccount(t, other, ['region_admin']), other)).statusCode).toBe(404);
  });

  it('a 112 note photo: the caller and the dispatcher, not an OPD officer without a unit on it', async () => {
    const pressed = await call(t, g.r, {
      method: 'POST',
      url: '/api/m/darurat/panic',
      as: g.citizen,
      payload: { typeCode: 'medis', lat: -7.001, lng: 110.401 },
    });
    expect(pressed.statusCode, pressed.body).toBe(201);
    const photo = await upload(g.citizen);
    const noted = await call(t, g.r, {
      method: 'POST',
      url: `/api/m/darurat/my/incidents/${pressed.json().id}/notes`,
      as: g.citizen,
      payload: { photoId: photo },
    });
    expect(noted.statusCode, noted.body).toBe(201);
    expect((await get(photo, g.citizen)).statusCode).toBe(200);
    expect((await get(photo, g.operator)).statusCode).toBe(200);
    expect((await get(photo, g.officer)).statusCode).toBe(404);
    expect((await get(photo, stranger)).statusCode).toBe(404);
  });

  it('an upload not yet attached is its uploader’s alone', async () => {
    const photo = await upload(g.citizen);
    expect((await get(photo, g.citizen)).statusCode).toBe(200);
    expect((await get(photo, stranger)).statusCode).toBe(404);
    expect((await get(photo, g.admin)).statusCode).toBe(404);
  });
});
