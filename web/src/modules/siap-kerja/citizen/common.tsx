import { Link } from 'wouter';
import type { MatchExplanation } from '../../../../../shared/modules/siap-kerja';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Icon } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import type { Area, VacancyCard } from '../api';
import { criterionLabels, educationLabels, jobTypeLabels } from '../labels';

/** The region's kecamatan (cached by the browser for an hour). */
export function useKecamatan(): Area[] {
  return useApi<Area[]>('/region/areas').data ?? [];
}

export function Wage({ min, max }: { min: number | null; max: number | null }) {
  const { t } = useLang();
  const f = useFormat();
  const rp = (n: number) => `Rp${f.number(n, 0)}`;
  if (min === null && max === null) return <span className="muted">{t('siapKerja.wageUnknown')}</span>;
  if (min !== null && max !== null && min !== max)
    return (
      <span>
        {rp(min)} – {rp(max)}
      </span>
    );
  return <span>{rp((min ?? max)!)}</span>;
}

/** "Cocok: pendidikan, lokasi · Kurang: pengalaman 2 tahun". */
export function MatchLine({
  score,
  explanation,
}: {
  score: number | null;
  explanation: MatchExplanation | null;
}) {
  const { t, pick } = useLang();
  if (score === null || !explanation) return null;
  const missing = explanation.missing.map((m) => {
    const word = pick(criterionLabels[m.key] ?? { id: m.key, en: m.key });
    if (m.years) return `${word} ${t('siapKerja.years', { count: m.years })}`;
    if (m.skills?.length) return `${word} (${m.skills.join(', ')})`;
    return word;
  });
  return (
    <p className="sk-match" data-testid="sk-match">
      <span className={`sk-score sk-score-${score >= 80 ? 'high' : score >= 50 ? 'mid' : 'low'}`}>
        {t('siapKerja.score', { score })}
      </span>{' '}
      {explanation.matched.length ? (
        <span>
          {t('siapKerja.matched')}:{' '}
          {explanation.matched.map((k) => pick(criterionLabels[k] ?? { id: k, en: k })).join(', ')}
        </span>
      ) : null}
      {missing.length ? (
        <span className="sk-missing">
          {' · '}
          {t('siapKerja.missing')}: {missing.join(', ')}
        </span>
      ) : null}
    </p>
  );
}

export function VacancyItem({ v }: { v: VacancyCard }) {
  const { t, pick } = useLang();
  const f = useFormat();
  return (
    <li className="sk-card" data-testid="sk-vacancy">
      <Link href={`/lowongan/${v.id}`} className="sk-card-link">
        <span className="sk-card-title">{v.title}</span>
        <span className="sk-card-employer">{v.employerName}</span>
      </Link>
      <p className="sk-card-facts">
        <span>
          <Icon name="map" size={14} /> {v.kecamatanName ?? v.location}
        </span>
        <span>{pick(educationLabels[v.education])}</span>
        <span>{pick(jobTypeLabels[v.type])}</span>
        <Wage min={v.wageMin} max={v.wageMax} />
        {v.disabilityFriendly ? <span className="sk-chip">{t('siapKerja.disabilityFriendly')}</span> : null}
      </p>
      <MatchLine score={v.score} explanation={v.explanation} />
      <p className="muted sk-small">{t('siapKerja.until', { date: f.day(v.validUntil) })}</p>
    </li>
  );
}

export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="sk-back">
      <Icon name="back" size={18} /> {label}
    </Link>
  );
}
