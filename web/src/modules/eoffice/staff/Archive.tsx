import '../strings';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, buttonClass, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import {
  type ArchiveItem,
  apiLink,
  BASE,
  type Opd,
  query,
  type RetentionDue,
  type RetentionProposal,
} from '../api';
import { ConfidentialityBadge } from '../common';
import { archiveStateLabels, letterTypeLabels, proposalStateLabels } from '../labels';

const PAGE = 30;
type Filters = {
  q: string;
  number: string;
  classification: string;
  opdCode: string;
  from: string;
  to: string;
  direction: '' | 'in' | 'out';
};
const empty: Filters = {
  q: '',
  number: '',
  classification: '',
  opdCode: '',
  from: '',
  to: '',
  direction: '',
};

/** The archive: search, the agenda books, and (for records managers) retention. */
export default function Archive() {
  const { t } = useLang();
  const { can } = useSession();
  const opds = useApi<Opd[]>('/admin/opd');
  return (
    <div className="eo-archive" data-testid="eo-archive">
      {can('eoffice:archive') ? (
        <>
          <Search opds={opds.data ?? []} />
          <Agenda opds={opds.data ?? []} />
        </>
      ) : null}
      {can('eoffice:archive') ? (
        <Retention opds={opds.data ?? []} approve={can('eoffice:retention')} />
      ) : null}
      {opds.error ? <Alert>{opds.error}</Alert> : null}
      {!can('eoffice:archive') ? <Alert kind="info">{t('eoffice.archive.none')}</Alert> : null}
    </div>
  );
}

