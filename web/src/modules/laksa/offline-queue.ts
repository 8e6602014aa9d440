import { createStore, del, get, set, values } from 'idb-keyval';
import { ApiError } from '../../core/api';
import { postReport, type ReportBody, uploadPhotos } from './citizen/api';

/**
 * Reports written without a connection (or whose sending failed on the network) wait in IndexedDB
 * and are sent later, exactly once:
 * - the draft's id is its `Idempotency-Key`, used unchanged on every retry (the API answers a
 *   replay with the first report, 200);
 * - uploaded photo ids are saved in the draft at once, so a retry does not upload them again;
 * - a draft is removed only after a 200/201; a 4xx other than 401/429 marks it failed with the
 *   API's message; anything else (offline, 5xx, 401, 429) leaves it queued;
 * - nothing is sent without a CSRF token (a session restored offline has none until the server
 *   answers again);
 * - all sending is serialised: one run at a time in this tab (a promise chain) and across tabs
 *   (Web Locks, where the browser has them).
 */

export type DraftFields = Omit<ReportBody, 'photoIds'>;
export interface DraftPhoto {
  name: string;
  type: string;
  blob: Blob;
}
export interface Draft {
  /** Also the Idempotency-Key. */
  id: string;
  /** Only this user's session sends it (shared phones). */
  userId: string;
  createdAt: string;
  fields: DraftFields;
  photos: DraftPhoto[];
  /** Set once the photos are uploaded. */
  photoIds: string[] | null;
  state: 'queued' | 'failed';
  /** Last problem, in both languages. */
  error: { id: string; en: string } | null;
  attempts: number;
}

export type Outcome =
  | { kind: 'sent'; draftId: string; ticket: string; replay: boolean }
  | { kind: 'queued'; draftId: string; reason: 'offline' | 'auth' | 'busy' | 'server' }
  | { kind: 'failed'; draftId: string; status: number; error: { id: string; en: string }; details: unknown };

export interface SendContext {
  userId: string;
  csrfToken: string | null;
}

const store = createStore('simpul-laksa', 'drafts');

type Listener = (event: { type: 'changed' } | { type: 'outcome'; outcome: Outcome }) => void;
const listeners = new Set<Listener>();
/** Outcomes of this page session, by draft id (the form reads its own after a run). */
const outcomes = new Map<string, Outcome>();

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: Parameters<Listener>[0]) {
  if (event.type === 'outcome') outcomes.set(event.outcome.draftId, event.outcome);
  for (const l of listeners) l(event);
}

export function outcomeOf(draftId: string): Outcome | undefined {
  return outcomes.get(draftId);
}

export async function listDrafts(userId: string): Promise<Draft[]> {
  try {
    const all = await values<Draft>(store);
    return all.filter((d) => d.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  } catch {
    return []; // IndexedDB unavailable (private mode on some browsers)
  }
}

export async function saveDraft(draft: Draft): Promise<void> {
  await set(draft.id, draft, store);
  outcomes.delete(draft.id);
  emit({ type: 'changed' });
}

export async function removeDraft(id: string): Promise<void> {
  await del(id, store);
  emit({ type: 'changed' });
}

export async function getDraft(id: string): Promise<Draft | undefined> {
  return get<Draft>(id, store);
}

/** A failed draft back to the queue (the user asked to try again). */
export async function requeueDraft(id: string): Promise<void> {
  const d = await get<Draft>(id, store);
  if (d) await saveDraft({ ...d, state: 'queued', error: null });
}

const fallbackError = (err: unknown) =>
  err instanceof ApiError && err.messages
    ? err.messages
    : { id: String((err as Error)?.message ?? err), en: String((err as Error)?.message ?? err) };

/** Sends one draft. Never throws: every result is an Outcome. */
async function sendDraft(draft: Draft, ctx: SendContext): Promise<Outcome> {
  let d = draft;
  try {
    if (d.photoIds === null) {
      const photoIds = d.photos.length > 0 ? await uploadPhotos(d.photos, ctx.csrfToken) : [];
      d = { ...d, photoIds };
      await set(d.id, d, store); // a retry must not upload again
    }
    const body: ReportBody = { ...d.fields, photoIds: d.photoIds ?? [] };
    const res = await postReport(body, d.id, ctx.csrfToken);
    await del(d.id, store);
    return { kind: 'sent', draftId: d.id, ticket: res.ticket, replay: res.replay };
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    const error = fallbackError(err);
    if (status >= 400 && status < 500 && status !== 401 && status !== 429 && status !== 408) {
      await set(d.id, { ...d, state: 'failed', error, attempts: d.attempts + 1 }, store);
      return {
        kind: 'failed',
        draftId: d.id,
        status,
        error,
        details: err instanceof ApiError ? err.details : null,
      };
    }
    await set(
      d.id,
      { ...d, state: 'queued', error: status === 0 ? null : error, attempts: d.attempts + 1 },
      store,
    );
    const reason = status === 0 ? 'offline' : status === 401 ? 'auth' : status === 429 ? 'busy' : 'server';
    return { kind: 'queued', draftId: d.id, reason };
  }
}

/** Runs `work` under a cross-tab lock when the browser has Web Locks. */
function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request('simpul-laksa-queue', work) as Promise<T>) : work();
}

async function runOnce(ctx: SendContext): Promise<Outcome[]> {
  const queued = (await listDrafts(ctx.userId)).filter((d) => d.state === 'queued');
  if (queued.length === 0) return [];
  const results: Outcome[] = [];
  for (const draft of queued) {
    // Re-read under the lock: another tab may have sent it meanwhile.
    const current = await get<Draft>(draft.id, store);
    if (current?.state !== 'queued') continue;
    // Offline, or a session restored offline (no CSRF token yet): writes wait.
    if (!navigator.onLine || !ctx.csrfToken) {
      results.push({ kind: 'queued', draftId: current.id, reason: 'offline' });
      continue;
    }
    const outcome = await sendDraft(current, ctx);
    results.push(outcome);
    emit({ type: 'outcome', outcome });
    emit({ type: 'changed' });
    // Offline or signed out: the rest would fail the same way.
    if (outcome.kind === 'queued' && (outcome.reason === 'offline' || outcome.reason === 'auth')) break;
  }
  return results;
}

let tail: Promise<unknown> = Promise.resolve();
let pending: Promise<Outcome[]> | null = null;

/**
 * Sends this user's queued drafts. Calls while a run waits to start share that run; a call during
 * a run schedules one more after it (so a draft saved meanwhile is not missed).
 */
export function flushQueue(ctx: SendContext): Promise<Outcome[]> {
  if (pending) return pending;
  const run = tail
    .then(() => {
      pending = null;
      return withLock(() => runOnce(ctx));
    })
    .catch(() => [] as Outcome[]);
  pending = run;
  tail = run;
  return run;
}

/** Any queued drafts of this user (cheap check for timers). */
export async function hasQueued(userId: string): Promise<boolean> {
  return (await listDrafts(userId)).some((d) => d.state === 'queued');
}

/**
 * App start (the citizen shell, lazily): sends this user's queued drafts if the phone is online
 * and the session is live, without waiting for a LAKSA page to be opened.
 */
export async function startQueue(ctx: SendContext): Promise<Outcome[]> {
  if (!navigator.onLine || !ctx.csrfToken || !(await hasQueued(ctx.userId))) return [];
  return flushQueue(ctx);
}
