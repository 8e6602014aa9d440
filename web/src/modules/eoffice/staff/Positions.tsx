import '../strings';
import { useEffect, useId, useState } from 'react';
import { assignmentKinds, type PositionInput, positionLevels } from '../../../../../shared/modules/eoffice';
import { api, errorMessage } from '../../../core/api';
import { todayIn } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { Alert, Button, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type Assignment, BASE, type Opd, type PositionView } from '../api';
import { KindTag, usePositions } from '../common';
import { kindLabels, levelLabels } from '../labels';

/** Admin: the positions of an OPD as a tree with their holders; add or edit a position, assign or end a holder. */
export default function Positions() {
  const { t } = useLang();
  const uid = useId().replace(/:/g, '');
  const opds = useApi<Opd[]>('/admin/opd');
  const [opdCode, setOpdCode] = useState('');
  useEffect(() => {
    if (!opdCode && opds.data?.[0]) setOpdCode(opds.data[0].code);
  }, [opds.data, opdCode]);
  const positions = usePositions(opdCode || null);
  const [adding, setAdding] = useState(false);
  const list = positions.data ?? [];
  const ids = new Set(list.map((p) => p.id));
  const roots = list.filter((p) => !p.parentId || !ids.has(p.parentId));
  return (
    <div className="eo-positions" data-testid="eo-positions">
      <div className="eo-grid">
        <div className="field">
          <label htmlFor={`${uid}-opd`}>{t('eoffice.archive.opd')}</label>
          <select
            id={`${uid}-opd`}
            value={opdCode}
            onChange={(e) => setOpdCode(e.target.value)}
            data-testid="eo-pos-opd"
          >
            {(opds.data ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="eo-actions eo-grid-end">
          <Button variant="secondary" onClick={() => setAdding((x) => !x)} data-testid="eo-pos-add-open">
            {t('eoffice.positions.add')}
          </Button>
        </div>
      </div>
      {opds.error ? <Alert>{opds.error}</Alert> : null}
      {positions.error ? <Alert>{positions.error}</Alert> : null}
      {adding && opdCode ? (
        <PositionForm
          opdCode={opdCode}
          positions={list}
          onDone={() => {
            setAdding(false);
            positions.reload();
          }}
        />
      ) : null}
      {positions.loading && !positions.data ? <Spinner label={t('eoffice.loading')} /> : null}
      {positions.data && list.length === 0 ? (
        <p className="eo-empty">{t('eoffice.positions.empty')}</p>
      ) : null}
      <Tree nodes={roots} all={list} reload={positions.reload} />
    </div>
  );
}

function Tree({ nodes, all, reload }: { nodes: PositionView[]; all: PositionView[]; reload: () => void }) {
  if (nodes.length === 0) return null;
  return (
    <ul className="eo-tree eo-pos-tree">
      {nodes.map((p) => (
        <li key={p.id}>
          <PositionNode p={p} all={all} reload={reload} />
          <Tree nodes={all.filter((c) => c.parentId === p.id)} all={all} reload={reload} />
        </li>
      ))}
    </ul>
  );
}

function PositionNode({ p, all, reload }: { p: PositionView; all: PositionView[]; reload: () => void }) {
  const { t, pick } = useLang();
  const [open, setOpen] = useState<'none' | 'holders' | 'edit'>('none');
  return (
    <div className={`eo-pos${p.active ? '' : ' eo-pos-off'}`} data-testid="eo-position" data-title={p.title}>
      <div className="eo-pos-head">
        <span>
          <strong>{p.title}</strong> <span className="muted eo-small">{pick(levelLabels[p.level])}</span>
          {p.registersIncoming ? (
            <span className="eo-badge eo-badge-kind">{t('eoffice.positions.registers')}</span>
          ) : null}
          {p.active ? null : <span className="eo-badge">{t('eoffice.positions.inactive')}</span>}
        </span>
        <span className="eo-small eo-block">
          {p.holders.length === 0 ? (
            <span className="eo-vacant">{t('eoffice.vacant')}</span>
          ) : (
            p.holders.map((h) => (
              <span key={h.assignmentId} className="eo-holder">
                {h.name} <KindTag kind={h.kind} />
              </span>
            ))
          )}
        </span>
      </div>
      <div className="eo-actions">
        <Button
          small
          variant="secondary"
          aria-expanded={open === 'holders'}
          onClick={() => setOpen(open === 'holders' ? 'none' : 'holders')}
          data-testid="eo-pos-holders"
        >
          {t('eoffice.positions.holders')}
        </Button>
        <Button
          small
          variant="ghost"
          aria-expanded={open === 'edit'}
          onClick={() => setOpen(open === 'edit' ? 'none' : 'edit')}
        >
          {t('eoffice.positions.edit')}
        </Button>
      </div>
      {open === 'holders' ? <Holders p={p} reload={reload} /> : null}
      {open === 'edit' ? (
        <PositionForm
          opdCode={p.opdCode}
          positions={all}
          edit={p}
          onDone={() => {
            setOpen('none');
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

function PositionForm({
  opdCode,
  positions,
  edit,
  onDone,
}: {
  opdCode: string;
  positions: PositionView[];
  edit?: PositionView;
  onDone: () => void;
}) {
  const { t, pick } = useLang();
  const uid = useId().replace(/:/g, '');
  const [v, setV] = useState<PositionInput>({
    opdCode,
    title: edit?.title ?? '',
    level: edit?.level ?? 'staf',
    parentId: edit?.parentId ?? null,
    registersIncoming: edit?.registersIncoming ?? false,
    active: edit?.active ?? true,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (p: Partial<PositionInput>) => setV((o) => ({ ...o, ...p }));
  async function save() {
    if (
      edit &&
      !v.active &&
      edit.active &&
      !window.confirm(t('eoffice.positions.deactivateConfirm', { title: edit.title }))
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await api(`${BASE}/positions${edit ? `/${edit.id}` : ''}`, {
        method: edit ? 'PUT' : 'POST',
        body: { ...v, title: v.title.trim() },
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="eo-box eo-grid"
      data-testid="eo-pos-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field eo-wide">
        <label htmlFor={`${uid}-title`}>{t('eoffice.positions.title')}</label>
        <input
          id={`${uid}-title`}
          value={v.title}
          maxLength={160}
          onChange={(e) => set({ title: e.target.value })}
          data-testid="eo-pos-title"
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-level`}>{t('eoffice.positions.level')}</label>
        <select
          id={`${uid}-level`}
          value={v.level}
          onChange={(e) => set({ level: e.target.value as PositionInput['level'] })}
        >
          {positionLevels.map((l) => (
            <option key={l} value={l}>
              {pick(levelLabels[l])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-parent`}>{t('eoffice.positions.parent')}</label>
        <select
          id={`${uid}-parent`}
          value={v.parentId ?? ''}
          onChange={(e) => set({ parentId: e.target.value || null })}
          data-testid="eo-pos-parent"
        >
          <option value="">{t('eoffice.positions.noParent')}</option>
          {positions
            .filter((p) => p.id !== edit?.id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
        </select>
      </div>
      <label className="eo-check">
        <input
          type="checkbox"
          checked={v.registersIncoming}
          onChange={(e) => set({ registersIncoming: e.target.checked })}
        />
        <span>{t('eoffice.positions.registersHint')}</span>
      </label>
      {edit ? (
        <label className="eo-check">
          <input type="checkbox" checked={v.active} onChange={(e) => set({ active: e.target.checked })} />
          <span>{t('eoffice.positions.active')}</span>
        </label>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      <div className="eo-actions eo-wide">
        <Button type="submit" busy={busy} disabled={!v.title.trim()} data-testid="eo-pos-save">
          {t('eoffice.save')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('eoffice.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Who held and holds a position; assign a person (definitif, Plt, Plh) or end an assignment. */
function Holders({ p, reload }: { p: PositionView; reload: () => void }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const uid = useId().replace(/:/g, '');
  const today = todayIn(useRegionTimeZone());
  const list = useApi<Assignment[]>(`${BASE}/positions/${p.id}/assignments`);
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<(typeof assignmentKinds)[number]>('definitif');
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState('');
  const [endOn, setEndOn] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api(`${BASE}${path}`, { method: 'POST', body });
      list.reload();
      reload();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const needsEnd = kind !== 'definitif' && !endsOn;
  return (
    <div className="eo-holders" data-testid="eo-holders">
      {list.loading && !list.data ? <Spinner label={t('eoffice.loading')} /> : null}
      {list.data?.length ? (
        <ul className="eo-compact">
          {list.data.map((a) => {
            const current = !a.endsOn || a.endsOn >= today;
            return (
              <li key={a.id} data-testid="eo-assignment">
                <strong>{a.name}</strong> {a.email ? <span className="muted eo-small">{a.email}</span> : null}{' '}
                · {pick(kindLabels[a.kind])} · {f.day(a.startsOn)} –{' '}
                {a.endsOn ? f.day(a.endsOn) : t('eoffice.positions.now')}
                {current ? (
                  <span className="eo-end">
                    <label htmlFor={`${uid}-end-${a.id}`} className="sr-only">
                      {t('eoffice.positions.endOn', { name: a.name })}
                    </label>
                    <input
                      id={`${uid}-end-${a.id}`}
                      type="date"
                      min={a.startsOn}
                      value={endOn[a.id] ?? today}
                      onChange={(e) => setEndOn((o) => ({ ...o, [a.id]: e.target.value }))}
                    />
                    <Button
                      small
                      variant="danger"
                      busy={busy}
                      onClick={() => {
                        const date = endOn[a.id] ?? today;
                        if (
                          window.confirm(
                            t('eoffice.positions.endConfirm', {
                              name: a.name,
                              title: p.title,
                              date: f.day(date),
                            }),
                          )
                        )
                          void send(`/assignments/${a.id}/end`, { endsOn: date });
                      }}
                    >
                      {t('eoffice.positions.end')}
                    </Button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : list.data ? (
        <p className="muted">{t('eoffice.positions.noHistory')}</p>
      ) : null}
      <form
        className="eo-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void send('/assignments', {
            positionId: p.id,
            email: email.trim(),
            kind,
            startsOn,
            endsOn: endsOn || null,
          }).then((ok) => {
            if (ok) {
              setEmail('');
              setEndsOn('');
            }
          });
        }}
      >
        <div className="field eo-wide">
          <label htmlFor={`${uid}-email`}>{t('eoffice.positions.email')}</label>
          <input
            id={`${uid}-email`}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="eo-assign-email"
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-kind`}>{t('eoffice.positions.kind')}</label>
          <select
            id={`${uid}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
            data-testid="eo-assign-kind"
          >
            {assignmentKinds.map((k) => (
              <option key={k} value={k}>
                {pick(kindLabels[k])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-start`}>{t('eoffice.positions.startsOn')}</label>
          <input
            id={`${uid}-start`}
            type="date"
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-ends`}>{t('eoffice.positions.endsOn')}</label>
          <input
            id={`${uid}-ends`}
            type="date"
            min={startsOn}
            value={endsOn}
            onChange={(e) => setEndsOn(e.target.value)}
          />
        </div>
        {needsEnd ? <p className="muted eo-small eo-wide">{t('eoffice.positions.standInHint')}</p> : null}
        {error ? <Alert>{error}</Alert> : null}
        <div className="eo-actions eo-wide">
          <Button type="submit" busy={busy} disabled={!email.includes('@')} data-testid="eo-assign-save">
            {t('eoffice.positions.assign')}
          </Button>
        </div>
      </form>
    </div>
  );
}
