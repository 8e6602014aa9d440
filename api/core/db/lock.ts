import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * PGlite is one process's database: two processes opening the same folder would both write to
 * it and corrupt it (PGlite itself does not refuse). A lock file with the owner's pid, next to the
 * folder, stops a second process (the CLI while the server runs, or a second server) with a hint.
 *
 * - The file is created exclusively (`wx`): of two processes starting at once, one gets it.
 * - A lock left by a dead process is taken over.
 * - `waitMs`: how long to wait for a live holder to exit. The server waits (a restart right after
 *   a stop finds the old process still closing its database); the CLI answers at once.
 */
export async function lockPgliteDir(
  pgliteDir: string,
  owner: string,
  opts: { waitMs?: number; onWait?: (pid: number) => void } = {},
): Promise<() => void> {
  const file = `${pgliteDir}.lock`;
  const release = () => rmSync(file, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let waited = false;
  for (;;) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, owner, since: new Date().toISOString() }), {
        flag: 'wx',
      });
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = holderOf(file);
    if (pid === process.pid) return release;
    if (!pid || !isAlive(pid)) {
      release(); // stale: its process is gone
      continue;
    }
    if (Date.now() >= deadline)
      throw new Error(
        `Basis data PGlite di ${pgliteDir} sedang dipakai proses ${pid} (server?). Hentikan server dulu, atau gunakan DATABASE_URL (PostgreSQL) / ` +
          `The PGlite database in ${pgliteDir} is in use by process ${pid} (the server?). Stop the server first, or use DATABASE_URL (PostgreSQL)`,
      );
    if (!waited) opts.onWait?.(pid);
    waited = true;
    await sleep(100);
  }
}

/** The pid in the lock file; 0 when it is unreadable (a crash mid-write) or gone. */
function holderOf(file: string): number {
  try {
    return Number(JSON.parse(readFileSync(file, 'utf8')).pid) || 0;
  } catch {
    return 0;
  }
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
