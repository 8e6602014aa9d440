import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPgliteDir } from '../../api/core/db/lock';

/** The lock that keeps two processes from opening one embedded database folder. */
describe('PGlite folder lock', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
  });
  const folder = () => path.join(mkdtempSync(path.join(tmpdir(), 'simpul-lock-')), 'pglite');
  const holder = () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    return child;
  };
  const lockedBy = (dir: string, pid: number) => writeFileSync(`${dir}.lock`, JSON.stringify({ pid }));
  const owner = (dir: string) => JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).pid;

  it('refuses a folder a live process holds, in both languages', async () => {
    const dir = folder();
    lockedBy(dir, holder().pid!);
    await expect(lockPgliteDir(dir, 'test')).rejects.toThrow(
      /sedang dipakai proses \d+ .*Stop the server first, or use DATABASE_URL/,
    );
  });

  it('waits for a holder that is closing, then takes the folder (a restart right after a stop)', async () => {
    const dir = folder();
    const old = holder();
    lockedBy(dir, old.pid!);
    let waitingFor = 0;
    const taking = lockPgliteDir(dir, 'test', {
      waitMs: 60_000,
      onWait: (pid) => {
        waitingFor = pid;
      },
    });
    await expect.poll(() => waitingFor).toBe(old.pid);
    expect(owner(dir)).toBe(old.pid); // still the old process's while it lives
    old.kill('SIGTERM');
    const release = await taking;
    expect(owner(dir)).toBe(process.pid);
    release();
    await expect(lockPgliteDir(dir, 'test')).resolves.toBeTypeOf('function'); // released
  });

  it('takes over a lock left by a dead process or half written', async () => {
    const dir = folder();
    const dead = holder();
    const gone = new Promise((resolve) => dead.once('exit', resolve));
    dead.kill('SIGKILL');
    await gone;
    lockedBy(dir, dead.pid!);
    (await lockPgliteDir(dir, 'test'))();
    writeFileSync(`${dir}.lock`, '{"pid": 12');
    await lockPgliteDir(dir, 'test');
    expect(owner(dir)).toBe(process.pid);
  });
});
