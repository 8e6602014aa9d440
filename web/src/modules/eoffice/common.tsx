import { useId, useMemo, useState } from 'react';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { BASE, byOpd, type MyPosition, type PositionView } from './api';
import { confidentialityLabels, kindLabels, statusLabels, urgencyLabels } from './labels';

/** The positions the signed-in person holds today (with what is open at each). */
export function useMyPositions() {
  return useApi<MyPosition[]>(`${BASE}/me/positions`);
}

/** Every active position of the region (or of one OPD), for the pickers. */
export function usePositions(opdCode?: string | null) {
  return useApi<PositionView[]>(
    `${BASE}/positions${opdCode ? `?opdCode=${encodeURIComponent(opdCode)}` : ''}`,
  );
}

export function UrgencyBadge({ urgency }: { urgency: keyof typeof urgencyLabels }) {
  const { pick } = useLang();
  if (urgency === 'biasa') return null;
  return (
    <span
      className={`eo-badge eo-badge-${urgency === 'sangat_segera' ? 'bad' : 'warn'}`}
      data-testid="eo-urgency"
    >
      {pick(urgencyLabels[urgency])}
    </span>
  );
}

export function ConfidentialityBadge({ value }: { value: keyof typeof confidentialityLabels }) {
  const { pick } = useLang();
  if (value === 'biasa') return null;
  return (
    <span className="eo-badge eo-badge-secret" data-testid="eo-confidential">
      {pick(confidentialityLabels[value])}
    </span>
  );
}

export function StatusBadge({ status }: { status: keyof typeof statusLabels }) {
  const { pick } = useLang();
  const tone = status === 'signed' || status === 'registered' ? 'ok' : status === 'returned' ? 'warn' : 'run';
  return (
    <span className={`eo-badge eo-badge-${tone}`} data-testid="eo-status" data-status={status}>
      {pick(statusLabels[status])}
    </span>
  );
}

/** "Plt" / "Plh" after a name; nothing for a definitive holder. */
export function KindTag({ kind }: { kind: keyof typeof kindLabels | null }) {
  const { pick } = useLang();
  if (!kind || kind === 'definitif') return null;
  return <span className="eo-badge eo-badge-kind">{pick(kindLabels[kind])}</span>;
}

/** Who holds a position today, in one line. */
export function holdersText(p: PositionView, vacant: string): string {
  if (p.holders.length === 0) return vacant;
  return p.holders
    .map((h) => (h.kind === 'definitif' ? h.name : `${h.name} (${h.kind === 'plt' ? 'Plt' : 'Plh'})`))
    .join(', ');
}

/** One position from a list grouped by OPD (a native select: fine on a phone). */
export function PositionSelect({
  id,
  positions,
  value,
  onChange,
  placeholder,
  testId,
}: {
  id: string;
  positions: PositionView[];
  value: string;
  onChange: (id: string) => void;
  placeholder: string;
  testId?: string;
}) {
  const groups = useMemo(() => byOpd(positions.filter((p) => p.active)), [positions]);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{placeholder}</option>
      {groups.map((g) => (
        <optgroup key={g.opdCode} label={g.opdName}>
          {g.positions.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/**
 * Several positions (to, cc, reviewers): the chosen ones as removable chips, then a search over
 * the positions grouped by OPD with a checkbox each. `ordered` keeps the order of choosing.
 */
export function PositionPicker({
  label,
  positions,
  value,
  onChange,
  testId,
  hint,
}: {
  label: string;
  positions: PositionView[];
  value: string[];
  onChange: (ids: string[]) => void;
  testId: string;
  hint?: string;
}) {
  const { t } = useLang();
  const uid = useId().replace(/:/g, '');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const byId = useMemo(() => new Map(positions.map((p) => [p.id, p])), [positions]);
  const needle = q.trim().toLowerCase();
  const groups = useMemo(
    () =>
      byOpd(
        positions.filter(
          (p) =>
            p.active &&
            (!needle ||
              p.title.toLowerCase().includes(needle) ||
              p.opdName.toLowerCase().includes(needle) ||
              p.holders.some((h) => h.name.toLowerCase().includes(needle))),
        ),
      ),
    [positions, needle],
  );
  const toggle = (id: string) =>
    onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset className="eo-picker" data-testid={testId}>
      <legend>{label}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {value.length ? (
        <ul className="eo-chips" aria-label={t('eoffice.picker.chosen')}>
          {value.map((id, i) => {
            const p = byId.get(id);
            return (
              <li key={id} className="eo-chip" data-testid="eo-chip">
                <span>
                  {value.length > 1 && testId.endsWith('reviewers') ? `${i + 1}. ` : ''}
                  {p ? `${p.title} · ${p.opdName}` : id}
                </span>
                <button
                  type="button"
                  onClick={() => toggle(id)}
                  aria-label={t('eoffice.picker.remove', { name: p?.title ?? id })}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted eo-small">{t('eoffice.picker.none')}</p>
      )}
      {open ? (
        <div className="eo-picker-panel">
          <label htmlFor={`${uid}-q`} className="sr-only">
            {t('eoffice.picker.search')}
          </label>
          <input
            id={`${uid}-q`}
            type="search"
            value={q}
            placeholder={t('eoffice.picker.search')}
            onChange={(e) => setQ(e.target.value)}
            data-testid={`${testId}-search`}
          />
          <div className="eo-picker-list">
            {groups.map((g) => (
              <fieldset key={g.opdCode} className="eo-picker-group">
                <legend className="eo-picker-opd">{g.opdName}</legend>
                {g.positions.map((p) => (
                  <label key={p.id} className="eo-picker-item" data-title={p.title} data-testid="eo-pick">
                    <input type="checkbox" checked={value.includes(p.id)} onChange={() => toggle(p.id)} />
                    <span>
                      {p.title}
                      <span className="muted eo-small eo-block">{holdersText(p, t('eoffice.vacant'))}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
            {groups.length === 0 ? <p className="muted">{t('eoffice.picker.noMatch')}</p> : null}
          </div>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen(false)}>
            {t('eoffice.picker.done')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setOpen(true)}
          data-testid={`${testId}-open`}
        >
          {t('eoffice.picker.choose')}
        </button>
      )}
    </fieldset>
  );
}
