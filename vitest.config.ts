import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { globSync } from 'tinyglobby';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const ci = process.env.CI === 'true';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    s.setTimeout(1000);
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.once('timeout', () => done(false));
  });
}

/** In CI nothing may be skipped; elsewhere a missing service prints a SKIPPED line. */
function skipOrFail(what: string, why: string) {
  if (ci) throw new Error(`${what} cannot run in CI: ${why}`);
  console.warn(`SKIPPED: ${what} (${why})`);
}

/**
 * Test files that never open a database (pure functions, config files, the source tree): they run
 * once, in the PGlite project; the PostgreSQL project would only repeat them.
 */
function databaseFreeFiles(patterns: string[]): string[] {
  const touchesDatabase =
    /support\/(app|database|laksa|kind)|core\/db\/client|TEST_DATABASE_URL|testDbKind|openDatabase|createTestApp/;
  return globSync(patterns).filter((file) => !touchesDatabase.test(readFileSync(file, 'utf8')));
}

export default defineConfig(async () => {
  const unit = ['test/**/*.test.ts', 'api/**/*.test.ts'];
  const projects: TestProjectInlineConfiguration[] = [
    {
      extends: true,
      test: { name: 'pglite', include: unit, env: { SIMPUL_TEST_DB: 'pglite' } },
    },
  ];
  if (await reachable(pgUrl)) {
    projects.push({
      extends: true,
      test: {
        name: 'postgres',
        include: unit,
        exclude: databaseFreeFiles(unit),
        env: { SIMPUL_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl },
      },
    });
  } else skipOrFail('the PostgreSQL test project', `no PostgreSQL at ${pgUrl}; set TEST_DATABASE_URL`);
  if (existsSync(chromium)) {
    projects.push({
      extends: true,
      test: {
        name: 'e2e',
        include: ['e2e/**/*.test.ts'],
        env: { SIMPUL_TEST_DB: 'pglite', CHROMIUM_PATH: chromium },
        testTimeout: 120_000,
        hookTimeout: 180_000,
        fileParallelism: false,
        // A browser on a busy machine: conditions get 15 s to come true (vitest's default is 1 s).
        expect: { poll: { timeout: 15_000 } },
      },
    });
  } else skipOrFail('the browser journeys (e2e)', `no Chromium at ${chromium}; apt-get install -y chromium`);

  return {
    test: {
      globalSetup: ['test/support/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      maxWorkers: 2,
      projects,
    },
  };
});
