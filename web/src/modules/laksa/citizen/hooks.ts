import { useCallback, useEffect, useRef, useState } from 'react';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { useToast } from '../../../core/ui';
import { type Draft, flushQueue, hasQueued, listDrafts, type SendContext, subscribe } from '../offline-queue';

/** Who sends queued drafts now (null when signed out). */
export function useSendContext(): SendContext | null {
  const { me } = useSession();
  return me ? { userId: me.user.id, csrfToken: me.csrfToken } : null;
}

/** Drafts the form is showing the outcome of itself: the background runner stays quiet about them. */
export const formDrafts = new Set<string>();

/**
 * Mounted once by the LAKSA page: sends queued drafts when the page opens, when the browser comes
 * back online, when the tab becomes visible again, and every minute while some are waiting.
 */
export function useQueueRunner() {
  const { t } = useLang();
  const toast = useToast();
  const ctx = useSendContext();
  const userId = ctx?.userId ?? null;
  const csrf = ctx?.csrfToken ?? null;

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== 'outcome' || formDrafts.has(e.outcome.draftId)) return;
        if (e.outcome.kind === 'sent') toast(t('laksaCitizen.queue.sentToast', { ticket: e.outcome.ticket }));
        if (e.outcome.kind === 'failed') toast(t('laksaCitizen.queue.failedToast'), 'error');
      }),
    [t, toast],
  );

  useEffect(() => {
    if (!userId) return;
    const ctx = { userId, csrfToken: csrf };
    const run = () => {
      if (navigator.onLine) void flushQueue(ctx);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') run();
    };
    run();
    window.addEventListener('online', run);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(() => {
      void hasQueued(userId).then((any) => any && run());
    }, 60_000);
    return () => {
      window.removeEventListener('online', run);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [userId, csrf]);
}

/** This user's drafts in IndexedDB, kept current, plus "send now". */
export function useDrafts() {
  const ctx = useSendContext();
  const userId = ctx?.userId ?? null;
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [sending, setSending] = useState(false);

  const load = useCallback(async () => {
    setDrafts(userId ? await listDrafts(userId) : []);
  }, [userId]);

  useEffect(() => {
    void load();
    return subscribe((e) => {
      if (e.type === 'changed') void load();
    });
  }, [load]);

  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const sendNow = useCallback(async () => {
    const c = ctxRef.current;
    if (!c) return [];
    setSending(true);
    try {
      return await flushQueue(c);
    } finally {
      setSending(false);
      void load();
    }
  }, [load]);

  return { drafts, sending, sendNow, reload: load };
}

/** Calls `fn` every `ms` while the page is visible, and when the window regains focus. */
export function useVisiblePolling(fn: () => void, ms: number) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') ref.current();
    };
    const timer = window.setInterval(tick, ms);
    const onFocus = () => ref.current();
    const onVisible = () => {
      if (document.visibilityState === 'visible') ref.current();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms]);
}
