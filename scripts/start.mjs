// `npm start`: builds the web app and the server bundle when missing or older than their sources,
// then runs the server from the bundle in this same process. The bundle (Simpul's own code in one
// ESM file plus chunks for what it imports lazily; esbuild, packages left external) starts about a
// second sooner than the TypeScript sources through tsx, whose loader resolves and transforms ~400
// files on every start (issue 19: cold start ≤ 3 s). Without esbuild (a production install), the
// sources run via tsx.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWeb, root, stale } from './ensure-web.mjs';

const bundle = path.join(root, 'dist/server/main.mjs');

/** Builds dist/server/main.mjs (and its chunks) if stale; false when esbuild is not installed. */
async function ensureServerBundle() {
  if (!stale(bundle, ['api', 'shared', 'package-lock.json', 'scripts/start.mjs'])) return true;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  console.log('Membangun server (dist/server/main.mjs)…');
  const outdir = path.dirname(bundle);
  const { outputFiles } = await esbuild.build({
    entryPoints: [path.join(root, 'api/main.ts')],
    bundle: true,
    // Code splitting keeps a dynamic import of our own code (the S3 store, with the AWS SDK) a
    // chunk loaded when first used, as under tsx; one file would import its packages at start.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    write: false,
  });
  // Each file written beside and renamed, main.mjs last: two starts at once never run a
  // half-written bundle. Chunk names carry their content's hash, so a server still running from
  // the previous bundle finds its chunks; chunks of older builds are removed after a day.
  mkdirSync(outdir, { recursive: true });
  const fresh = new Set(outputFiles.map((f) => path.basename(f.path)));
  for (const file of [...outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle))) {
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (name.startsWith('chunk-') && !fresh.has(name) && Date.now() - statSync(file).mtimeMs > 86_400_000)
      rmSync(file, { force: true });
  }
  return true;
}

ensureWeb();
if (await ensureServerBundle()) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'api/main.ts')).href);
}
