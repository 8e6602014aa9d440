import { sql } from 'drizzle-orm';
import type { Database, Tx } from './client';
import { platformAudit } from './schema';
import { APP_ROLE, PLATFORM_ROLE } from './tenancy';

export type RegionScope = { regionId: string; userId?: string | null };

/**
 * Runs `work` in one transaction as the non-owner app role with the region set, so row-level
 * security confines every statement to that region. This is how all request work reaches the
 * database: a write is whole or not at all.
 */
export function inRegion<T>(
  database: Database,
  scope: RegionScope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.run(() =>
    database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('role', ${APP_ROLE}, true), set_config('app.region_id', ${scope.regionId}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`,
      );
      return work(tx as Tx);
    }),
  );
}

export type PlatformReason = { actor: string; action: string; reason: string; regionId?: string | null };

/**
 * The one explicit path across regions (onboarding, platform admin views, background workers
 * that fan out over regions). Every use is written to `platform_audit` in the same transaction.
 */
export function asPlatform<T>(
  database: Database,
  why: PlatformReason,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.run(() =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${PLATFORM_ROLE}, true)`);
      await tx.insert(platformAudit).values({
        actor: why.actor,
        action: why.action,
        reason: why.reason,
        regionId: why.regionId ?? null,
      });
      return work(tx as Tx);
    }),
  );
}
