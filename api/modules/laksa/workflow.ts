import type { ReportAction, ReportStatus } from '../../../shared/modules/laksa';

/**
 * The LAKSA state machine as data: from which states an action may move a report, to where, who
 * may do it and what it needs. Everything else (routes, UI buttons via `allowedActions`) reads this.
 *
 * Capacities: `operator` (laksa:verify), `opd` (laksa:handle, officer of an OPD the report is
 * dispositioned to), `reporter` (the citizen who filed it).
 */
export type Capacity = 'operator' | 'opd' | 'reporter';
type Need = 'note' | 'opdIds' | 'redirect';

type Transition = {
  from: readonly ReportStatus[];
  to: ReportStatus | 'paused-from';
  by: readonly Capacity[];
  needs: readonly Need[];
};

export const transitions: Record<ReportAction, Transition> = {
  verify: { from: ['menunggu_verifikasi'], to: 'terverifikasi', by: ['operator'], needs: [] },
  reject: {
    from: ['menunggu_verifikasi', 'terverifikasi', 'ditinjau_ulang'],
    to: 'ditolak',
    by: ['operator'],
    needs: ['note'],
  },
  dispose: {
    from: ['terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang'],
    to: 'didisposisikan',
    by: ['operator'],
    needs: ['opdIds'],
  },
  redirect: {
    from: ['menunggu_verifikasi', 'terverifikasi', 'didisposisikan', 'diproses'],
    to: 'dialihkan',
    by: ['operator', 'opd'],
    needs: ['redirect'],
  },
  start: { from: ['didisposisikan', 'ditinjau_ulang'], to: 'diproses', by: ['opd'], needs: [] },
  return: { from: ['didisposisikan', 'diproses'], to: 'terverifikasi', by: ['opd'], needs: ['note'] },
  reroute: {
    from: ['didisposisikan', 'diproses'],
    to: 'didisposisikan',
    by: ['opd'],
    needs: ['note', 'opdIds'],
  },
  resolve: {
    from: ['didisposisikan', 'diproses', 'ditinjau_ulang'],
    to: 'selesai',
    by: ['opd'],
    needs: ['note'],
  },
  defer: {
    from: ['terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang'],
    to: 'ditunda',
    by: ['operator', 'opd'],
    needs: ['note'],
  },
  resume: { from: ['ditunda'], to: 'paused-from', by: ['operator', 'opd'], needs: [] },
  reopen: { from: ['selesai'], to: 'ditinjau_ulang', by: ['reporter'], needs: ['note'] },
};

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
  | { ok: false; reason: 'forbidden' | 'illegal' | 'missing'; missing?: Need };

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
