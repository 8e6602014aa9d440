// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a
// fresh clone serves the UI without a separate build step, and restarts stay fast.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared']
  .map((p) => path.join(root, p))
  .filter(existsSync)
  .map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs));

if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs) {
  console.log('Membangun aplikasi web (web/dist)…');
  execSync('npm run build:web', { cwd: root, stdio: 'inherit' });
}
