import { useLang } from './i18n';
import { Alert, Button } from './ui';

/** Shown when a lazily loaded part of the app cannot be downloaded (e.g. offline). */
export function LoadFailed({ retry }: { retry: () => void }) {
  const { t } = useLang();
  return (
    <div className="center-page" data-testid="load-failed">
      <Alert>{t('common.loadFailed')}</Alert>
      <Button onClick={retry}>{t('common.retry')}</Button>
    </div>
  );
}
