import './strings-citizen';
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useLang } from '../../core/i18n';
import { Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { BackToLaksa } from './citizen/common';
import { useQueueRunner } from './citizen/hooks';
import { LaksaHome } from './citizen/LaksaHome';
import './laksa.css';
import { NestUnder } from '../../core/NestUnder';

// Each screen is its own chunk; only the form and the public map pull in Leaflet (lazily, too).
const ReportForm = lazy(() => import('./citizen/ReportForm'));
const MyReports = lazy(() => import('./citizen/MyReports'));
const ReportDetail = lazy(() => import('./citizen/ReportDetail'));
const PublicMap = lazy(() => import('./citizen/PublicMap'));

const MODULE_PATH = '/layanan/laksa';

function NotFoundHere() {
  const { t } = useLang();
  return (
    <div className="narrow center-block" data-testid="laksa-page-not-found">
      <h1>{t('notFound.title')}</h1>
      <BackToLaksa />
    </div>
  );
}

/** `/layanan/laksa/...`: LAKSA's citizen screens, as wouter routes nested under the module path. */
export default function CitizenPage({ title }: ModulePageProps) {
  const { t } = useLang();
  useQueueRunner();

  const routes = (
    <Suspense fallback={<Spinner label={t('common.loading')} />}>
      <Switch>
        <Route path="/">
          <LaksaHome title={title} />
        </Route>
        <Route path="/lapor" component={ReportForm} />
        <Route path="/saya" component={MyReports} />
        <Route path="/tiket/:ticket">{(p) => <ReportDetail ticket={decodeURIComponent(p.ticket)} />}</Route>
        <Route path="/peta" component={PublicMap} />
        <Route component={NotFoundHere} />
      </Switch>
    </Suspense>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}
