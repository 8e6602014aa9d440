import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { LoginForm } from '../../core/auth/LoginForm';
import { useLang } from '../../core/i18n';
import { useSession } from '../../core/session';
import { Card, PageHeader, useToast } from '../../core/ui';

/**
 * `?next=` after sign-in: only a path inside this region's app (`/layanan/laksa/lapor`), never
 * another origin (`//host`, `/\host`, `https:…`, `javascript:…`) and never the sign-in page itself.
 */
export function safeNext(raw: string | null): string | null {
  if (!raw || raw.length > 500 || !raw.startsWith('/')) return null;
  if (
    raw.startsWith('//') ||
    /[\\\s]/.test(raw) ||
    /^[^?#]*:/.test(raw) ||
    /[a-z][a-z0-9+.-]*:\/\//i.test(raw)
  ) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw, 'http://app.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://app.invalid') return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('//') || url.pathname === '/masuk' || url.pathname.startsWith('/masuk/')) return null;
  return path;
}

export default function SignIn() {
  const { t } = useLang();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const toast = useToast();
  if (me) return <Redirect to={next ?? '/profil'} replace />;
  return (
    <div className="narrow">
      <PageHeader title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')} />
      <Card>
        <LoginForm
          onSuccess={(m) => {
            toast(t('auth.welcome', { name: m.user.name }));
            navigate(next ?? (m.user.verified ? '/' : '/verifikasi'), { replace: next !== null });
          }}
        />
      </Card>
      <p className="switch-auth">
        {t('auth.noAccount')}{' '}
        <Link href="/daftar" data-testid="link-signup">
          {t('nav.signUp')}
        </Link>
      </p>
    </div>
  );
}
