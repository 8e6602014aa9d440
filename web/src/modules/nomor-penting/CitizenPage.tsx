import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { Alert, Button, Icon, Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { categories, has112, type ImportantNumber, numbersPath, sortNumbers, telHref } from './types';

function NumberItem({ n, emergency = false }: { n: ImportantNumber; emergency?: boolean }) {
  const { t } = useLang();
  return (
    <li className={emergency ? 'number-item number-emergency' : 'number-item'} data-testid="important-number">
      <div className="number-text">
        <span className="number-name">{n.name}</span>
        {n.description ? <span className="number-desc">{n.description}</span> : null}
      </div>
      <a
        className="call-link"
        href={telHref(n.number)}
        data-testid={`call-${n.number.replace(/\D/g, '')}`}
        aria-label={t('nomorPenting.callLabel', { name: n.name, number: n.number })}
      >
        <Icon name="phone" size={20} />
        <span>{n.number}</span>
      </a>
    </li>
  );
}

export default function CitizenPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { data, error, loading, reload } = useApi<ImportantNumber[]>(numbersPath);
  const list = sortNumbers(data ?? []);
  const national: ImportantNumber = {
    id: 'national-112',
    name: t('nomorPenting.national112'),
    number: '112',
    category: 'darurat',
    description: t('nomorPenting.national112Desc'),
    sort: 0,
  };
  const first = list[0] && has112([list[0]]) ? list[0] : national;
  const rest = list.filter((n) => n !== first);

  return (
    <div className="nomor-penting">
      <h1>{title}</h1>
      <p className="muted">{t('nomorPenting.intro')}</p>
      <div data-testid="important-numbers">
        <ul className="number-list">
          <NumberItem n={first} emergency />
        </ul>
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error && !data ? (
          <Alert>
            {error}{' '}
            <Button small variant="secondary" onClick={reload}>
              {t('common.retry')}
            </Button>
          </Alert>
        ) : null}
        {categories.map((c) => {
          const items = rest.filter((n) => n.category === c);
          if (items.length === 0) return null;
          return (
            <section key={c} aria-labelledby={`cat-${c}`} className="number-group">
              <h2 id={`cat-${c}`}>{t(`nomorPenting.category.${c}`)}</h2>
              <ul className="number-list">
                {items.map((n) => (
                  <NumberItem key={n.id} n={n} emergency={c === 'darurat'} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {data && data.length === 0 ? <p className="muted">{t('nomorPenting.empty')}</p> : null}
    </div>
  );
}
