import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterCommit } from '../../api/core/db/after-commit';
import type { Tx } from '../../api/core/db/client';
import { opd } from '../../api/core/db/schema';
import { asPlatform, inRegion } from '../../api/core/db/scope';
import { createRegion, createTestApp, type TestApp, type TestRegion } from '../support/app';

/**
 * In-memory copies are dropped by `afterCommit` hooks: they must run only once the change is
 * visible to every other transaction, and never for a change that was rolled back.
 */
describe('afterCommit', () => {
  let t: TestApp;
  let region: TestRegion;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
  });
  afterAll(() => t.close());

  /** What another transaction of the region sees of the OPD `code`, read as the hook runs. */
  const seenFromOutside = (code: string) =>
    inRegion(t.database, { regionId: region.id }, (tx) => tx.select().from(opd).where(eq(opd.code, code)));
  const addOpd = (tx: Tx, code: string) =>
    tx.insert(opd).values({ regionId: region.id, code, name: `Dinas ${code}`, shortName: code });

  it('runs after the commit of inRegion, when another transaction already sees the change', async () => {
    const order: string[] = [];
    let seen: Promise<unknown[]> | undefined;
    await inRegion(t.database, { regionId: region.id }, async (tx) => {
      await addOpd(tx, 'AC1');
      afterCommit(tx, () => {
        order.push('hook');
        seen = seenFromOutside('AC1');
      });
      order.push('work done');
    });
    order.push('returned');
    expect(order).toEqual(['work done', 'hook', 'returned']);
    expect(await seen).toHaveLength(1);
  });

  it('runs after the commit of asPlatform too', async () => {
    let seen: Promise<unknown[]> | undefined;
    await asPlatform(t.database, { actor: 'test', action: 'test.opd', reason: 'afterCommit' }, async (tx) => {
      await addOpd(tx, 'AC2');
      afterCommit(tx, () => {
        seen = seenFromOutside('AC2');
      });
    });
    expect(await seen).toHaveLength(1);
  });

  it('never runs for a transaction that rolls back', async () => {
    let ran = false;
    await expect(
      inRegion(t.database, { regionId: region.id }, async (tx) => {
        await addOpd(tx, 'AC3');
        afterCommit(tx, () => {
          ran = true;
        });
        throw new Error('refused after the write');
      }),
    ).rejects.toThrow('refused after the write');
    expect(ran).toBe(false);
    expect(await seenFromOutside('AC3')).toHaveLength(0);
  });
});
