// `npm start`: builds the web app and the server bundle when missing or older than their sources,
// then runs the server from the bundle in this same process. The bundle (one ESM file of Simpul's
// own code, esbuild, packages left external) starts about a second sooner than the TypeScript
// sources through tsx, whose loader resolves and transforms ~400 files on every start
// (issue 19: cold start ≤ 3 s). Without esbuild (a production install), the sources run via tsx.
import { renameSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWeb, root, stale } from './ensure-web.mjs';

const bundle = path.join(root, 'dist/server/main.mjs');

/** Builds dist/server/main.mjs if stale; false when esbuild is not installed. */
async function ensureServerBundle() {
  if (!stale(bundle, ['api', 'shared', 'package-lock.json', 'scripts/start.mjs'])) return true;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  // Written beside and renamed: two starts at once never run a half-written bundle.
  const partial = `${bundle}.${process.pid}.partial`;
  await esbuild.build({
    entryPoints: [path.join(root, 'api/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: partial,
    logLevel: 'warning',
  });
  renameSync(partial, bundle);
  return true;
}

ensureWeb();
if (await ensureServerBundle()) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'api/main.ts')).href);
}
