import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: two processes opening the same folder would both write to
 * it and corrupt it (PGlite itself does not refuse). A lock file with the owner's pid, next to the
 * folder, stops a second process (the CLI while the server runs, or a second server) with a hint.
 * A lock left by a dead process is taken over.
 */
export function lockPgliteDir(pgliteDir: string, owner: string): () => void {
  const file = `${pgliteDir}.lock`;
  if (existsSync(file)) {
    let pid = 0;
    try {
      pid = Number(JSON.parse(readFileSync(file, 'utf8')).pid) || 0;
    } catch {
      // unreadable: treat as stale
    }
    if (pid && pid !== process.pid && isAlive(pid))
      throw new Error(
        `Basis data PGlite di ${pgliteDir} sedang dipakai proses ${pid} (server?). Hentikan server dulu, atau gunakan DATABASE_URL (PostgreSQL) / ` +
          `The PGlite database in ${pgliteDir} is in use by process ${pid} (the server?). Stop the server first, or use DATABASE_URL (PostgreSQL)`,
      );
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ pid: process.pid, owner, since: new Date().toISOString() }));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
