import type { ReactNode } from 'react';
import { Link, Redirect } from 'wouter';
import { appPath } from '../../../core/base';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Icon, Spinner } from '../../../core/ui';

/** Helpers every LAKSA citizen screen uses (kept free of zod so the LAKSA home stays small). */

/** Absolute (outside the LAKSA nested router) link target for an app path such as `/masuk`. */
export const outside = (path: string) => `~${appPath(path)}`;

/** Signed-out citizens are sent to sign in first (as the other account pages do). */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useLang();
  const { me, loading } = useSession();
  if (loading) return <Spinner label={t('common.loading')} />;
  if (!me) return <Redirect to={outside('/masuk')} replace />;
  return <>{children}</>;
}

/** "← LAKSA" inside the module's pages. */
export function BackToLaksa() {
  const { t } = useLang();
  return (
    <Link href="/" className="back-link" data-testid="laksa-back">
      <Icon name="back" size={18} />
      {t('laksaCitizen.backToLaksa')}
    </Link>
  );
}
