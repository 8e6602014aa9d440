import type { Label } from '../modules/types';

/** A domain event as stored in the `event` table. */
export type StoredEvent = {
  id: number;
  regionId: string;
  type: string;
  module: string;
  actorId: string | null;
  actorName: string | null;
  subject: string | null;
  summary: Label;
  data: Record<string, unknown>;
  permission: string;
  createdAt: Date;
};

export type NewEvent = {
  /** `module.entity.past-tense`, e.g. `core.module.enabled`. */
  type: string;
  summary: Label;
  subject?: string | null;
  data?: Record<string, unknown>;
  /**
   * Who may see it on the live stream. Defaults to `core:audit.read` (admins); use
   * `core:live.watch` for what the LIVE Room wall shows. Keep personal data out of wall events.
   */
  permission?: string;
  actor?: { id: string; name: string } | null;
};

/** Channel every process LISTENs on; the payload is the new event's region and id. */
export const EVENTS_CHANNEL = 'simpul_events';
