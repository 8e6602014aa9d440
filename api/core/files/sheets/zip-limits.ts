import yauzl from 'yauzl';
import { AppError } from '../../errors';

/**
 * Bounds for a zip container (XLSX) before anything inflates it. A 200 kB file can declare
 * 200 MB of sheet XML (a decompression bomb); ExcelJS would inflate and parse all of it.
 * The central directory lists every entry's sizes, so the first check costs no inflation. Headers
 * can lie, so each entry is then inflated once, streaming and discarded, by yauzl, which stops as
 * soon as an entry yields more bytes than it declared (zlib runs on libuv's threads, not the
 * request thread; at most maxTotalBytes are inflated).
 */
export const ZIP_LIMITS = {
  /** Largest single entry (a 100,000-row import sheet is ~30 MB of XML). */
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 1_000,
  /** Sheet XML deflates 10–30×; beyond this ratio (for entries over 1 MB) it is built to explode. */
  maxRatio: 100,
};

const tooLarge = (en: string, id: string, details: unknown) =>
  new AppError('PAYLOAD_TOO_LARGE', { messages: { id, en }, details });

/** Throws 413 PAYLOAD_TOO_LARGE when the zip would inflate beyond ZIP_LIMITS; other errors: not a zip. */
export async function assertZipWithinLimits(bytes: Buffer, limits = ZIP_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  try {
    if (zip.entryCount > limits.maxEntries)
      throw tooLarge(
        `The file holds ${zip.entryCount} parts (at most ${limits.maxEntries}).`,
        `Berkas berisi ${zip.entryCount} bagian (paling banyak ${limits.maxEntries}).`,
        { entries: zip.entryCount },
      );
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        const size = entry.uncompressedSize;
        total += size;
        const ratio = size / Math.max(entry.compressedSize, 1);
        const mb = (n: number) => Math.ceil(n / 1024 / 1024);
        if (size > limits.maxEntryBytes || total > limits.maxTotalBytes)
          return reject(
            tooLarge(
              `Unpacked, the file would be over ${mb(limits.maxTotalBytes)} MB (a part of ${mb(size)} MB). Split it into smaller files.`,
              `Jika dibuka, isi berkas lebih dari ${mb(limits.maxTotalBytes)} MB (satu bagian ${mb(size)} MB). Pecah menjadi beberapa berkas.`,
              { entry: entry.fileName, uncompressedBytes: size },
            ),
          );
        if (size > 1024 * 1024 && ratio > limits.maxRatio)
          return reject(
            tooLarge(
              `The file is compressed ${Math.round(ratio)}× (at most ${limits.maxRatio}×): it is not an ordinary spreadsheet.`,
              `Berkas dimampatkan ${Math.round(ratio)}× (paling banyak ${limits.maxRatio}×): bukan lembar kerja biasa.`,
              { entry: entry.fileName, ratio: Math.round(ratio) },
            ),
          );
        drain(zip, entry).then(
          () => zip.readEntry(),
          (err: Error) =>
            reject(
              // Only an entry larger than declared is a lie; other failures (corrupt data) are unreadable.
              !/too many bytes/.test(err.message)
                ? err
                : tooLarge(
                    'The file does not hold what its table of contents says: it is not an ordinary spreadsheet.',
                    'Isi berkas tidak sesuai daftar isinya: bukan lembar kerja biasa.',
                    { entry: entry.fileName, reason: err.message },
                  ),
            ),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Inflates one entry into nothing; yauzl (validateEntrySizes) errors if it outgrows its declared size. */
function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      stream.on('error', reject);
      stream.on('end', resolve);
      stream.resume();
    }),
  );
}
