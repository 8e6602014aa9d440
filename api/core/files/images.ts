import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../errors';

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
  try {
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000 })
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
