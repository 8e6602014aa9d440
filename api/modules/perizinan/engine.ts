import { eq } from 'drizzle-orm';
import {
  type Action,
  type ApplicationState,
  type ReviewStep,
  stateLabels,
  type TypeDefinition,
  WORKFLOW,
} from '../../../shared/modules/perizinan';
import type { WorkingCalendar } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { conflict, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { typeVersion } from './catalogue';
import { izinApplication, izinHistory } from './schema';
import { isAssigned } from './steps';

export type Actor = { id: string; name: string };
export type ApplicationRow = typeof izinApplication.$inferSelect;
export type Loaded = { app: ApplicationRow; def: TypeDefinition; typeCode: string; ownerOpdId: string };

export const applicationNotFound = () =>
  notFound({ id: 'Permohonan tidak ditemukan.', en: 'Application not found.' });

/** An application with the type version it was filed under, locked for the change about to be made. */
export async function loadForUpdate(tx: Tx, id: string): Promise<Loaded> {
  const [app] = await tx.select().from(izinApplication).where(eq(izinApplication.id, id)).for('update');
  if (!app) throw applicationNotFound();
  const t = await typeVersion(tx, app.typeId, app.typeVersion);
  return { app, def: t.definition, typeCode: t.code, ownerOpdId: t.opdId };
}

/** The OPD whose staff act on an application in a state (the technical team's, or the owner's). */
export function opdForState(
  l: Loaded,
  state: ApplicationState,
  technicalOpdId: string | null,
): string | null {
  if (state === 'technical') return technicalOpdId;
  return ['submitted', 'payment', 'approval', 'signing'].includes(state) ? l.ownerOpdId : null;
}

/**
 * Checks an action against the workflow (WORKFLOW in shared/modules/perizinan.ts): the state must
 * allow it and the actor must be the applicant or assigned to the acting step for the OPD that
 * holds the application. Returns the step the actor acted as.
 */
export async function authorise(
  tx: Tx,
  l: Loaded,
  action: Action,
  actor: Actor,
): Promise<{ by: 'applicant' | ReviewStep; to: ApplicationState | 'next' | 'back' }> {
  const rules = WORKFLOW.filter((w) => w.action === action && w.from.includes(l.app.state));
  if (rules.length === 0)
    throw conflict(
      {
        id: `Tindakan ini tidak bisa dilakukan saat permohonan berstatus "${stateLabels[l.app.state].id}".`,
        en: `This action is not possible while the application is "${stateLabels[l.app.state].en}".`,
      },
      { state: l.app.state, action },
    );
  for (const rule of rules) {
    if (rule.by === 'applicant') {
      if (l.app.applicantId === actor.id) return rule;
      continue;
    }
    const opdId = rule.by === 'technical' ? l.app.stepOpdId : l.ownerOpdId;
    if (await isAssigned(tx, actor.id, rule.by, opdId)) return rule;
  }
  // Not theirs to act on: 404, as for a record they may not see.
  throw applicationNotFound();
}

/** Moves an application, writes its history and emits the event the LIVE Room and audit log read. */
export async function move(
  tx: Tx,
  l: Loaded,
  input: {
    action: Action;
    to: ApplicationState;
    actor: Actor | null;
    note?: string | null;
    set?: Partial<ApplicationRow>;
    technicalOpdId?: string | null;
    livePermission?: boolean;
  },
) {
  const stepOpdId = opdForState(l, input.to, input.technicalOpdId ?? null);
  const [after] = await tx
    .update(izinApplication)
    .set({ ...input.set, state: input.to, stepOpdId, updatedAt: new Date() })
    .where(eq(izinApplication.id, l.app.id))
    .returning();
  if (!after) throw applicationNotFound();
  await tx.insert(izinHistory).values({
    regionId: l.app.regionId,
    applicationId: l.app.id,
    action: input.action,
    fromState: l.app.state,
    toState: input.to,
    actorId: input.actor?.id ?? null,
    actorName: input.actor?.name ?? null,
    note: input.note ?? null,
  });
  await emitEvent(tx, l.app.regionId, {
    type: `perizinan.application.${eventName[input.action]}`,
    actor: input.actor,
    summary: {
      id: `${l.def.name.id}: ${stateLabels[input.to].id}`,
      en: `${l.def.name.en}: ${stateLabels[input.to].en}`,
    },
    subject: l.app.id,
    // No personal data on the wall: the type, the OPD and the state.
    data: { applicationId: l.app.id, typeCode: l.typeCode, opdId: l.ownerOpdId, state: input.to },
    permission: 'core:live.watch',
  });
  return after;
}

export const eventName: Record<Action, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  check: 'checked',
  resubmit: 'resubmitted',
  review: 'reviewed',
  pay: 'paid',
  approve: 'approved',
  sign: 'issued',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'reinstated',
  revoke: 'revoked',
};

/** The state after "berkas lengkap dan benar" or a technical recommendation: fees first, then approval. */
export function nextState(def: TypeDefinition, after: 'complete' | 'technical'): ApplicationState {
  if (after === 'complete' && def.technicalReview) return 'technical';
  return def.fee.kind === 'none' ? 'approval' : 'payment';
}

/** SLA: the clock starts at completeness (counted in working days of the region's calendar). */
export const startClock = (calendar: WorkingCalendar, def: TypeDefinition, now: Date) => ({
  completeAt: now,
  dueAt: calendar.dueAfter(now, def.slaDays),
});

/** SLA: returned to the applicant while the clock runs: it stops. */
export const pauseClock = (app: ApplicationRow, now: Date) =>
  app.completeAt && !app.pausedAt ? { pausedAt: now } : {};

/** SLA: back from the applicant: the due date moves out by the working days the file was away. */
export function resumeClock(calendar: WorkingCalendar, app: ApplicationRow, now: Date) {
  if (!app.pausedAt || !app.dueAt) return { pausedAt: null };
  return { pausedAt: null, dueAt: calendar.extendForPause(app.dueAt, app.pausedAt, now) };
}
