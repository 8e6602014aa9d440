import type { Tx } from '../db/client';

/**
 * Runs work in one region-scoped transaction (a request's `inRegion`). Use cases that must keep
 * a record of a failed attempt (failed sign-ins, wrong codes) take this instead of one `tx`:
 * the failure is committed in its own transaction before the error is thrown, and slow
 * password hashing runs outside any transaction.
 */
export type RunInRegion = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export type Delivery = { channel: 'sms' | 'email'; to: string; code: string };
