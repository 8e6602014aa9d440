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

/**
 * Stores a photo: bytes first (under a server-made key), then the row that points at them, so
 * a row never points at a missing file. A crash between the two leaves only an orphan file.
 */
export async function storePhoto(
  tx: Tx,
  files: FileStore,
  regionId: string,
  ownerId: string,
  purpose: string,
  image: ProcessedImage,
): Promise<UploadedPhoto> {
  const id = randomUUID();
  const storageKey = `${regionId}/${id.slice(0, 2)}/${id}.webp`;
  await files.put(storageKey, image.bytes);
  await tx.insert(storedFile).values({
    regionId,
    id,
    ownerId,
    purpose,
    mime: image.mime,
    bytes: image.bytes.length,
    width: image.width,
    height: image.height,
    storageKey,
    sha256: createHash('sha256').update(image.bytes).digest('hex'),
  });
  return { id, mime: image.mime, bytes: image.bytes.length, width: image.width, height: image.height };
}

export async function findFile(tx: Tx, id: string) {
  const [row] = await tx.select().from(storedFile).where(eq(storedFile.id, id));
  return row ?? null;
}
