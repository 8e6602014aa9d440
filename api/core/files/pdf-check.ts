import { AppError } from '../errors';
import { fileTypeFromBuffer } from './images';
import type { StorableFile } from './upload';

/**
 * A PDF as uploaded (an applicant's scanned KTP, a signed statement): the type is read from the
 * bytes, never the name or the client's content type, and the file must end like a PDF (a
 * truncated upload does not). It is stored byte for byte: a signed PDF must stay verifiable.
 */
export async function checkPdf(input: Buffer): Promise<StorableFile> {
  const type = await fileTypeFromBuffer(input);
  const tail = input.subarray(Math.max(0, input.length - 1024)).toString('latin1');
  if (type?.mime !== 'application/pdf' || !tail.includes('%%EOF'))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      messages: {
        id: 'Berkas harus berupa PDF yang utuh atau foto (JPEG, PNG).',
        en: 'The file must be a complete PDF or a photo (JPEG, PNG).',
      },
      details: { detected: type?.mime ?? null },
    });
  return { bytes: input, mime: 'application/pdf', width: null, height: null };
}
