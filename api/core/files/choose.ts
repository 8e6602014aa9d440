import type { FileStoreConfig } from '../../config';
import { S3FileStore } from './s3-store';
import { type FileStore, LocalFileStore } from './store';

/** The deployment's file store from its configuration (`FILE_STORE`, `S3_*`; api/config.ts). */
export function createFileStore(files: FileStoreConfig): FileStore {
  if (files.kind === 'local') return new LocalFileStore(files.dir);
  return new S3FileStore({
    endpoint: files.endpoint,
    region: files.region,
    bucket: files.bucket,
    prefix: files.prefix,
    credentials: files.credentials,
    forcePathStyle: files.forcePathStyle,
  });
}
