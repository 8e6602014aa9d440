import { Suspense, useEffect } from 'react';
import { Link } from 'wouter';
import { useLang } from '../../core/i18n';
import { useRegion } from '../../core/region';
import { buttonClass, Icon, Spinner } from '../../core/ui';
import { beaconOpen } from '../../core/usage';
import { moduleRegistry } from '../../modules/registry';

function BackLink() {
  const { t } = useLang();
  return (
    <Link href="/" className="back-link" data-testid="back-home">
      <Icon name="back" size={18} />
      {t('service.allServices')}
    </Link>
  );
}

/** `/layanan/<moduleId>`: the module's citizen page, or a friendly placeholder. */
export function ServicePage({ id }: { id: string }) {
  const { t, pick } = useLang();
  const region = useRegion();
  const mod = region.modules.find((m) => m.id === id && m.citizen);
  const entry = moduleRegistry[id];
  const available = !!mod;
  useEffect(() => {
    if (available) beaconOpen(id, 'citizen');
  }, [id, available]);

  if (!mod) {
    return (
      <div className="service-page narrow" data-testid="service-unavailable">
        <BackLink />
        <h1>{t('service.unavailableTitle')}</h1>
        <p>{t('service.unavailableBody')}</p>
      </div>
    );
  }

  const Page = entry?.citizen;
  const title = pick(mod.name);
  return (
    <div className="service-page" data-testid={`service-page-${id}`}>
      <BackLink />
      {Page ? (
        <Suspense fallback={<Spinner label={t('common.loading')} />}>
          <Page moduleId={id} title={title} />
        </Suspense>
      ) : (
        <div className="coming-soon center-block" data-testid="coming-soon">
          <span className="coming-soon-icon">
            <Icon name={entry?.icon ?? mod.icon} size={40} />
          </span>
          <h1>{title}</h1>
          <p className="lead">{t('service.comingSoonTitle')}</p>
          <p>{t('service.comingSoonBody')}</p>
          <Link href="/" className={buttonClass('secondary')}>
            {t('common.backHome')}
          </Link>
        </div>
      )}
    </div>
  );
}
