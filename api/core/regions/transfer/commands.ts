import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Database } from '../../db/client';
import type { FileStore } from '../../files/store';
import { exportRegion } from './export';
import { ImportError, importRegion } from './import';

type Log = (line: string) => void;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('id-ID');

/**
 * `region export <kode> [--out berkas]`: to a file (mode 600, written under a temporary name and
 * renamed when whole), or to stdout for `> berkas` and pipes. The archive holds password hashes
 * and every citizen's data: it is as secret as a database backup.
 */
export async function regionExportCommand(
  database: Database,
  files: FileStore,
  code: string,
  outPath: string | undefined,
  actor: string,
  log: Log,
) {
  const partial = outPath ? `${outPath}.partial` : null;
  const output = partial ? createWriteStream(partial, { mode: 0o600 }) : process.stdout;
  try {
    const s = await exportRegion(database, files, code, output, actor);
    if (partial && outPath) await rename(partial, outPath);
    log(
      `✔ ${s.region.name} (${s.region.code}): ${s.tables} tabel, ${count(s.rows)} baris, ${count(s.files)} berkas (${mb(s.fileBytes)}) dalam ${(s.ms / 1000).toFixed(1)} s / ${s.tables} tables, ${s.rows} rows, ${s.files} files${outPath ? ` → ${outPath}` : ''}`,
    );
    if (s.missingFiles.length > 0)
      log(
        `  ⚠ ${s.missingFiles.length} berkas tidak ada di penyimpanan server ini, tidak ikut / files missing from this server's store, not included: ${s.missingFiles.slice(0, 5).join(', ')}`,
      );
  } catch (err) {
    if (partial) await rm(partial, { force: true });
    throw err;
  }
}

/** `region import [berkas|-] [--dry-run]`: returns the exit code (0 imported or importable, 1 not). */
export async function regionImportCommand(
  database: Database,
  files: FileStore,
  inPath: string | undefined,
  dryRun: boolean,
  actor: string,
  log: Log,
): Promise<number> {
  const input = inPath && inPath !== '-' ? createReadStream(inPath) : process.stdin;
  try {
    const r = await importRegion(database, files, input, { dryRun, actor });
    const what = `${r.region.name} (${r.region.code}): ${count(r.rows)} baris, ${count(r.files)} berkas (${mb(r.fileBytes)}) / ${r.rows} rows, ${r.files} files`;
    if (r.imported) log(`✔ Diimpor / imported ${what} dalam ${(r.ms / 1000).toFixed(1)} s`);
    else if (r.conflicts.length === 0)
      log(`✔ Uji coba: bisa diimpor, tidak ada yang ditulis / dry run: importable, nothing written. ${what}`);
    else {
      log(
        `✘ Uji coba: tidak bisa diimpor / dry run: cannot be imported. Arsip utuh / archive whole: ${what}`,
      );
      for (const c of r.conflicts) log(`  - ${c.id} / ${c.en}`);
    }
    return r.conflicts.length === 0 ? 0 : 1;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    log(`✘ ${err.message}`);
    for (const c of err.conflicts) log(`  - ${c.id} / ${c.en}`);
    return 1;
  }
}
