import { MAX_UPLOAD_BYTES } from '../../../shared/files';
import { t } from './i18n';

export type PhotoCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks a chosen photo at once, by its bytes, not its name: a text file renamed `.jpg` or a PDF
 * is refused on selection with the reason next to the field (the server's size limit and, as
 * api/core/files/images.ts, its formats), instead of a broken thumbnail now
 * and a form-level error at submit. The server checks again (file-type + sharp); this is for the
 * person holding the phone.
 */
export async function checkPhoto(file: File): Promise<PhotoCheck> {
  const name = file.name || t('photo.unnamed');
  if (file.size === 0) return { ok: false, message: t('photo.empty', { name }) };
  if (file.size > MAX_UPLOAD_BYTES)
    return { ok: false, message: t('photo.tooLarge', { name, max: MAX_UPLOAD_BYTES / 1024 / 1024 }) };
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!imageFormat(head)) return { ok: false, message: t('photo.notImage', { name }) };
  return { ok: true };
}

/** The image format from the first bytes (the formats a phone camera produces), or null. */
export function imageFormat(b: Uint8Array): string | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  // ISO-BMFF: HEIC/HEIF/AVIF from phone cameras ("ftyp" then the brand).
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(ascii(8, 12)))
    return 'heif';
  return null;
}

/** Splits chosen files into the photos that pass and one message per refused file. */
export async function sortPhotos(files: File[]): Promise<{ accepted: File[]; refused: string[] }> {
  const checks = await Promise.all(files.map(checkPhoto));
  return {
    accepted: files.filter((_, i) => checks[i]!.ok),
    refused: checks.flatMap((c) => (c.ok ? [] : [c.message])),
  };
}
