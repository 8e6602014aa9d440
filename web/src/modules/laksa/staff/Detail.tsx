import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Link } from 'wouter';
import { closedStatuses, type ReportAction, statusLabels } from '../../../../../shared/modules/laksa';
import { formatDateTime } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { useSession } from '../../../core/session';
import { Alert, Badge, Button, Card, cx, Spinner } from '../../../core/ui';
import { LAKSA, OverdueBadge, type StaffReport, StatusBadge, TypeLabel } from './common';
import { ActionDialog, DuplicateDialog, ModerationDialog } from './dialogs';
import { lastInbox } from './filters';
import { ReplyBox } from './ReplyBox';

const PinMap = lazy(() => import('./maps').then((m) => ({ default: m.PinMap })));

type Step = StaffReport['timeline'][number];

export function Detail({ id }: { id: string }) {
  const { t } = useLang();
  const { can } = useSession();
  const { data, setData, error, loading, reload } = useApi<StaffReport>(`${LAKSA}/reports/${id}`);
  const [action, setAction] = useState<ReportAction | null>(null);
  const [dialog, setDialog] = useState<'duplicate' | 'moderation' | null>(null);

  const back = (
    <Link href={lastInbox()} className="back-link" data-testid="laksa-staff-back">
      ← {t('laksaStaff.detail.back')}
    </Link>
  );
  if (loading && !data) return <Spinner label={t('common.loading')} />;
  if (error && !data)
    return (
      <div>
        {back}
        <Alert data-testid="laksa-staff-detail-error">{error}</Alert>
        <Button variant="secondary" onClick={reload}>
          {t('common.retry')}
        </Button>
      </div>
    );
  if (!data) return null;
  const r = data;
  const update = (v: StaffReport) => setData(v);

  return (
    <div data-testid="laksa-staff-detail" data-ticket={r.ticket} data-status={r.status}>
      {back}
      <div className="lk-detail-head">
        <div>
          <h1 className="lk-ticket" data-testid="laksa-staff-ticket">
            {r.ticket}
          </h1>
          <p className="lk-meta">
            <StatusBadge status={r.status} />
            {r.sla.overdue ? <OverdueBadge /> : null}
            {r.sla.paused ? <Badge tone="neutral">{t('laksaStaff.sla.paused')}</Badge> : null}
            <span className="chip">
              <TypeLabel type={r.type} />
            </span>
            <span className="chip">{r.category.name}</span>
            {r.confidential ? <span className="chip">{t('laksaStaff.confidential')}</span> : null}
            <span className="muted small">{t(`laksaStaff.source.${r.source}`)}</span>
          </p>
        </div>
      </div>

      <div className="lk-detail">
        <div className="lk-detail-main">
          <Card title={t('laksaStaff.detail.report')}>
            <div className="lk-desc-head">
              {r.redacted ? (
                <span className="lk-flag" data-testid="laksa-staff-redacted">
                  {t('laksaStaff.detail.redacted')}
                </span>
              ) : null}
            </div>
            <p className="lk-description" data-testid="laksa-staff-description">
              {r.description}
            </p>
            <Photos photos={r.photos} />
          </Card>

          <Card title={t('laksaStaff.timeline.title')}>
            <Timeline steps={r.timeline} />
          </Card>

          <Card title={t('laksaStaff.reply.title')}>
            <ReplyBox reportId={r.id} onDone={update} />
          </Card>
        </div>

        <aside className="lk-detail-side" aria-label={t('laksaStaff.detail.sideLabel')}>
          <Card title={t('laksaStaff.detail.actions')}>
            {r.allowedActions.length === 0 ? (
              <p className="muted small" data-testid="laksa-staff-no-actions">
                {t('laksaStaff.detail.noActions')}
              </p>
            ) : null}
            <div className="lk-action-list">
              {r.allowedActions.map((a) => (
                <Button
                  key={a}
                  small
                  variant={a === 'reject' ? 'danger' : primaryActions.has(a) ? 'primary' : 'secondary'}
                  onClick={() => setAction(a)}
                  data-testid={`laksa-staff-action-${a}`}
                >
                  {t(`laksaStaff.action.${a}`)}
                </Button>
              ))}
            </div>
            {r.canModerate || can('laksa:verify') ? (
              <div className="lk-action-list lk-action-extra">
                <Button
                  small
                  variant="ghost"
                  onClick={() => setDialog('duplicate')}
                  data-testid="laksa-staff-duplicate-open"
                >
                  {t('laksaStaff.duplicate.open')}
                </Button>
                {r.canModerate ? (
                  <Button
                    small
                    variant="ghost"
                    onClick={() => setDialog('moderation')}
                    data-testid="laksa-staff-moderation-open"
                  >
                    {t('laksaStaff.moderation.open')}
                  </Button>
                ) : null}
              </div>
            ) : null}
          </Card>

          <Sla report={r} />

          <Card title={t('laksaStaff.detail.location')}>
            {r.lat !== null && r.lng !== null ? (
              <Suspense fallback={<Spinner label={t('common.loading')} />}>
                <PinMap lat={r.lat} lng={r.lng} label={r.ticket} />
              </Suspense>
            ) : null}
            <dl className="details lk-details">
              <Row label={t('laksaStaff.field.kecamatan')}>{r.kecamatan?.name ?? '—'}</Row>
              <Row label={t('laksaStaff.field.kelurahan')}>{r.kelurahan?.name ?? '—'}</Row>
              <Row label={t('laksaStaff.field.address')}>{r.address ?? '—'}</Row>
              {r.lat !== null && r.lng !== null ? (
                <Row label={t('laksaStaff.field.coordinates')}>
                  <span className="mono">
                    {r.lat.toFixed(5)}, {r.lng.toFixed(5)}
                  </span>
                </Row>
              ) : null}
            </dl>
          </Card>

          <Card title={t('laksaStaff.detail.people')}>
            <dl className="details lk-details">
              <Row label={t('laksaStaff.field.reporter')}>
                <span data-testid="laksa-staff-reporter">
                  {r.reporter ? r.reporter.name : t('laksaStaff.anonymous')}
                </span>
                {r.reporter?.phone ? (
                  <>
                    <br />
                    <a href={`tel:${r.reporter.phone}`} className="mono">
                      {r.reporter.phone}
                    </a>
                  </>
                ) : null}
                {r.reporter?.email ? (
                  <>
                    <br />
                    <a href={`mailto:${r.reporter.email}`}>{r.reporter.email}</a>
                  </>
                ) : null}
              </Row>
              <Row label={t('laksaStaff.field.supporters')}>
                <span data-testid="laksa-staff-supporters">{r.supportCount}</span>
              </Row>
              <Row label={t('laksaStaff.field.opd')}>
                <span data-testid="laksa-staff-opds">
                  {r.opds.length ? r.opds.map((o) => o.shortName).join(', ') : '—'}
                </span>
              </Row>
              {r.rating !== null ? (
                <Row label={t('laksaStaff.field.rating')}>
                  <span data-testid="laksa-staff-rating">
                    {t('laksaStaff.detail.ratingValue', { rating: r.rating })}
                  </span>
                  {r.ratingComment ? <p className="muted small">{r.ratingComment}</p> : null}
                </Row>
              ) : null}
              {r.duplicateOf ? (
                <Row label={t('laksaStaff.field.duplicateOf')}>
                  <span className="mono" data-testid="laksa-staff-duplicate-of">
                    {r.duplicateOf}
                  </span>
                </Row>
              ) : null}
              {r.duplicates.length ? (
                <Row label={t('laksaStaff.field.duplicates')}>
                  <span className="mono" data-testid="laksa-staff-duplicates">
                    {r.duplicates.join(', ')}
                  </span>
                </Row>
              ) : null}
            </dl>
          </Card>
        </aside>
      </div>

      <ActionDialog
        report={r}
        action={action}
        onClose={() => setAction(null)}
        onDone={(v) => {
          setAction(null);
          update(v);
        }}
      />
      <DuplicateDialog
        report={r}
        open={dialog === 'duplicate'}
        onClose={() => setDialog(null)}
        onDone={(v) => {
          setDialog(null);
          update(v);
        }}
      />
      <ModerationDialog
        report={r}
        open={dialog === 'moderation'}
        onClose={() => setDialog(null)}
        onDone={(v) => {
          setDialog(null);
          update(v);
        }}
      />
    </div>
  );
}

