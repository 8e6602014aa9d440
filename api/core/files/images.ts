import { AppError } from '../errors';
import { lazy } from '../lazy';

// sharp (its native binding) and file-type load on the first upload, not at start-up (lazy.ts).
export const loadSharp = lazy(() => import('sharp').then((m) => m.default));
const loadFileType = lazy(() => import('file-type'));
/** The type read from the bytes' signature (file-type), or undefined. */
export const fileTypeFromBuffer = async (input: Buffer) => (await loadFileType()).fileTypeFromBuffer(input);

/** Formats a phone camera produces that we accept; everything is re-encoded to WebP. */
const ACCEPTED = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/avif',
  'image/gif',
]);
const MAX_EDGE = 1600;
/**
 * A phone camera makes 12–50 MP, but decoding 49 MP costs ~200 MB of memory per image, five per
 * request: above 24 MP (6000×4000) a photo is refused before it is decoded (413).
 */
export const MAX_INPUT_PIXELS = 24_000_000;
/**
 * Sharp decodes and resizes on libuv's thread pool, not the request thread, but each decode holds
 * its pixels in memory: at most this many run at once across all requests; the rest wait.
 */
const MAX_PARALLEL = 2;
let running = 0;
const queue: (() => void)[] = [];
async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((go) => queue.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

export type ProcessedImage = { bytes: Buffer; mime: 'image/webp'; width: number; height: number };

/**
 * Checks the real type from the bytes (never the file name or the client's content type),
 * turns the picture upright, scales it to at most 1600 px and re-encodes it as WebP. Sharp does
 * not copy metadata unless asked, so EXIF (GPS position, phone model) is gone.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  const type = await fileTypeFromBuffer(input);
  if (!type || !ACCEPTED.has(type.mime))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      messages: {
        id: 'Berkas harus berupa foto (JPEG, PNG, WebP, HEIC).',
        en: 'The file must be a photo (JPEG, PNG, WebP, HEIC).',
      },
      details: { detected: type?.mime ?? null },
    });
  // The header alone says how big the picture is: refuse a huge one before decoding anything.
  const sharp = await loadSharp();
  const meta = await sharp(input)
    .metadata()
    .catch(() => null);
  if (meta?.width && meta.height && meta.width * meta.height > MAX_INPUT_PIXELS)
    throw new AppError('PAYLOAD_TOO_LARGE', {
      messages: {
        id: `Foto terlalu besar (${meta.width}×${meta.height} piksel; paling banyak ${MAX_INPUT_PIXELS / 1e6} megapiksel).`,
        en: `The photo is too large (${meta.width}×${meta.height} pixels; at most ${MAX_INPUT_PIXELS / 1e6} megapixels).`,
      },
      details: { width: meta.width, height: meta.height, maxPixels: MAX_INPUT_PIXELS },
    });
  return bounded(() => resize(input));
}

async function resize(input: Buffer): Promise<ProcessedImage> {
  try {
    const sharp = await loadSharp();
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: 'image/webp', width: info.width, height: info.height };
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      messages: { id: 'Foto rusak atau tidak bisa dibaca.', en: 'The photo is damaged or unreadable.' },
    });
  }
}
