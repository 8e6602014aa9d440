import { Link, Route, Switch, useLocation } from 'wouter';
import { useLang } from '../../../../core/i18n';
import { useSession } from '../../../../core/session';
import { Alert, PageHeader } from '../../../../core/ui';
import { TabNav } from '../common';
import { lastInbox } from '../filters';
import { ApiKeys } from './ApiKeys';
import { Categories } from './Categories';
import { Holidays } from './Holidays';
import { Routing } from './Routing';
import { Settings } from './Settings';
import { Templates } from './Templates';
import { Webhooks } from './Webhooks';

const tabs = [
  { key: 'categories', path: '/admin', component: Categories },
  { key: 'routing', path: '/admin/aturan', component: Routing },
  { key: 'holidays', path: '/admin/libur', component: Holidays },
  { key: 'templates', path: '/admin/template', component: Templates },
  { key: 'settings', path: '/admin/pengaturan', component: Settings },
  { key: 'webhooks', path: '/admin/webhook', component: Webhooks },
  { key: 'apiKeys', path: '/admin/kunci-api', component: ApiKeys },
] as const;

/** LAKSA administration for the region (laksa:manage). */
export function Admin() {
  const { t } = useLang();
  const { can } = useSession();
  const [location] = useLocation();
  if (!can('laksa:manage'))
    return (
      <Alert data-testid="laksa-staff-admin-forbidden">
        {t('staff.forbidden')} <Link href={lastInbox()}>{t('laksaStaff.detail.back')}</Link>
      </Alert>
    );
  return (
    <div data-testid="laksa-staff-admin">
      <Link href={lastInbox()} className="back-link">
        ← {t('laksaStaff.detail.back')}
      </Link>
      <PageHeader title={t('laksaStaff.admin.title')} subtitle={t('laksaStaff.admin.subtitle')} />
      <TabNav
        label={t('laksaStaff.admin.tabsLabel')}
        items={tabs.map((tab) => ({
          key: tab.key,
          href: tab.path,
          label: t(`laksaStaff.admin.tab.${tab.key}`),
          active: location === tab.path,
          testId: `laksa-staff-admin-tab-${tab.key}`,
        }))}
      />
      <Switch>
        {tabs.map((tab) => (
          <Route key={tab.key} path={tab.path} component={tab.component} />
        ))}
        <Route>
          <Alert>{t('notFound.title')}</Alert>
        </Route>
      </Switch>
    </div>
  );
}
