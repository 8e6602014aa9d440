import type { DraftPhoto } from '../offline-queue';

export const MAX_PHOTOS = 5;
const MAX_SIDE = 1600;
const SKIP_BELOW = 400 * 1024;

/**
 * Shrinks a camera photo before it is kept and uploaded (a 4 MB picture over a slow network is
 * the usual reason a report never arrives). The server resizes again and strips EXIF; here we
 * only save bytes. Anything the browser cannot decode is kept as it is.
 */
export async function preparePhoto(file: File): Promise<DraftPhoto> {
  const original: DraftPhoto = { name: file.name || 'foto.jpg', type: file.type, blob: file };
  if (file.size < SKIP_BELOW || typeof createImageBitmap !== 'function') return original;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.round(bitmap.width * scale);
    const h = Math.round(bitmap.height * scale);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return original;
    ctx.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    if (!blob || blob.size >= file.size) return original;
    return { name: `${file.name.replace(/\.[^.]+$/, '')}.jpg`, type: 'image/jpeg', blob };
  } catch {
    return original;
  }
}
