import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a snippet in a separate Node process against the embedded database folder. */
function inProcess(body: string): string {
  const script = `
    import { openDatabase } from '${root}/api/core/db/client.ts';
    import { migrateDatabase } from '${root}/api/core/db/migrate.ts';
    import { sql } from 'drizzle-orm';
    const database = await openDatabase({ dataDir: '${dir}/pglite' });
    await migrateDatabase(database);
    ${body}`;
  // Inside the repository so the script resolves the project's packages.
  const cache = path.join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const file = path.join(cache, `durability-${process.pid}.mts`);
  writeFileSync(file, script);
  try {
    return execFileSync(path.join(root, 'node_modules/.bin/tsx'), [file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
  } finally {
    rmSync(file, { force: true });
  }
}

// About the embedded database: it runs the same in both projects (it opens its own PGlite folder).
describe('embedded database durability', () => {
  it('keeps an acknowledged write after the process is killed without closing, and after a clean restart', () => {
    // Write, then die abruptly (no close, no checkpoint): what a crashed server leaves behind.
    inProcess(`
      await database.db.execute(sql\`create table if not exists probe (v text)\`);
      await database.db.execute(sql\`insert into probe values ('diakui')\`);
      process.exit(0);`);
    const out = inProcess(`
      const r = await database.db.execute(sql\`select v from probe\`);
      console.log(JSON.stringify(r.rows));
      await database.close();`);
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([{ v: 'diakui' }]);
  });
});
