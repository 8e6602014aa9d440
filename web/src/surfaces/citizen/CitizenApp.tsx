import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useLang } from '../../core/i18n';
import { LoadFailed } from '../../core/LoadFailed';
import { ErrorBoundary, Spinner } from '../../core/ui';
import { CitizenShell } from './CitizenShell';
import { Home } from './Home';
import { NotFound } from './NotFound';
import { ServicePage } from './ServicePage';

// Account pages carry the zod schemas; load them only when opened.
const SignIn = lazy(() => import('./SignIn'));
const SignUp = lazy(() => import('./SignUp'));
const Verify = lazy(() => import('./Verify'));
const ForgotPassword = lazy(() => import('./ForgotPassword'));
const Profile = lazy(() => import('./Profile'));
const Notifications = lazy(() => import('./Notifications'));
const DocumentCheck = lazy(() => import('./DocumentCheck'));

export function CitizenApp() {
  const { t } = useLang();
  return (
    <CitizenShell>
      <ErrorBoundary fallback={(retry) => <LoadFailed retry={retry} />}>
        <Suspense fallback={<Spinner label={t('common.loading')} />}>
          <Switch>
            <Route path="/" component={Home} />
            <Route path="/masuk" component={SignIn} />
            <Route path="/daftar" component={SignUp} />
            <Route path="/verifikasi" component={Verify} />
            <Route path="/lupa-sandi" component={ForgotPassword} />
            <Route path="/profil" component={Profile} />
            <Route path="/notifikasi" component={Notifications} />
            {/* The public check of an issued document (the QR on an AK/1 card, a permit). */}
            <Route path="/cek/:code">{(params) => <DocumentCheck code={params.code} />}</Route>
            {/* Module pages get the rest of the path (`/layanan/laksa/lapor`) for their own nested routes. */}
            <Route path="/layanan/:id/*?">{(params) => <ServicePage id={params.id} />}</Route>
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </CitizenShell>
  );
}
