import { lazy, type ReactNode, Suspense } from 'react';
import { Router, useLocation } from 'wouter';
import { basePath } from './core/base';
import { useLang } from './core/i18n';
import { LoadFailed } from './core/LoadFailed';
import { RegionProvider, useRegionState } from './core/region';
import { SessionProvider } from './core/session';
import { Alert, Button, ErrorBoundary, ShellSkeleton, Spinner, ToastProvider } from './core/ui';
import { moduleRegistry } from './modules/registry';
import { CitizenApp } from './surfaces/citizen/CitizenApp';

// Staff console and command center are separate chunks: a citizen never downloads them.
const StaffApp = lazy(() => import('./surfaces/staff/StaffApp'));
const CommandApp = lazy(() => import('./surfaces/command/CommandApp'));

function RegionGate({ children }: { children: ReactNode }) {
  const { t } = useLang();
  const { region, error, loading, reload } = useRegionState();
  const [location] = useLocation();
  if (region) return <>{children}</>;
  if (loading || !error)
    return /^\/(staf|live|layar)(\/|$)/.test(location) ? (
      <Spinner label={t('common.loading')} />
    ) : (
      <ShellSkeleton label={t('common.loading')} />
    );
  return (
    <main className="center-page" id="main">
      <h1>{error.code === 'REGION_NOT_FOUND' ? t('region.notFoundTitle') : t('region.errorTitle')}</h1>
      <Alert data-testid="region-error">{error.localized()}</Alert>
      <Button onClick={() => void reload()}>{t('common.retry')}</Button>
    </main>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useLang();
  return (
    <ErrorBoundary fallback={(retry) => <LoadFailed retry={retry} />}>
      <Suspense fallback={<Spinner label={t('common.loading')} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function Surfaces() {
  const [location] = useLocation();
  if (location === '/staf' || location.startsWith('/staf/')) {
    return (
      <Lazy>
        <StaffApp />
      </Lazy>
    );
  }
  if (location === '/live' || location.startsWith('/live/')) {
    return (
      <Lazy>
        <CommandApp />
      </Lazy>
    );
  }
  const screen = /^\/layar\/([a-z0-9-]+)(?:\/(.*))?$/.exec(location);
  const Screen = screen ? moduleRegistry[screen[1]!]?.screen : undefined;
  if (screen && Screen) {
    return (
      <Lazy>
        <Screen path={screen[2] ?? ''} />
      </Lazy>
    );
  }
  return <CitizenApp />;
}

export function App() {
  const { t } = useLang();
  return (
    <ToastProvider closeLabel={t('common.close')}>
      <RegionProvider>
        <SessionProvider>
          <Router base={basePath}>
            <RegionGate>
              <Surfaces />
            </RegionGate>
          </Router>
        </SessionProvider>
      </RegionProvider>
    </ToastProvider>
  );
}
