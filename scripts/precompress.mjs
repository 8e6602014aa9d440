// Writes .br and .gz next to every text asset of the built web app, once at build time, so the
// server sends a citizen's cheap phone ~70 kB instead of ~320 kB without compressing per request
// (@fastify/static `preCompressed` picks the variant the browser accepts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../web/dist');
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let raw = 0;
let br = 0;
for (const file of walk(dist).filter((f) => compressible.test(f))) {
  const bytes = readFileSync(file);
  // Small files too (the entry and runtime chunks are under 1 kB): every byte of the first load
  // counts on a slow network. Only a file that would not shrink is left as it is.
  if (bytes.length < 256) continue;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  if (brotli.length >= bytes.length) continue;
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  raw += bytes.length;
  br += brotli.length;
}
console.log(`precompressed web/dist: ${(raw / 1024).toFixed(0)} kB → ${(br / 1024).toFixed(0)} kB (brotli)`);
