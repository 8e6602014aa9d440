import { Link, Redirect, useLocation } from 'wouter';
import { LoginForm } from '../../core/auth/LoginForm';
import { useLang } from '../../core/i18n';
import { useSession } from '../../core/session';
import { Card, PageHeader, useToast } from '../../core/ui';

export default function SignIn() {
  const { t } = useLang();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const toast = useToast();
  if (me) return <Redirect to="/profil" replace />;
  return (
    <div className="narrow">
      <PageHeader title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')} />
      <Card>
        <LoginForm
          onSuccess={(m) => {
            toast(t('auth.welcome', { name: m.user.name }));
            navigate(m.user.verified ? '/' : '/verifikasi');
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
