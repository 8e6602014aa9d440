import './strings-staff';
import { Route, Switch } from 'wouter';
import { useLang } from '../../core/i18n';
import { Alert } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { Admin } from './staff/admin/Admin';
import { Detail } from './staff/Detail';
import { Inbox } from './staff/Inbox';
import './staff/laksa-staff.css';
import { NestUnder } from '../../core/NestUnder';

const MODULE_PATH = '/staf/m/laksa';

/**
 * LAKSA in the staff console, as wouter routes nested under `/staf/m/laksa`:
 * `/` inbox (queues, filters, list/map, bulk disposition, export) · `/r/:id` one report ·
 * `/admin/<tab>` the region's LAKSA administration (laksa:manage).
 */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const routes = (
    <div className="lk-staff" data-testid="laksa-staff">
      <Switch>
        <Route path="/">
          <Inbox title={title} />
        </Route>
        <Route path="/r/:id">{(p) => <Detail key={p.id} id={p.id} />}</Route>
        <Route path="/admin/:tab?">
          <Admin />
        </Route>
        <Route>
          <Alert>{t('notFound.title')}</Alert>
        </Route>
      </Switch>
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}
