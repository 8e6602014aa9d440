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
    import { sql } from 'drizzle-orm';
    // No migrations: the probe needs one table of its own, and migrating costs seconds per process.
    const database = await openDatabase({ dataDir: '${dir}/pglite' });
    ${body}`;
  // Inside the repository so the script resolves the project's packages.
  const cache = path.join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const file = path.join(cache, `durability-${process.pid}.mts`);
  writeFileSync(file, script);
  try {
    // Node itself with tsx's loader (not the tsx wrapper): the process that writes is the one killed.
    return execFileSync(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
  } catch (err) {
    // The writer kills itself with SIGKILL once the write is acknowledged: that is the point.
    if ((err as { signal?: string }).signal === 'SIGKILL') return (err as { stdout: string }).stdout;
    throw err;
  } finally {
    rmSync(file, { force: true });
  }
}

// About the embedded database: it runs the same in both projects (it opens its own PGlite folder).
describe('embedded database durability', () => {
  it('keeps an acknowledged write after the process is killed (kill -9) without closing', {
    timeout: 120_000,
  }, () => {
    // Write, then die abruptly (SIGKILL: no close, no checkpoint, no exit handlers): a crashed server.
    const writer = inProcess(`
      await database.db.execute(sql\`create table if not exists probe (v text)\`);
      await database.db.execute(sql\`insert into probe values ('diakui')\`);
      console.log('acknowledged');
      process.kill(process.pid, 'SIGKILL');`);
    expect(writer).toContain('acknowledged');
    const out = inProcess(`
      const r = await database.db.execute(sql\`select v from probe\`);
      console.log(JSON.stringify(r.rows));
      await database.close();`);
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([{ v: 'diakui' }]);
  });
});
