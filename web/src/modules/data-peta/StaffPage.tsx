import './strings';
import './data-peta.css';
import { Route, Switch } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { PageHeader } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { DatasetAdmin } from './staff/DatasetAdmin';
import { DatasetList } from './staff/DatasetList';

const MODULE_PATH = '/staf/m/data-peta';

/** Data & Peta in the staff console: the agency datasets (draft → public / private), uploads, usage. */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  return (
    <NestUnder path={MODULE_PATH}>
      <div className="dp dp-staff" data-testid="dp-staff">
        <PageHeader title={title} subtitle={t('dataPeta.staffSubtitle')} />
        <Switch>
          <Route path="/dataset/:id">{(p) => <DatasetAdmin id={p.id} />}</Route>
          <Route>
            <DatasetList />
          </Route>
        </Switch>
      </div>
    </NestUnder>
  );
}
