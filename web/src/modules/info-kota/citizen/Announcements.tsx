import '../strings';
import { useState } from 'react';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type AnnouncementView, BASE } from '../api';

type Area = { code: string; name: string };

export function AnnouncementItem({ a }: { a: AnnouncementView }) {
  const { t } = useLang();
  const format = useFormat();
  return (
    <li
      id={`p-${a.id}`}
      className={a.urgent ? 'ik-ann ik-ann-urgent' : 'ik-ann'}
      data-testid="ik-announcement"
    >
      <p className="ik-ann-head">
        {a.urgent ? <span className="ik-urgent-badge">{t('infoKota.announcements.urgent')}</span> : null}
        <span className="ik-ann-area">
          {a.areaName
            ? t('infoKota.announcements.forArea', { area: a.areaName })
            : t('infoKota.announcements.wholeRegion')}
        </span>
      </p>
      <h2 className="ik-ann-title">{a.title}</h2>
      <p className="ik-ann-body">{a.body}</p>
      <p className="ik-ann-until muted">
        {t('infoKota.announcements.validUntil', { date: format.dateTime(a.validUntil) })}
      </p>
    </li>
  );
}

/** Announcements in force, urgent first; a citizen can narrow them to their kecamatan. */
export default function Announcements() {
  const { t } = useLang();
  const [area, setArea] = useState('');
  const areas = useApi<Area[]>('/region/areas');
  const { data, error, loading } = useApi<AnnouncementView[]>(
    `${BASE}/public/announcements${area ? `?area=${area}` : ''}`,
  );
  return (
    <section aria-labelledby="ik-ann-title">
      <h2 id="ik-ann-title" className="sr-only">
        {t('infoKota.announcements.title')}
      </h2>
      <div className="field ik-area">
        <label htmlFor="ik-area">{t('infoKota.announcements.area')}</label>
        <select id="ik-area" value={area} onChange={(e) => setArea(e.target.value)} data-testid="ik-area">
          <option value="">{t('infoKota.announcements.allAreas')}</option>
          {(areas.data ?? []).map((x) => (
            <option key={x.code} value={x.code}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      {loading && !data ? <Spinner label={t('common.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      {data && data.length === 0 ? <p className="muted">{t('infoKota.announcements.empty')}</p> : null}
      <ul className="ik-list">
        {(data ?? []).map((a) => (
          <AnnouncementItem key={a.id} a={a} />
        ))}
      </ul>
    </section>
  );
}
