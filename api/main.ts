import { existsSync } from 'node:fs';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { count } from 'drizzle-orm';
import { buildApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './core/db/client';
import { migrateDatabase } from './core/db/migrate';
import { region } from './core/db/schema';
import { asPlatform } from './core/db/scope';
import { formatDemoLogins, seedDemo } from './core/demo/seed';
import { createFileStore } from './core/files/choose';

/** config → database → migrate → (first start: demo region) → app → listen. */
async function main() {
  const started = performance.now();
  // Until the server listens, nothing holds Node's event loop open while start-up awaits work of
  // V8's background threads (PGlite's WebAssembly being compiled). An empty loop makes Node wait
  // for *all* of those threads' tasks (NodePlatform::DrainTasks), optimising compilation of hot
  // WebAssembly included: 0.4–1.1 s of a start stood still there. This timer keeps the loop alive.
  const holdLoop = setInterval(() => {}, 1000);
  // A first start builds the embedded database and the demo region (tens of seconds on a small
  // machine): say what is happening, so it does not look stuck.
  const progress = (line: string) =>
    console.log(`  ${line} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const config = loadConfig();
  const pgliteDir = path.join(config.dataDir, 'pglite');
  // The longest silent step of a first start: PGlite creates its cluster (initdb).
  if (!config.databaseUrl && !existsSync(pgliteDir))
    progress(`start pertama: membuat database tertanam (PGlite) di ${pgliteDir} …`);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir,
    poolSize: config.dbPoolSize,
    replicas: config.replicas,
    // A restart right after a stop: the old process may still be closing the embedded database.
    lock: {
      waitMs: 15_000,
      onWait: (pid) =>
        progress(
          `menunggu proses ${pid} melepas database tertanam / waiting for process ${pid} to release it …`,
        ),
    },
  });
  progress(`database ${database.kind === 'pglite' ? 'tertanam (PGlite) dibuka' : 'PostgreSQL tersambung'}`);
  await migrateDatabase(database);
  progress('migrasi database selesai');

  const [{ n } = { n: 0 }] = await asPlatform(
    database,
    { actor: 'main', action: 'startup.count-regions', reason: 'seed the demo region on first start' },
    (tx) => tx.select({ n: count() }).from(region),
  );
  // One file store for the demo's sample documents and the app.
  const files = await createFileStore(config.files);
  const firstStart = n === 0 && config.env !== 'production';
  if (firstStart) progress('start pertama: membuat daerah demo (Kota Tangerang) …');
  const demo = firstStart ? await seedDemo(database, undefined, files) : null;
  if (firstStart) progress('daerah demo siap');

  const app = await buildApp({ config, database, files });
  const address = await app.listen({ port: config.port, host: config.host });
  clearInterval(holdLoop); // the listening socket holds the loop from here
  const url = config.publicUrl ?? address.replace('://127.0.0.1', '://localhost');

  const lines = [
    '',
    `Simpul berjalan di ${url}  (database: ${database.kind === 'pglite' ? `PGlite tertanam, data di ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL'})`,
    `  Warga (aplikasi):   ${url}/`,
    `  Konsol staf:        ${url}/staf`,
    `  LIVE Room:          ${url}/live`,
    `  Dokumentasi API:    ${url}/api/docs`,
    demo ? formatDemoLogins(demo, url) : '  Akun demo: lihat README.md (dibuat pada start pertama).',
    '',
  ];
  console.log(lines.join('\n'));

  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after error');
    await app.close();
    files.close?.();
    await database.close();
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
