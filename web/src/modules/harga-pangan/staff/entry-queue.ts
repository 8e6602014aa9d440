import { createStore, del, set, values } from 'idb-keyval';
import type { EntryInput } from '../../../../../shared/modules/harga-pangan';
import { ApiError, apiUrl } from '../../../core/api';
import { currentLang } from '../../../core/i18n';
import { BASE } from '../api';

/**
 * Price entries saved without a connection wait in IndexedDB and are sent later, exactly once —
 * the approach of LAKSA's offline queue: the draft's id is its `Idempotency-Key` (a replay answers
 * the first result), it carries `recordedAt` (an older copy never overwrites a newer entry on the
 * server), it is removed only after a 2xx, a 4xx other than 401/408/429 marks it failed with the
 * API's message, and nothing is sent without a CSRF token. Runs are serialised in the tab.
 */
export interface EntryDraft {
  id: string;
  userId: string;
  body: EntryInput;
  state: 'queued' | 'failed';
  error: { id: string; en: string } | null;
}

const store = createStore('simpul-harga-pangan', 'entries');

export async function listEntryDrafts(userId: string): Promise<EntryDraft[]> {
  try {
    return (await values<EntryDraft>(store)).filter((d) => d.userId === userId);
  } catch {
    return [];
  }
}

export const discardEntryDraft = (id: string) => del(id, store);

type Sent = { kind: 'sent'; saved: number } | { kind: 'queued' } | { kind: 'failed'; error: ApiError };

async function send(d: EntryDraft, csrf: string | null): Promise<Sent> {
  if (!navigator.onLine || !csrf) return { kind: 'queued' };
  try {
    const res = await postEntry(d, csrf);
    await del(d.id, store);
    return { kind: 'sent', saved: res.saved };
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    if (status >= 400 && status < 500 && ![401, 408, 429].includes(status)) {
      await set(d.id, { ...d, state: 'failed', error: (err as ApiError).messages }, store);
      return { kind: 'failed', error: err as ApiError };
    }
    return { kind: 'queued' };
  }
}

/** Saves the entry as a draft first (so nothing is lost), then tries to send it at once. */
export async function submitEntry(userId: string, body: EntryInput, csrf: string | null): Promise<Sent> {
  const draft: EntryDraft = { id: crypto.randomUUID(), userId, body, state: 'queued', error: null };
  try {
    await set(draft.id, draft, store);
  } catch {
    /* no IndexedDB (private mode): send directly */
  }
  return enqueue(() => send(draft, csrf));
}

let tail: Promise<unknown> = Promise.resolve();
function enqueue<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}

/** Sends this user's queued drafts (on reconnect, on opening the screen). Returns how many went out. */
export function flushEntries(userId: string, csrf: string | null): Promise<number> {
  return enqueue(async () => {
    let sent = 0;
    for (const d of await listEntryDrafts(userId)) {
      if (d.state !== 'queued') continue;
      const r = await send(d, csrf);
      if (r.kind === 'sent') sent++;
      if (r.kind === 'queued') break;
    }
    return sent;
  });
}

/** POST /entry with the draft's id as Idempotency-Key (core `api()` sends no custom headers). */
async function postEntry(d: EntryDraft, csrf: string): Promise<{ saved: number }> {
  let res: Response;
  try {
    res = await fetch(apiUrl(`${BASE}/entry`), {
      method: 'POST',
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLang(),
        'Content-Type': 'application/json',
        'Idempotency-Key': d.id,
        'x-csrf-token': csrf,
      },
      body: JSON.stringify(d.body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'offline' });
  }
  const json = (await res.json().catch(() => null)) as {
    saved?: number;
    error?: { code: string; message: string };
  } | null;
  if (!res.ok)
    throw new ApiError(res.status, json?.error ?? { code: `HTTP_${res.status}`, message: res.statusText });
  return { saved: json?.saved ?? 0 };
}
