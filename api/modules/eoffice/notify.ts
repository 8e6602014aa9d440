import type { Tx } from '../../core/db/client';
import type { Label } from '../../core/modules/types';
import { notify } from '../../core/notifications/notify';
import { holdersOf } from './org';

export const LETTER_TOPIC = 'eoffice.naskah';
export const letterPath = (id: string) => `/staf/eoffice/naskah/${id}`;

/**
 * Tells everyone holding these positions today (a Plt/Plh too): in-app, Web Push on their phone,
 * and e-mail if they asked. In the transaction of the change, so nobody hears of a rolled-back one.
 */
export async function notifyPositions(
  tx: Tx,
  regionId: string,
  today: string,
  positionIds: readonly string[],
  n: { title: Label; body?: string; letterId: string; urgent?: boolean },
) {
  const users = [...new Set((await holdersOf(tx, positionIds, today)).map((h) => h.user_id))];
  if (!users.length) return;
  await notify(tx, regionId, {
    topic: LETTER_TOPIC,
    title: n.title,
    body: n.body ? { id: n.body, en: n.body } : null,
    url: letterPath(n.letterId),
    to: { users },
    urgency: n.urgent ? 'high' : 'normal',
  });
}
