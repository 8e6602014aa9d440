import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { storedFile } from '../db/schema';
import type { ProcessedImage } from './images';
import type { FileStore } from './store';

export type UploadedPhoto = {
  id: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
};

/** Bytes ready to store: a processed photo (WebP) or a checked PDF, kept as sent. */
export type StorableFile = { bytes: Buffer; mime: string; width: number | null; height: number | null };
const EXTENSIONS: Record<string, string> = { 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * Stores a file: bytes first (under a server-made key), then the row that points at them, so
 * a row never points at a missing file. A crash between the two leaves only an orphan file.
 */
export async function storeFile(
  tx: Tx,
  files: FileStore,
  regionId: string,
  ownerId: string,
  purpose: string,
  file: StorableFile,
): Promise<UploadedPhoto> {
  const id = randomUUID();
  const storageKey = `${regionId}/${id.slice(0, 2)}/${id}.${EXTENSIONS[file.mime] ?? 'bin'}`;
  await files.put(storageKey, file.bytes);
  await tx.insert(storedFile).values({
    regionId,
    id,
    ownerId,
    purpose,
    mime: file.mime,
    bytes: file.bytes.length,
    width: file.width,
    height: file.height,
    storageKey,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  });
  return { id, mime: file.mime, bytes: file.bytes.length, width: file.width, height: file.height };
}

/** Stores a processed photo (see `storeFile`). */
export const storePhoto = (
  tx: Tx,
  files: FileStore,
  regionId: string,
  ownerId: string,
  purpose: string,
  image: ProcessedImage,
) => storeFile(tx, files, regionId, ownerId, purpose, image);

export async function findFile(tx: Tx, id: string) {
  const [row] = await tx.select().from(storedFile).where(eq(storedFile.id, id));
  return row ?? null;
}
