import type { Tx } from './client';

// region-safe: keyed by a transaction object, which lives for one transaction of one region.
const hooks = new WeakMap<object, (() => void)[]>();

/**
 * Runs `fn` once `tx` has committed, never if it rolls back: the place to drop an in-memory copy
 * of what the transaction changed. Dropped before the commit, the copy could be read again, by
 * another request, from the data the change had not yet replaced. A transaction not opened by
 * `inRegion` or `asPlatform` (none in request code) runs it at once.
 */
export function afterCommit(tx: Tx, fn: () => void): void {
  const list = hooks.get(tx);
  if (list) list.push(fn);
  else fn();
}

/** Gives `work` its transaction with `afterCommit` tracking; the caller runs `commit` after COMMIT. */
export function trackCommit(tx: object): { commit(): void } {
  const list: (() => void)[] = [];
  hooks.set(tx, list);
  return {
    commit() {
      for (const fn of list.splice(0)) fn();
    },
  };
}
