import sharp from 'sharp';
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

/** A JPEG as a phone makes it: EXIF with the camera model and orientation. */
async function phoneJpeg(width = 2400, height = 1800) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 30 } } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'Xiaomi', Model: 'Redmi 9A' } } })
    .toBuffer();
}

function multipart(files: { name: string; type: string; bytes: Buffer }[]) {
  const boundary = '----simpul-uji';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('photo uploads', () => {
  let t: TestApp;
  let region: TestRegion;
  let citizen: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    citizen = await createAccount(t, region, ['citizen']);
  });
  afterAll(() => t.close());

  const upload = (
    files: { name: string; type: string; bytes: Buffer }[],
    as: TestAccount | null = citizen,
  ) => {
    const body = multipart(files);
    return call(t, region, {
      method: 'POST',
      url: '/api/files/photos?purpose=uji',
      as: as ?? undefined,
      payload: body.payload,
      headers: body.headers,
    });
  };

  it('stores a phone photo upright, at most 1600 px, as WebP, with the EXIF gone', async () => {
    const res = await upload([{ name: 'jalan-rusak.jpg', type: 'image/jpeg', bytes: await phoneJpeg() }]);
    expect(res.statusCode).toBe(201);
    const [photo] = res.json();
    // Orientation 6 means "rotate 90°": the stored picture is portrait.
    expect(photo).toMatchObject({ mime: 'image/webp', width: 1200, height: 1600 });
    const got = await call(t, region, { method: 'GET', url: `/api/files/${photo.id}`, as: citizen });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/webp');
    const meta = await sharp(got.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(got.rawPayload.includes(Buffer.from('Redmi'))).toBe(false);
  });

  it('judges the type by content: a text file named .jpg is refused with 415', async () => {
    const res = await upload([
      { name: 'foto.jpg', type: 'image/jpeg', bytes: Buffer.from('bukan gambar sama sekali') },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses more than 5 photos and photos over 10 MB with 413', async () => {
    const small = await phoneJpeg(64, 64);
    const six = await upload(
      Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.jpg`, type: 'image/jpeg', bytes: small })),
    );
    expect(six.statusCode).toBe(413);
    const huge = await upload([
      {
        name: 'besar.jpg',
        type: 'image/jpeg',
        bytes: Buffer.concat([small, Buffer.alloc(11 * 1024 * 1024)]),
      },
    ]);
    expect(huge.statusCode).toBe(413);
  });

  it('needs a signed-in account, and a photo of one region is not found from another', async () => {
    const bytes = await phoneJpeg(100, 100);
    expect((await upload([{ name: 'a.jpg', type: 'image/jpeg', bytes }], null)).statusCode).toBe(401);
    const [photo] = (await upload([{ name: 'a.jpg', type: 'image/jpeg', bytes }])).json();
    const other = await createRegion(t);
    const stranger = await createAccount(t, other, ['region_admin']);
    expect(
      (await call(t, other, { method: 'GET', url: `/api/files/${photo.id}`, as: stranger })).statusCode,
    ).toBe(404);
  });
});