function OpdSelect({
  id,
  opds,
  value,
  onChange,
  all,
}: {
  id: string;
  opds: Opd[];
  value: string;
  onChange: (v: string) => void;
  all: string;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {opds.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

function Search({ opds }: { opds: Opd[] }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const uid = useId().replace(/:/g, '');
  const [form, setForm] = useState<Filters>(empty);
  const [applied, setApplied] = useState<Filters>(empty);
  const [offset, setOffset] = useState(0);
  const res = useApi<{ items: ArchiveItem[] }>(
    `${BASE}/archive${query({ ...applied, limit: PAGE, offset })}`,
  );
  const set = (p: Partial<Filters>) => setForm((o) => ({ ...o, ...p }));
  const input = (key: keyof Filters, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${uid}-${key}`}>{label}</label>
      <input
        id={`${uid}-${key}`}
        type={type}
        value={form[key]}
        onChange={(e) => set({ [key]: e.target.value })}
        data-testid={`eo-ar-${key}`}
      />
    </div>
  );
  const items = res.data?.items ?? [];
  return (
    <section className="eo-box" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('eoffice.archive.search')}</h2>
      <form
        className="eo-grid"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setApplied(form);
        }}
      >
        {input('q', t('eoffice.archive.q'))}
        {input('number', t('eoffice.archive.number'))}
        {input('classification', t('eoffice.compose.classification'))}
        <div className="field">
          <label htmlFor={`${uid}-opd`}>{t('eoffice.archive.opd')}</label>
          <OpdSelect
            id={`${uid}-opd`}
            opds={opds}
            value={form.opdCode}
            onChange={(v) => set({ opdCode: v })}
            all={t('eoffice.archive.allOpd')}
          />
        </div>
        {input('from', t('eoffice.archive.from'), 'date')}
        {input('to', t('eoffice.archive.to'), 'date')}
        <div className="field">
          <label htmlFor={`${uid}-dir`}>{t('eoffice.archive.direction')}</label>
          <select
            id={`${uid}-dir`}
            value={form.direction}
            onChange={(e) => set({ direction: e.target.value as Filters['direction'] })}
          >
            <option value="">{t('eoffice.archive.both')}</option>
            <option value="out">{t('eoffice.archive.out')}</option>
            <option value="in">{t('eoffice.archive.in')}</option>
          </select>
        </div>
        <div className="eo-actions eo-grid-end">
          <Button type="submit" data-testid="eo-ar-search">
            {t('eoffice.archive.find')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setForm(empty);
              setApplied(empty);
              setOffset(0);
            }}
          >
            {t('eoffice.archive.reset')}
          </Button>
        </div>
      </form>
      {res.error ? <Alert>{res.error}</Alert> : null}
      {res.loading && !res.data ? <Spinner label={t('eoffice.loading')} /> : null}
      {res.data && items.length === 0 ? <p className="eo-empty">{t('eoffice.archive.empty')}</p> : null}
      {items.length ? (
        <ul className="eo-list" data-testid="eo-ar-results">
          {items.map((i) => (
            <li key={i.id} className="eo-item" data-testid="eo-ar-item">
              <Link href={`/naskah/${i.id}`} className="eo-item-link">
                <span className="eo-item-subject">{i.subject}</span>
              </Link>
              <span className="eo-item-meta">
                <span className="eo-badge eo-badge-kind">
                  {i.direction === 'in' ? t('eoffice.archive.in') : t('eoffice.archive.out')}
                </span>
                <span>{pick(letterTypeLabels[i.type])}</span>
                {i.number ? <span className="eo-number">{i.number}</span> : null}
                <span>{i.classificationCode}</span>
                <ConfidentialityBadge value={i.confidentiality} />
                <span className="eo-badge">{pick(archiveStateLabels[i.archiveState])}</span>
              </span>
              <span className="eo-item-meta muted">
                <span>{i.from}</span>
                <span>{f.date(i.date)}</span>
              </span>
              {i.snippet ? <span className="eo-small eo-snippet">{i.snippet}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="eo-actions">
        {offset > 0 ? (
          <Button variant="secondary" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('eoffice.archive.prev')}
          </Button>
        ) : null}
        {items.length === PAGE ? (
          <Button variant="secondary" onClick={() => setOffset(offset + PAGE)}>
            {t('eoffice.archive.next')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

/** The agenda books (in and out) of an OPD and year, as CSV or Excel. */
function Agenda({ opds }: { opds: Opd[] }) {
  const { t } = useLang();
  const uid = useId().replace(/:/g, '');
  const [book, setBook] = useState<'in' | 'out'>('in');
  const [opdCode, setOpdCode] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const q = query({ book, opdCode, year });
  return (
    <section className="eo-box" aria-labelledby={`${uid}-title`} data-testid="eo-agenda">
      <h2 id={`${uid}-title`}>{t('eoffice.archive.agenda')}</h2>
      <div className="eo-grid">
        <div className="field">
          <label htmlFor={`${uid}-book`}>{t('eoffice.archive.book')}</label>
          <select id={`${uid}-book`} value={book} onChange={(e) => setBook(e.target.value as 'in' | 'out')}>
            <option value="in">{t('eoffice.archive.bookIn')}</option>
            <option value="out">{t('eoffice.archive.bookOut')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-opd`}>{t('eoffice.archive.opd')}</label>
          <OpdSelect
            id={`${uid}-opd`}
            opds={opds}
            value={opdCode}
            onChange={setOpdCode}
            all={t('eoffice.archive.allOpd')}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-year`}>{t('eoffice.archive.year')}</label>
          <input
            id={`${uid}-year`}
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </div>
      </div>
      <p className="eo-actions">
        <a
          className={buttonClass('secondary')}
          href={apiLink(`/archive/agenda.csv${q}`)}
          download
          data-testid="eo-agenda-csv"
        >
          {t('eoffice.archive.csv')}
        </a>
        <a
          className={buttonClass('secondary')}
          href={apiLink(`/archive/agenda.xlsx${q}`)}
          download
          data-testid="eo-agenda-xlsx"
        >
          {t('eoffice.archive.xlsx')}
        </a>
      </p>
    </section>
  );
}

/** Letters due to change archive state (Jadwal Retensi Arsip): propose a batch, then approve or reject it. */
function Retention({ opds, approve }: { opds: Opd[]; approve: boolean }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const uid = useId().replace(/:/g, '');
  const [opdCode, setOpdCode] = useState('');
  const due = useApi<RetentionDue>(`${BASE}/archive/retention${query({ opdCode })}`);
  const proposals = useApi<RetentionProposal[]>(`${BASE}/archive/retention/proposals`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (path: string, body: unknown, confirm?: string) => {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setError(null);
    try {
      await api(`${BASE}${path}`, { method: 'POST', body });
      due.reload();
      proposals.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const groups = (due.data?.due ?? []).filter((g) => g.letters.length > 0);
  return (
    <section className="eo-box" aria-labelledby={`${uid}-title`} data-testid="eo-retention">
      <h2 id={`${uid}-title`}>{t('eoffice.retention.title')}</h2>
      <div className="field eo-narrow">
        <label htmlFor={`${uid}-opd`}>{t('eoffice.archive.opd')}</label>
        <OpdSelect
          id={`${uid}-opd`}
          opds={opds}
          value={opdCode}
          onChange={setOpdCode}
          all={t('eoffice.archive.allOpd')}
        />
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {due.error ? <Alert>{due.error}</Alert> : null}
      {due.loading && !due.data ? <Spinner label={t('eoffice.loading')} /> : null}
      {due.data && groups.length === 0 ? (
        <p className="eo-empty">{t('eoffice.retention.nothingDue')}</p>
      ) : null}
      {groups.map((g) => (
        <div key={g.action} className="eo-due-group" data-testid="eo-retention-due" data-action={g.action}>
          <h3>
            {t('eoffice.retention.dueTo', { state: pick(archiveStateLabels[g.action]) })} (
            {f.number(g.letters.length, 0)})
          </h3>
          <ul className="eo-compact">
            {g.letters.slice(0, 20).map((l) => (
              <li key={l.id}>
                <Link href={`/naskah/${l.id}`}>{l.number ?? l.subject}</Link> · {l.subject} · {f.date(l.date)}
              </li>
            ))}
          </ul>
          {g.letters.length > 20 ? (
            <p className="muted eo-small">
              {t('eoffice.retention.andMore', { count: g.letters.length - 20 })}
            </p>
          ) : null}
          <Button
            variant={g.action === 'musnah' ? 'danger' : 'secondary'}
            busy={busy}
            onClick={() =>
              void act(
                '/archive/retention',
                { action: g.action, opdCode: opdCode || undefined },
                g.action === 'musnah'
                  ? t('eoffice.retention.proposeDestroyConfirm', { count: g.letters.length })
                  : undefined,
              )
            }
            data-testid={`eo-propose-${g.action}`}
          >
            {t('eoffice.retention.propose')}
          </Button>
        </div>
      ))}
      <h3>{t('eoffice.retention.proposals')}</h3>
      {proposals.data?.length === 0 ? <p className="eo-empty">{t('eoffice.retention.noProposals')}</p> : null}
      {proposals.data?.length ? (
        <ul className="eo-list">
          {proposals.data.map((p) => (
            <li key={p.id} className="eo-item" data-testid="eo-proposal" data-state={p.state}>
              <span className="eo-item-subject">
                {t('eoffice.retention.proposal', {
                  state: pick(archiveStateLabels[p.action]),
                  count: p.letters,
                })}
                {p.opdName ? ` · ${p.opdName}` : ''}
              </span>
              <span className="eo-item-meta muted">
                <span className="eo-badge">{pick(proposalStateLabels[p.state])}</span>
                <span>
                  {p.proposedBy} · {f.dateTime(p.createdAt)}
                </span>
                {p.decidedBy ? (
                  <span>
                    {p.decidedBy} · {p.decidedAt ? f.dateTime(p.decidedAt) : ''}
                  </span>
                ) : null}
              </span>
              {p.note ? <span className="eo-comment">{p.note}</span> : null}
              {p.state === 'proposed' && approve ? (
                <span className="eo-actions">
                  <Button
                    small
                    busy={busy}
                    variant={p.action === 'musnah' ? 'danger' : 'primary'}
                    onClick={() =>
                      void act(
                        `/archive/retention/${p.id}/approve`,
                        {},
                        p.action === 'musnah'
                          ? t('eoffice.retention.approveDestroyConfirm', { count: p.letters })
                          : undefined,
                      )
                    }
                    data-testid="eo-proposal-approve"
                  >
                    {t('eoffice.retention.approve')}
                  </Button>
                  <Button
                    small
                    variant="ghost"
                    busy={busy}
                    onClick={() => void act(`/archive/retention/${p.id}/reject`, {})}
                  >
                    {t('eoffice.retention.reject')}
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
