import type { Config } from '../../config';
import type { Database } from '../db/client';
import { asPlatform } from '../db/scope';
import { generateVapidKeys, type VapidKeys } from './push-sender';
import { pushVapid } from './schema';

/**
 * The deployment's VAPID keys: from the environment when set, else one pair made on the first
 * start and kept in the database, so every process (and every restart) signs with the same key
 * — a browser's subscription is bound to the public key it was made with.
 */
export async function loadVapidKeys(database: Database, config: Config): Promise<VapidKeys> {
  if (config.push.vapid) return config.push.vapid;
  return asPlatform(
    database,
    { actor: 'system', action: 'notifications.vapid', reason: 'read the deployment Web Push key' },
    async (tx) => {
      // Made only when missing (the first start): web-push then loads, not on every start.
      let [row] = await tx.select().from(pushVapid);
      if (row) return { publicKey: row.publicKey, privateKey: row.privateKey };
      await tx
        .insert(pushVapid)
        .values({ id: 1, ...(await generateVapidKeys()) })
        .onConflictDoNothing();
      [row] = await tx.select().from(pushVapid);
      if (!row) throw new Error('VAPID keys missing');
      return { publicKey: row.publicKey, privateKey: row.privateKey };
    },
  );
}
