import type { ApplicationState } from '../../../../shared/modules/perizinan';
import { useLang } from '../../core/i18n';
import { useFormat } from '../../core/useFormat';
import type { ApplicationView } from './api';
import { actionLabels, stateLabels } from './labels';

const tone: Partial<Record<ApplicationState, string>> = {
  issued: 'ok',
  returned: 'warn',
  payment: 'warn',
  rejected: 'bad',
  revoked: 'bad',
  suspended: 'warn',
  withdrawn: 'muted',
  draft: 'muted',
};

export function StateBadge({ state }: { state: ApplicationState }) {
  const { pick } = useLang();
  return (
    <span
      className={`izin-state izin-state-${tone[state] ?? 'run'}`}
      data-testid="izin-state"
      data-state={state}
    >
      {pick(stateLabels[state])}
    </span>
  );
}

/** Every step so far, oldest first: when, what, who, and the note. */
export function History({ history }: { history: ApplicationView['history'] }) {
  const { t, pick } = useLang();
  const f = useFormat();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="izin-history-title">
      <h2 id="izin-history-title">{t('izin.history')}</h2>
      <ol className="izin-history" data-testid="izin-history">
        {history.map((h) => (
          <li key={`${h.at}-${h.action}-${h.toState}`}>
            <span className="izin-history-state">
              {actionLabels[h.action] ? `${pick(actionLabels[h.action]!)} → ` : ''}
              {pick(stateLabels[h.toState])}
            </span>
            <span className="muted izin-small">
              {f.dateTime(h.at)}
              {h.actorName ? ` · ${h.actorName}` : ''}
            </span>
            {h.note ? <span className="izin-history-note">{h.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
