import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertSafeKey, type FileStore } from './store';

export type S3StoreOptions = {
  /** An S3-compatible endpoint (MinIO, Ceph, s3rver); unset = AWS S3. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Put before every key (`simpul/` → `simpul/<key>`); a missing trailing slash is added. */
  prefix?: string;
  /** Unset = the SDK's default chain (AWS_* variables, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** http://host/bucket/key instead of http://bucket.host/key: what MinIO and s3rver need. */
  forcePathStyle?: boolean;
  /** Per-request timeout; the deploy check uses a short one. */
  timeoutMs?: number;
  /** Attempts per call (the SDK retries throttling and 5xx); default 3. */
  maxAttempts?: number;
};

/**
 * File bytes in an S3-compatible bucket: what several API servers share (each process sees every
 * upload, unlike DATA_DIR/files on one machine). Same three calls and key rules as LocalFileStore;
 * `get` of a missing key is null. Checksums are only sent where S3 requires them: self-hosted
 * stores (MinIO before 2025, Ceph, s3rver) refuse the SDK's newer default trailing checksums.
 */
export class S3FileStore implements FileStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(opts: S3StoreOptions) {
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ? opts.prefix.replace(/\/*$/, '/').replace(/^\/+/, '') : '';
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      credentials: opts.credentials,
      forcePathStyle: opts.forcePathStyle ?? false,
      maxAttempts: opts.maxAttempts ?? 3,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: opts.timeoutMs ?? 10_000,
        requestTimeout: opts.timeoutMs ?? 60_000,
      },
    });
  }

  /** The object key of a file key: the prefix plus the (checked) key. */
  objectKey(key: string): string {
    assertSafeKey(key);
    return `${this.prefix}${key}`;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      if (!res.Body) return null;
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /** Deleting a missing key is no error (S3 answers 204 either way). */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  /**
   * Writes, reads back and deletes one small object: is the bucket reachable and writable with
   * these credentials? Throws with the store's message otherwise (the deploy check prints it).
   */
  async probe(): Promise<void> {
    const key = `.simpul-deploy-check/${process.pid}-${Date.now().toString(36)}`;
    const bytes = Buffer.from('simpul deploy check');
    await this.put(key, bytes);
    const back = await this.get(key);
    await this.delete(key);
    if (!back?.equals(bytes)) throw new Error('the object written was not read back intact');
  }

  destroy(): void {
    this.client.destroy();
  }

  close(): void {
    this.destroy();
  }
}

function isMissing(err: unknown): boolean {
  if (err instanceof S3ServiceException)
    // A missing bucket is also a 404, but a configuration error, not a missing file.
    return err.name === 'NoSuchKey' || (err.$metadata?.httpStatusCode === 404 && err.name !== 'NoSuchBucket');
  return false;
}
