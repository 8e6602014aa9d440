import { type FormEvent, lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { bulkDisposeInput, reportStatuses, statusLabels } from '../../../../../shared/modules/laksa';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import {
  Alert,
  Button,
  buttonClass,
  Card,
  Field,
  PageHeader,
  SelectField,
  Spinner,
  TextAreaField,
  useToast,
} from '../../../core/ui';
import { DataTable, Form, FormActions, toggled, useSubmit } from '../../../core/ui/admin';
import {
  age,
  Dialog,
  LAKSA,
  type ListItem,
  type MapPoint,
  OpdChecklist,
  OverdueBadge,
  StatusBadge,
  TabNav,
} from './common';
import {
  emptyFilters,
  type Filters,
  filterQuery,
  hasExtraFilters,
  parseFilters,
  type Queue,
  queuesFor,
  rememberInbox,
} from './filters';
import { useRefs } from './refs';

const InboxMap = lazy(() => import('./maps').then((m) => ({ default: m.InboxMap })));

interface InboxPage {
  items: ListItem[];
  nextCursor: string | null;
}
interface BulkResult {
  done: string[];
  failed: { ticket: string; code: string; message: string }[];
}

const PAGE = 50;

export function Inbox({ title }: { title: string }) {
  const { t, locale } = useLang();
  const { can } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const queues = useMemo(() => queuesFor(can), [can]);
  const filters = useMemo(() => parseFilters(search, queues), [search, queues]);
  const view = new URLSearchParams(search).get('view') === 'map' ? 'map' : 'list';
  const qs = filterQuery(filters);
  const canBulk = can('laksa:verify');

  useEffect(() => rememberInbox(search), [search]);

  const go = (f: Filters, v: 'list' | 'map' = view) => {
    const q = filterQuery(f);
    navigate(`/?${q}${v === 'map' ? '&view=map' : ''}`);
  };

  // ---- list ----
  const [items, setItems] = useState<ListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` forces a reload
  useEffect(() => {
    if (view !== 'list') return;
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    setSelected(new Set());
    api<InboxPage>(`${LAKSA}/inbox?${qs}&limit=${PAGE}`, { signal: ctrl.signal, fresh: true })
      .then((page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((err) => {
        if (!ctrl.signal.aborted) {
          setItems([]);
          setCursor(null);
          setError(errorMessage(err));
        }
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [qs, view, tick]);

  async function more() {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api<InboxPage>(
        `${LAKSA}/inbox?${qs}&limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`,
        { fresh: true },
      );
      setItems((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  // ---- map ----
  const [points, setPoints] = useState<MapPoint[] | null>(null);
  useEffect(() => {
    if (view !== 'map') return;
    const ctrl = new AbortController();
    setPoints(null);
    setError(null);
    api<MapPoint[]>(`${LAKSA}/inbox/map?${qs}`, { signal: ctrl.signal, fresh: true })
      .then(setPoints)
      .catch((err) => {
        if (!ctrl.signal.aborted) {
          setPoints([]);
          setError(errorMessage(err));
        }
      });
    return () => ctrl.abort();
  }, [qs, view]);

  // ---- bulk disposition ----
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkResult, setBulkResult] = useState<BulkResult | null>(null);

  const queueLabel: Record<Queue, string> = {
    verification: t('laksaStaff.queue.verification'),
    opd: t('laksaStaff.queue.opd'),
    police: t('laksaStaff.queue.police'),
    all: t('laksaStaff.queue.all'),
  };
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));

  return (
    <div data-testid="laksa-staff-inbox">
      <PageHeader
        title={title}
        subtitle={t('laksaStaff.inbox.subtitle')}
        actions={
          <>
            {can('laksa:export') ? (
              <>
                <a
                  className={buttonClass('secondary')}
                  href={apiUrl(`${LAKSA}/inbox/export.csv?${qs}`)}
                  download
                  data-testid="laksa-staff-export-csv"
                >
                  {t('laksaStaff.inbox.exportCsv')}
                </a>
                <a
                  className={buttonClass('secondary')}
                  href={apiUrl(`${LAKSA}/inbox/export.xlsx?${qs}`)}
                  download
                  data-testid="laksa-staff-export-xlsx"
                >
                  {t('laksaStaff.inbox.exportXlsx')}
                </a>
              </>
            ) : null}
            {can('laksa:manage') ? (
              <Link href="/admin" className={buttonClass('ghost')} data-testid="laksa-staff-admin-link">
                {t('laksaStaff.admin.title')}
              </Link>
            ) : null}
          </>
        }
      />

      <TabNav
        label={t('laksaStaff.queue.label')}
        items={queues.map((q) => ({
          key: q,
          href: `/?${filterQuery({ ...filters, queue: q })}${view === 'map' ? '&view=map' : ''}`,
          label: queueLabel[q],
          active: filters.queue === q,
          testId: `laksa-staff-queue-${q}`,
        }))}
      />

      <FilterForm
        key={search}
        filters={filters}
        onApply={(f) => go(f)}
        onReset={() => go(emptyFilters(filters.queue))}
      />

      <div className="lk-toolbar">
        <fieldset className="lk-toggle">
          <legend className="sr-only">{t('laksaStaff.inbox.viewLabel')}</legend>
          <Button
            small
            variant={view === 'list' ? 'primary' : 'secondary'}
            aria-pressed={view === 'list'}
            onClick={() => go(filters, 'list')}
            data-testid="laksa-staff-view-list"
          >
            {t('laksaStaff.inbox.viewList')}
          </Button>
          <Button
            small
            variant={view === 'map' ? 'primary' : 'secondary'}
            aria-pressed={view === 'map'}
            onClick={() => go(filters, 'map')}
            data-testid="laksa-staff-view-map"
          >
            {t('laksaStaff.inbox.viewMap')}
          </Button>
        </fieldset>
        {view === 'list' && canBulk ? (
          <Button
            small
            variant="secondary"
            disabled={selected.size === 0}
            onClick={() => setBulkOpen(true)}
            data-testid="laksa-staff-bulk-open"
          >
            {t('laksaStaff.bulk.open', { count: selected.size })}
          </Button>
        ) : null}
      </div>

      {bulkResult ? <BulkResultView result={bulkResult} onClose={() => setBulkResult(null)} /> : null}
      {error ? <Alert data-testid="laksa-staff-inbox-error">{error}</Alert> : null}

      {view === 'map' ? (
        <Card>
          {points === null ? <Spinner label={t('common.loading')} /> : null}
          {points ? (
            <>
              <p className="muted small" aria-live="polite" data-testid="laksa-staff-map-count">
                {t('laksaStaff.map.count', { count: points.length })}
              </p>
              <Suspense fallback={<Spinner label={t('common.loading')} />}>
                <InboxMap points={points} onOpen={(id) => navigate(`/r/${id}`)} />
              </Suspense>
            </>
          ) : null}
        </Card>
      ) : (
        <Card>
          <DataTable
            testId="laksa-staff-table"
            className="lk-table"
            caption={t('laksaStaff.inbox.caption', { queue: queueLabel[filters.queue] })}
            rows={items}
            rowKey={(r) => r.id}
            rowTestId="laksa-staff-row"
            rowProps={(r) => ({
              'data-ticket': r.ticket,
              className: r.overdue ? 'lk-row-overdue' : undefined,
            })}
            columns={[
              canBulk && {
                header: (
                  <input
                    type="checkbox"
                    aria-label={t('laksaStaff.inbox.selectAll')}
                    checked={allSelected}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())
                    }
                    data-testid="laksa-staff-select-all"
                  />
                ),
                headClassName: 'lk-col-check',
                className: 'lk-col-check',
                cell: (r) => (
                  <input
                    type="checkbox"
                    aria-label={t('laksaStaff.inbox.select', { ticket: r.ticket })}
                    checked={selected.has(r.id)}
                    onChange={(e) =>
                      setSelected((s) => {
                        const n = new Set(s);
                        if (e.target.checked) n.add(r.id);
                        else n.delete(r.id);
                        return n;
                      })
                    }
                    data-testid="laksa-staff-select"
                  />
                ),
              },
              {
                header: t('laksaStaff.field.ticket'),
                className: 'mono',
                cell: (r) => (
                  <Link href={`/r/${r.id}`} data-testid="laksa-staff-open">
                    {r.ticket}
                  </Link>
                ),
              },
              { header: t('laksaStaff.field.category'), cell: (r) => r.categoryName },
              {
                header: t('common.status'),
                cell: (r) => (
                  <>
                    <StatusBadge status={r.status} />
                    {r.overdue ? (
                      <>
                        {' '}
                        <OverdueBadge />
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                header: t('laksaStaff.field.description'),
                className: 'lk-desc',
                cell: (r) => (
                  <>
                    <span className="lk-clamp">{r.description}</span>
                    {r.anonymous || r.confidential ? (
                      <span className="lk-flags">
                        {r.anonymous ? <span className="chip">{t('laksaStaff.anonymous')}</span> : null}
                        {r.confidential ? <span className="chip">{t('laksaStaff.confidential')}</span> : null}
                      </span>
                    ) : null}
                  </>
                ),
              },
              { header: t('laksaStaff.field.kecamatan'), cell: (r) => r.kecamatanName ?? '—' },
              {
                header: t('laksaStaff.field.opd'),
                cell: (r) => (r.opdNames.length ? r.opdNames.join(', ') : '—'),
              },
              {
                header: t('laksaStaff.field.age'),
                className: 'lk-nowrap',
                cell: (r) => (
                  <time dateTime={r.createdAt}>{age(r.createdAt, locale, t('laksaStaff.justNow'))}</time>
                ),
              },
            ]}
          />
          {!loading && !error && items.length === 0 ? (
            <p className="muted" data-testid="laksa-staff-empty">
              {hasExtraFilters(filters) ? t('laksaStaff.inbox.emptyFiltered') : t('laksaStaff.inbox.empty')}
            </p>
          ) : null}
          {loading ? <Spinner label={t('common.loading')} /> : null}
          {!loading && cursor ? (
            <Button variant="secondary" onClick={() => void more()} data-testid="laksa-staff-more">
              {t('laksaStaff.inbox.more')}
            </Button>
          ) : null}
        </Card>
      )}

      {canBulk ? (
        <BulkDialog
          open={bulkOpen}
          reportIds={[...selected]}
          onClose={() => setBulkOpen(false)}
          onDone={(r) => {
            setBulkOpen(false);
            setBulkResult(r);
            setTick((n) => n + 1);
          }}
        />
      ) : null}
    </div>
  );
}

function FilterForm({
  filters,
  onApply,
  onReset,
}: {
  filters: Filters;
  onApply: (f: Filters) => void;
  onReset: () => void;
}) {
  const { t, lang, pick } = useLang();
  const refs = useRefs();
  const [f, setF] = useState<Filters>(filters);
  const set =
    (k: 'categoryId' | 'opdId' | 'kecamatan' | 'overdue' | 'from' | 'to' | 'q') =>
    (e: { target: { value: string } }) =>
      setF((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };
  const statusSummary =
    f.status.length === 0
      ? t('laksaStaff.filter.anyStatus')
      : t('laksaStaff.filter.nStatus', { count: f.status.length });

  return (
    <form
      className="lk-filters"
      onSubmit={submit}
      aria-label={t('laksaStaff.filter.label')}
      data-testid="laksa-staff-filters"
    >
      <Field
        id="lk-q"
        label={t('laksaStaff.filter.q')}
        type="search"
        value={f.q}
        onChange={set('q')}
        placeholder={t('laksaStaff.filter.qPlaceholder')}
        data-testid="laksa-staff-filter-q"
        fieldClassName="lk-filter-q"
      />
      <details className="lk-multi" data-testid="laksa-staff-filter-status">
        <summary>
          <span className="lk-multi-label">{t('common.status')}</span>
          <span className="lk-multi-value">{statusSummary}</span>
        </summary>
        <fieldset className="lk-multi-list">
          <legend className="sr-only">{t('common.status')}</legend>
          {reportStatuses.map((s) => (
            <div className="check" key={s}>
              <input
                type="checkbox"
                id={`lk-st-${s}`}
                checked={f.status.includes(s)}
                onChange={(e) => setF((x) => ({ ...x, status: toggled(x.status, s, e.target.checked) }))}
                data-testid={`laksa-staff-filter-status-${s}`}
              />
              <label htmlFor={`lk-st-${s}`}>{pick(statusLabels[s])}</label>
            </div>
          ))}
        </fieldset>
      </details>
      <SelectField
        id="lk-cat"
        label={t('laksaStaff.field.category')}
        value={f.categoryId}
        onChange={set('categoryId')}
        data-testid="laksa-staff-filter-category"
        options={refs.categories.map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.name }))}
      >
        <option value="">{t('laksaStaff.filter.all')}</option>
      </SelectField>
      {refs.opdsAvailable ? (
        <SelectField
          id="lk-opd"
          label={t('laksaStaff.field.opd')}
          value={f.opdId}
          onChange={set('opdId')}
          data-testid="laksa-staff-filter-opd"
          options={refs.opds.map((o) => ({ value: o.id, label: o.shortName }))}
        >
          <option value="">{t('laksaStaff.filter.all')}</option>
        </SelectField>
      ) : null}
      <SelectField
        id="lk-kec"
        label={t('laksaStaff.field.kecamatan')}
        value={f.kecamatan}
        onChange={set('kecamatan')}
        data-testid="laksa-staff-filter-kecamatan"
        options={refs.areas.map((a) => ({ value: a.code, label: a.name }))}
      >
        <option value="">{t('laksaStaff.filter.all')}</option>
      </SelectField>
      <SelectField
        id="lk-overdue"
        label={t('laksaStaff.filter.sla')}
        value={f.overdue}
        onChange={set('overdue')}
        data-testid="laksa-staff-filter-overdue"
      >
        <option value="">{t('laksaStaff.filter.all')}</option>
        <option value="true">{t('laksaStaff.filter.overdueOnly')}</option>
        <option value="false">{t('laksaStaff.filter.onTime')}</option>
      </SelectField>
      <Field
        id="lk-from"
        type="date"
        label={t('laksaStaff.filter.from')}
        value={f.from}
        max={f.to || undefined}
        onChange={set('from')}
        data-testid="laksa-staff-filter-from"
      />
      <Field
        id="lk-to"
        type="date"
        label={t('laksaStaff.filter.to')}
        value={f.to}
        min={f.from || undefined}
        onChange={set('to')}
        data-testid="laksa-staff-filter-to"
      />
      <div className="lk-filter-buttons">
        <Button type="submit" small data-testid="laksa-staff-filter-apply">
          {t('laksaStaff.filter.apply')}
        </Button>
        <Button small variant="ghost" onClick={onReset} data-testid="laksa-staff-filter-reset">
          {t('laksaStaff.filter.reset')}
        </Button>
      </div>
    </form>
  );
}

function BulkDialog({
  open,
  reportIds,
  onClose,
  onDone,
}: {
  open: boolean;
  reportIds: string[];
  onClose: () => void;
  onDone: (r: BulkResult) => void;
}) {
  const { t } = useLang();
  const refs = useRefs();
  const toast = useToast();
  const [opdIds, setOpdIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const form = useSubmit();

  const submit = () =>
    form.submit(
      bulkDisposeInput,
      { reportIds, opdIds, note: note.trim() || undefined },
      async (body) => {
        const r = await api<BulkResult>(`${LAKSA}/reports/bulk-dispose`, { method: 'POST', body });
        toast(t('laksaStaff.bulk.done', { count: r.done.length }));
        setOpdIds([]);
        setNote('');
        onDone(r);
      },
      { serverFieldErrors: false },
    );

  return (
    <Dialog
      open={open}
      title={t('laksaStaff.bulk.title', { count: reportIds.length })}
      onClose={onClose}
      testId="laksa-staff-bulk-dialog"
      wide
    >
      <Form onSubmit={submit} error={form.formError}>
        {refs.opdsAvailable ? (
          <OpdChecklist
            opds={refs.opds}
            value={opdIds}
            onChange={setOpdIds}
            legend={t('laksaStaff.action.opdIds')}
            error={form.errors.opdIds}
            testId="laksa-staff-bulk-opd"
          />
        ) : (
          <Alert kind="warning">{t('laksaStaff.noOpdList')}</Alert>
        )}
        <TextAreaField
          id="lk-bulk-note"
          label={t('laksaStaff.action.noteOptional')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={form.errors.note}
          rows={3}
          data-testid="laksa-staff-bulk-note"
        />
        <FormActions
          label={t('laksaStaff.bulk.submit')}
          busy={form.busy}
          testId="laksa-staff-bulk-submit"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}

function BulkResultView({ result, onClose }: { result: BulkResult; onClose: () => void }) {
  const { t } = useLang();
  return (
    <Alert kind={result.failed.length ? 'warning' : 'success'} data-testid="laksa-staff-bulk-result">
      <p>
        <strong>{t('laksaStaff.bulk.resultDone', { count: result.done.length })}</strong>
        {result.done.length ? <span className="mono"> {result.done.join(', ')}</span> : null}
      </p>
      {result.failed.length ? (
        <>
          <p>
            <strong>{t('laksaStaff.bulk.resultFailed', { count: result.failed.length })}</strong>
          </p>
          <ul data-testid="laksa-staff-bulk-failed">
            {result.failed.map((f) => (
              <li key={f.ticket}>
                <span className="mono">{f.ticket}</span>: {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Button small variant="ghost" onClick={onClose}>
        {t('common.close')}
      </Button>
    </Alert>
  );
}
