import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder up from this file with a package.json. The same answer
 * whether the server runs from its sources (api/, through tsx) or from the one-file bundle that
 * `npm start` builds (dist/server/main.mjs), so files beside the code (migrations, web/dist, the
 * spreadsheet worker) are found from either.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const repoRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. `fromRoot('migrations')`. */
export const fromRoot = (...parts: string[]) => path.join(repoRoot, ...parts);
