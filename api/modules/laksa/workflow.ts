import {
  type ActionNeed,
  type Capacity,
  type ReportAction,
  type ReportStatus,
  transitions,
} from '../../../shared/modules/laksa';

/** The state machine itself is data in shared/modules/laksa.ts (`transitions`); this file applies it. */
export { type Capacity, transitions };

/** Past tense for the event type: `laksa.report.<past>`. */
export const actionEvent: Record<ReportAction, string> = {
  verify: 'verified',
  reject: 'rejected',
  dispose: 'disposed',
  redirect: 'redirected',
  start: 'started',
  return: 'returned',
  reroute: 'rerouted',
  resolve: 'resolved',
  defer: 'deferred',
  resume: 'resumed',
  reopen: 'reopened',
};

export type TransitionCheck =
  | { ok: true; to: ReportStatus }
  | { ok: false; reason: 'forbidden' | 'illegal' | 'missing'; missing?: ActionNeed };

/** Whether `capacities` may apply `action` to a report in `status` with the given input. */
export function checkTransition(
  action: ReportAction,
  status: ReportStatus,
  capacities: ReadonlySet<Capacity>,
  input: { note?: string; opdIds?: string[]; redirectTarget?: string; redirectReference?: string },
  pausedFrom: ReportStatus | null,
): TransitionCheck {
  const t = transitions[action];
  if (!t.by.some((c) => capacities.has(c))) return { ok: false, reason: 'forbidden' };
  if (!t.from.includes(status)) return { ok: false, reason: 'illegal' };
  for (const need of t.needs) {
    const present =
      need === 'note'
        ? !!input.note
        : need === 'opdIds'
          ? !!input.opdIds?.length
          : !!(input.redirectTarget && input.redirectReference);
    if (!present) return { ok: false, reason: 'missing', missing: need };
  }
  const to = t.to === 'paused-from' ? (pausedFrom ?? 'terverifikasi') : t.to;
  return { ok: true, to };
}

/** Actions available to these capacities in this state (for the UI's buttons). */
export function allowedActions(status: ReportStatus, capacities: ReadonlySet<Capacity>): ReportAction[] {
  return (Object.keys(transitions) as ReportAction[]).filter((a) => {
    const t = transitions[a];
    return t.from.includes(status) && t.by.some((c) => capacities.has(c));
  });
}
