import { type FormEvent, useState } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { profileUpdateInput } from '../../../../shared/auth';
import { ApiError, api, errorMessage } from '../../core/api';
import { LangSwitch } from '../../core/auth/LangSwitch';
import { useLang } from '../../core/i18n';
import { type Me, useSession } from '../../core/session';
import { Alert, Badge, Button, buttonClass, Card, cx, Field, PageHeader, useToast } from '../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../core/validation';

function ProfileForm({ me }: { me: Me }) {
  const { t, lang } = useLang();
  const { setMe } = useSession();
  const toast = useToast();
  const [name, setName] = useState(me.user.name);
  const [email, setEmail] = useState(me.user.email ?? '');
  const [nik, setNik] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const body: Record<string, unknown> = {};
    if (name.trim() !== me.user.name) body.name = name;
    if (email.trim() !== (me.user.email ?? '')) body.email = email.trim() === '' ? null : email;
    if (nik.trim()) body.nik = nik;
    const v = validate(profileUpdateInput, body, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    if (Object.keys(body).length === 0) {
      toast(t('profile.nothingChanged'), 'info');
      return;
    }
    setBusy(true);
    try {
      setMe(await api<Me>('/auth/me', { method: 'PATCH', body: v.data }));
      setNik('');
      toast(t('profile.saved'));
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="profile-form">
      {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
      <Field
        id="profile-name"
        label={t('fields.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        autoComplete="name"
        data-testid="profile-name"
      />
      <Field
        id="profile-email"
        label={t('fields.email')}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
        autoComplete="email"
        data-testid="profile-email"
      />
      <Field
        id="profile-nik"
        label={me.user.nikMasked ? t('profile.nikChange') : t('fields.nikOptional')}
        hint={t('signup.nikHint')}
        inputMode="numeric"
        maxLength={16}
        autoComplete="off"
        value={nik}
        onChange={(e) => setNik(e.target.value)}
        error={errors.nik}
        data-testid="profile-nik-input"
      />
      <Button type="submit" busy={busy} data-testid="profile-save">
        {t('common.save')}
      </Button>
    </form>
  );
}

export default function Profile() {
  const { t } = useLang();
  const { me, logout, can } = useSession();
  const [, navigate] = useLocation();
  const toast = useToast();
  if (!me) return <Redirect to="/masuk" replace />;
  const u = me.user;

  async function signOut() {
    await logout().catch(() => {});
    toast(t('auth.signedOut'), 'info');
    navigate('/');
  }

  return (
    <div className="narrow">
      <PageHeader title={t('profile.title')} />
      <Card title={t('profile.account')} data-testid="profile-card">
        <dl className="details">
          <div>
            <dt>{t('fields.name')}</dt>
            <dd data-testid="profile-display-name">{u.name}</dd>
          </div>
          <div>
            <dt>{t('fields.phone')}</dt>
            <dd>{u.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('fields.email')}</dt>
            <dd>{u.email ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('fields.nik')}</dt>
            <dd data-testid="profile-nik">{u.nikMasked ?? t('profile.nikNone')}</dd>
          </div>
          <div>
            <dt>{t('profile.status')}</dt>
            <dd>
              {u.verified ? (
                <Badge tone="ok">{t('profile.verified')}</Badge>
              ) : (
                <>
                  <Badge tone="warn">{t('profile.unverified')}</Badge>{' '}
                  <Link href="/verifikasi">{t('home.verifyNow')}</Link>
                </>
              )}
            </dd>
          </div>
        </dl>
      </Card>
      <Card title={t('profile.edit')}>
        <ProfileForm me={me} />
      </Card>
      <Card title={t('profile.preferences')}>
        <div className="row">
          <span>{t('profile.language')}</span>
          <LangSwitch className={cx(buttonClass('secondary'), 'btn-small')} />
        </div>
        {can('core:staff.access') || can('core:live.watch') ? (
          <div className="row wrap">
            {can('core:staff.access') ? (
              <Link href="/staf" className={buttonClass('secondary')} data-testid="link-staff">
                {t('nav.staffConsole')}
              </Link>
            ) : null}
            {can('core:live.watch') ? (
              <Link href="/live" className={buttonClass('secondary')} data-testid="link-live">
                {t('nav.liveRoom')}
              </Link>
            ) : null}
          </div>
        ) : null}
      </Card>
      <Button variant="danger" block onClick={() => void signOut()} data-testid="signout">
        {t('auth.signOut')}
      </Button>
    </div>
  );
}
