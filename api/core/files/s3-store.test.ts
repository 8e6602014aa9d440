import { randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAccount, createTestApp, demoRegion, type TestApp } from '../../../test/support/app';
import { fileUpload } from '../../../test/support/files';
import { startTestS3, type TestS3 } from '../../../test/support/s3';
import { loadConfig } from '../../config';
import { createFileStore } from './choose';
import { S3FileStore } from './s3-store';
import { LocalFileStore } from './store';

async function pdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

describe('S3 file store (s3rver)', () => {
  let s3: TestS3;
  let store: S3FileStore;
  let prefixed: S3FileStore;
  beforeAll(async () => {
    s3 = await startTestS3();
    const opts = {
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: s3.bucket,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    };
    store = new S3FileStore(opts);
    prefixed = new S3FileStore({ ...opts, prefix: 'simpul' });
  });
  afterAll(async () => {
    store?.destroy();
    prefixed?.destroy();
    await s3?.close();
  });

  const objectKeys = async () =>
    ((await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map(
      (o) => o.Key,
    );

  it('puts, gets and deletes; a missing key is null, deleting it again is no error', async () => {
    const key = 'wilayah-a/ab/satu.txt';
    await store.put(key, Buffer.from('halo bucket'));
    expect((await store.get(key))?.toString()).toBe('halo bucket');
    await store.put(key, Buffer.from('ditimpa'));
    expect((await store.get(key))?.toString()).toBe('ditimpa');
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
    expect(await store.get('wilayah-a/ab/tidak-pernah-ada.pdf')).toBeNull();
  });

  it('keeps binary content byte for byte (every byte value, 2 MB of random data)', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const big = randomBytes(2 * 1024 * 1024);
    await store.put('biner/00/semua.bin', all);
    await store.put('biner/00/besar.bin', big);
    expect((await store.get('biner/00/semua.bin'))!.equals(all)).toBe(true);
    expect((await store.get('biner/00/besar.bin'))!.equals(big)).toBe(true);
  });

  it('puts keys under the prefix, and refuses unsafe keys like the local store', async () => {
    await prefixed.put('x/01/berkas.webp', Buffer.from('p'));
    expect(await objectKeys()).toContain('simpul/x/01/berkas.webp');
    expect((await prefixed.get('x/01/berkas.webp'))?.toString()).toBe('p');
    expect(await store.get('x/01/berkas.webp')).toBeNull();
    await expect(store.put('../keluar', Buffer.from('x'))).rejects.toThrow('unsafe file key');
    await expect(store.get('a b')).rejects.toThrow('unsafe file key');
  });

  it('a missing bucket is an error, not a missing file; probe() passes on a writable bucket', async () => {
    const wrong = new S3FileStore({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: 'tidak-ada',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      maxAttempts: 1,
    });
    await expect(wrong.get('a/00/b.pdf')).rejects.toThrow();
    await expect(wrong.probe()).rejects.toThrow();
    wrong.destroy();
    await store.probe();
    expect((await objectKeys()).filter((k) => k?.startsWith('.simpul-deploy-check'))).toEqual([]);
  });

  it('is chosen by FILE_STORE=s3 (S3_BUCKET required), local otherwise', async () => {
    const s3Store = await createFileStore(loadConfig({ NODE_ENV: 'test', ...s3.env }).files);
    expect(s3Store).toBeInstanceOf(S3FileStore);
    (s3Store as S3FileStore).destroy();
    expect(await createFileStore(loadConfig({ NODE_ENV: 'test' }).files)).toBeInstanceOf(LocalFileStore);
    expect(() => loadConfig({ NODE_ENV: 'test', FILE_STORE: 's3' })).toThrow('S3_BUCKET');
    expect(() => loadConfig({ NODE_ENV: 'test', ...s3.env, S3_SECRET_ACCESS_KEY: '' })).toThrow(
      'S3_SECRET_ACCESS_KEY',
    );
    expect(() => loadConfig({ NODE_ENV: 'test', FILE_STORE: 'ftp' })).toThrow('FILE_STORE');
  });

  describe('the app with FILE_STORE=s3', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: s3.env });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('stores an uploaded PDF in the bucket and serves it back from there', async () => {
      const region = demoRegion(t);
      const citizen = await createAccount(t, region, ['citizen']);
      const bytes = await pdf('Surat pengantar RT/RW');
      const up = await call(t, region, {
        method: 'POST',
        url: '/api/files/documents?purpose=uji-s3',
        as: citizen,
        ...fileUpload(bytes, 'pengantar.pdf', 'application/pdf'),
      });
      expect(up.statusCode, up.body).toBe(201);
      const id = up.json().id as string;

      const key = (await objectKeys()).find((k) => k?.endsWith(`${id}.pdf`));
      expect(key).toMatch(new RegExp(`^${region.id}/`));
      const object = await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytes)).toBe(true);

      const back = await call(t, region, { method: 'GET', url: `/api/files/${id}`, as: citizen });
      expect(back.statusCode).toBe(200);
      expect(back.headers['content-type']).toContain('application/pdf');
      expect(back.rawPayload.equals(bytes)).toBe(true);

      // Gone from the bucket = gone for the app (404, not a crash).
      await store.delete(key!);
      const gone = await call(t, region, { method: 'GET', url: `/api/files/${id}`, as: citizen });
      expect(gone.statusCode).toBe(404);
    });
  });
});