const primaryActions = new Set<ReportAction>(['verify', 'start', 'resolve', 'dispose', 'resume']);

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Photos({ photos }: { photos: StaffReport['photos'] }) {
  const { t } = useLang();
  if (photos.length === 0) return <p className="muted small">{t('laksaStaff.detail.noPhotos')}</p>;
  const stages = (['report', 'before', 'after'] as const).filter((s) => photos.some((p) => p.stage === s));
  return (
    <div className="lk-photo-groups" data-testid="laksa-staff-photos">
      {stages.map((stage) => (
        <div key={stage}>
          <h3 className="lk-subhead">{t(`laksaStaff.photoGroup.${stage}`)}</h3>
          <ul className="lk-photos">
            {photos
              .filter((p) => p.stage === stage)
              .map((p, i) => (
                <li key={p.fileId}>
                  <a href={p.url} target="_blank" rel="noreferrer">
                    <img
                      src={p.url}
                      alt={t('laksaStaff.detail.photoAlt', {
                        stage: t(`laksaStaff.photoStage.${stage}`),
                        n: i + 1,
                      })}
                      loading="lazy"
                      data-testid="laksa-staff-photo"
                    />
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Sla({ report: r }: { report: StaffReport }) {
  const { t, locale } = useLang();
  const tz = useRegionTimeZone();
  const now = Date.now();
  const closed = closedStatuses.includes(r.status);
  const active = ['terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang'].includes(r.status);
  const rows = [
    { key: 'verify', at: r.sla.verifyDueAt, running: r.status === 'menunggu_verifikasi' },
    { key: 'followUp', at: r.sla.followUpDueAt, running: r.status === 'didisposisikan' },
    { key: 'resolve', at: r.sla.resolveDueAt, running: active },
  ] as const;
  return (
    <Card title={t('laksaStaff.sla.title')} data-testid="laksa-staff-sla">
      {r.sla.paused ? (
        <Alert kind="info" data-testid="laksa-staff-sla-paused">
          {t('laksaStaff.sla.pausedHint')}
        </Alert>
      ) : null}
      {r.sla.overdueLevel > 0 ? (
        <Alert kind="warning" data-testid="laksa-staff-sla-escalated">
          {t(`laksaStaff.sla.level${r.sla.overdueLevel >= 2 ? 2 : 1}`)}
        </Alert>
      ) : null}
      <dl className="details lk-details">
        {rows.map((row) => {
          const late =
            !!row.at && row.running && !r.sla.paused && !closed && new Date(row.at).getTime() < now;
          return (
            <div key={row.key} className={cx(late && 'lk-late', !row.running && 'lk-idle')}>
              <dt>{t(`laksaStaff.sla.${row.key}`)}</dt>
              <dd data-testid={`laksa-staff-sla-${row.key}`}>
                {row.at ? formatDateTime(row.at, locale, tz) : '—'}
                {late ? <span className="lk-flag lk-flag-overdue">{t('laksaStaff.sla.passed')}</span> : null}
              </dd>
            </div>
          );
        })}
        <div>
          <dt>{t('laksaStaff.field.createdAt')}</dt>
          <dd>{formatDateTime(r.createdAt, locale, tz)}</dd>
        </div>
        {r.resolvedAt ? (
          <div>
            <dt>{t('laksaStaff.field.resolvedAt')}</dt>
            <dd>{formatDateTime(r.resolvedAt, locale, tz)}</dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

function Timeline({ steps }: { steps: Step[] }) {
  const { t, pick, locale } = useLang();
  const tz = useRegionTimeZone();
  if (steps.length === 0) return <p className="muted">{t('laksaStaff.timeline.empty')}</p>;
  return (
    <ol className="lk-timeline" data-testid="laksa-staff-timeline">
      {steps.map((s) => (
        <li
          key={s.id}
          className={cx('lk-step', `lk-step-${s.kind}`, s.visibility === 'internal' && 'lk-step-internal')}
          data-testid="laksa-staff-step"
          data-kind={s.kind}
          data-visibility={s.visibility}
        >
          <div className="lk-step-head">
            <strong>{t(`laksaStaff.timeline.kind.${s.kind}`)}</strong>
            {s.kind === 'status' && s.toStatus ? (
              <span>
                {s.fromStatus ? `${pick(statusLabels[s.fromStatus])} → ` : ''}
                {pick(statusLabels[s.toStatus])}
              </span>
            ) : null}
            {s.visibility === 'internal' ? (
              <span className="lk-flag lk-flag-internal">{t('laksaStaff.timeline.internal')}</span>
            ) : s.visibility === 'reporter' ? (
              <span className="lk-flag">{t('laksaStaff.timeline.reporterOnly')}</span>
            ) : null}
          </div>
          <p className="lk-step-meta muted small">
            <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, locale, tz)}</time>
            {s.actor ? <> · {s.actor}</> : null}
          </p>
          {s.note ? <p className="lk-step-note">{s.note}</p> : null}
          {s.photos.length ? (
            <ul className="lk-photos lk-photos-small">
              {s.photos.map((p, i) => (
                <li key={p.fileId}>
                  <a href={p.url} target="_blank" rel="noreferrer">
                    <img
                      src={p.url}
                      alt={t('laksaStaff.detail.photoAlt', {
                        stage: t(`laksaStaff.photoStage.${p.stage}`),
                        n: i + 1,
                      })}
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
