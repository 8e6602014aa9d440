import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export type TestS3 = {
  endpoint: string;
  bucket: string;
  /** The environment that points Simpul at this server (FILE_STORE=s3 …). */
  env: Record<string, string>;
  /** Where s3rver keeps its objects on disk. */
  dir: string;
  close(): Promise<void>;
};

/**
 * A local S3-compatible server (s3rver) on a random loopback port, its objects in a temp folder,
 * with one bucket. s3rver checks signatures against its fixed key pair S3RVER/S3RVER.
 */
export async function startTestS3(bucket = 'simpul-uji'): Promise<TestS3> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    dir,
    env: {
      FILE_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      // Keep-alive sockets of SDK clients would hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
