import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, buttonClass, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type ApplicationView, BASE, type TypeView } from '../api';
import { feeText, lockerDocLabels, stepLabels, stepsOf } from '../labels';

/** The catalogue: every open permit type, with the way to my applications and my locker. */
export function Catalogue({ title }: { title: string }) {
  const { t, pick } = useLang();
  const { me } = useSession();
  const types = useApi<TypeView[]>(`${BASE}/types`);
  return (
    <div className="izin narrow" data-testid="izin-home">
      <h1>{title}</h1>
      <p className="muted">{t('izin.intro')}</p>
      {me ? (
        <nav className="izin-menu" aria-label={title}>
          <Link href="/permohonan" className="izin-menu-item" data-testid="izin-link-mine">
            {t('izin.menu.mine')}
          </Link>
          <Link href="/brankas" className="izin-menu-item" data-testid="izin-link-locker">
            {t('izin.menu.locker')}
          </Link>
        </nav>
      ) : null}
      <h2>{t('izin.catalogue')}</h2>
      {types.loading && !types.data ? <Spinner label={t('izin.loading')} /> : null}
      {types.error ? <Alert>{types.error}</Alert> : null}
      <ul className="izin-list">
        {types.data?.map((x) => (
          <li key={x.code} className="izin-card" data-testid="izin-type" data-code={x.code}>
            <Link href={`/jenis/${x.code}`} className="izin-card-link">
              <span className="izin-card-title">{pick(x.definition.name)}</span>
            </Link>
            <span className="muted izin-small">{pick(x.definition.description)}</span>
            <span className="izin-small">
              {t('izin.slaShort', { count: x.definition.slaDays })} · {x.opd.name}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The published service standard of one type (standar pelayanan) and "Ajukan". */
export function TypeDetail({ code }: { code: string }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = useApi<TypeView>(`${BASE}/types/${encodeURIComponent(code)}`);
  if (type.loading && !type.data) return <Spinner label={t('izin.loading')} />;
  if (!type.data) return <Alert>{type.error}</Alert>;
  const def = type.data.definition;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await api<ApplicationView>(`${BASE}/applications`, {
        method: 'POST',
        body: { typeCode: code, form: {} },
      });
      navigate(`/permohonan/${a.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <div className="izin narrow" data-testid="izin-type-detail">
      <Link href="/" className="izin-back">
        ← {t('izin.backToCatalogue')}
      </Link>
      <h1>{pick(def.name)}</h1>
      <p>{pick(def.description)}</p>
      <p className="muted izin-small">
        {t('izin.office')}: {type.data.opd.name} · {t('izin.version', { n: type.data.version })}
      </p>
      {me ? (
        <Button onClick={start} busy={busy} block data-testid="izin-apply">
          {t('izin.apply')}
        </Button>
      ) : (
        <Link href="~/masuk" className={buttonClass('primary', true)}>
          {t('izin.signInToApply')}
        </Link>
      )}
      {error ? <Alert>{error}</Alert> : null}
      <h2>{t('izin.standard')}</h2>
      <dl className="izin-standard">
        <dt>{t('izin.std.requirements')}</dt>
        <dd>
          <ol>
            {def.requirements.map((r) => (
              <li key={r.key}>
                {pick(r.label)} {r.mandatory ? '' : `(${t('izin.optional')})`}
                <span className="muted izin-small izin-block">
                  {r.formats.map((x) => x.toUpperCase()).join('/')} ·{' '}
                  {t('izin.maxKb', { kb: f.number(r.maxKb, 0) })}
                  {r.maxAgeDays ? ` · ${t('izin.maxAge', { days: r.maxAgeDays })}` : ''} ·{' '}
                  {pick(lockerDocLabels[r.docType])}
                </span>
              </li>
            ))}
          </ol>
        </dd>
        <dt>{t('izin.std.procedure')}</dt>
        <dd>
          <ol>
            <li>{t('izin.std.stepApply')}</li>
            {stepsOf(def).map((s) => (
              <li key={s}>
                {pick(stepLabels[s])}
                {s === 'technical' && def.technicalReview?.fieldSurvey ? ` — ${t('izin.std.survey')}` : ''}
              </li>
            ))}
          </ol>
        </dd>
        <dt>{t('izin.std.time')}</dt>
        <dd>{t('izin.slaLong', { count: def.slaDays })}</dd>
        <dt>{t('izin.std.cost')}</dt>
        <dd data-testid="izin-fee">{feeText(f, def.fee, def, t, pick)}</dd>
        <dt>{t('izin.std.product')}</dt>
        <dd>{pick(def.output.title)}</dd>
        <dt>{t('izin.std.validity')}</dt>
        <dd>
          {def.validityMonths
            ? t('izin.validityMonths', { count: def.validityMonths })
            : t('izin.validityNone')}
        </dd>
        <dt>{t('izin.std.legal')}</dt>
        <dd>
          <ul>
            {def.legalBasis.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('izin.std.complaints')}</dt>
        <dd>{t('izin.std.complaintsChannel')}</dd>
      </dl>
    </div>
  );
}
