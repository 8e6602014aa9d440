// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a
// fresh clone serves the UI without a separate build step, and restarts stay fast.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');

/** The newest modification time (ms) in a folder, recursively. */
export function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether `output` is missing or older than any of `sources` (files or folders, from the root). */
export function stale(output, sources) {
  if (!existsSync(output)) return true;
  const times = sources
    .map((p) => path.join(root, p))
    .filter(existsSync)
    .map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs));
  return Math.max(...times) > statSync(output).mtimeMs;
}

export function ensureWeb() {
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared'];
  if (stale(path.join(root, 'web/dist/index.html'), sources)) {
    console.log('Membangun aplikasi web (web/dist)…');
    execSync('npm run build:web', { cwd: root, stdio: 'inherit' });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) ensureWeb();
