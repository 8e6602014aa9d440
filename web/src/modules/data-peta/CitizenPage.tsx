import './strings';
import './data-peta.css';
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { DatasetPage } from './citizen/DatasetPage';
import { Portal } from './citizen/Portal';

// The map is its own chunk (Leaflet): the catalogue stays small for cheap phones.
const WebGis = lazy(() => import('./citizen/WebGis'));
const MODULE_PATH = '/layanan/data-peta';

/** Data & Peta for citizens: the open data portal, dataset pages and the WebGIS map. */
export default function CitizenPage({ title }: ModulePageProps) {
  const { t } = useLang();
  return (
    <NestUnder path={MODULE_PATH}>
      <Switch>
        <Route path="/dataset/:name">{(p) => <DatasetPage name={p.name} />}</Route>
        <Route path="/peta">
          <Suspense fallback={<Spinner label={t('dataPeta.loading')} />}>
            <WebGis />
          </Suspense>
        </Route>
        <Route>
          <Portal title={title} />
        </Route>
      </Switch>
    </NestUnder>
  );
}
