import type { FileStoreConfig } from '../../config';
import { type FileStore, LocalFileStore } from './store';

/**
 * The deployment's file store from its configuration (`FILE_STORE`, `S3_*`; api/config.ts). The
 * AWS SDK is loaded only when the bucket is used (≈ 180 ms of start-up otherwise spent for nothing).
 */
export async function createFileStore(files: FileStoreConfig): Promise<FileStore> {
  if (files.kind === 'local') return new LocalFileStore(files.dir);
  const { S3FileStore } = await import('./s3-store');
  return new S3FileStore({
    endpoint: files.endpoint,
    region: files.region,
    bucket: files.bucket,
    prefix: files.prefix,
    credentials: files.credentials,
    forcePathStyle: files.forcePathStyle,
  });
}
