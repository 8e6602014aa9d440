import { Link } from 'wouter';
import { useLang } from '../../core/i18n';
import { buttonClass } from '../../core/ui';

export function NotFound() {
  const { t } = useLang();
  return (
    <div className="narrow center-block" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link href="/" className={buttonClass('primary')}>
        {t('common.backHome')}
      </Link>
    </div>
  );
}
