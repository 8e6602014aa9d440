import { type FormEvent, useState } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { registerInput } from '../../../../shared/auth';
import { ApiError, api, errorMessage } from '../../core/api';
import { useLang } from '../../core/i18n';
import { type Me, useSession } from '../../core/session';
import { Alert, Button, Card, Field, PageHeader, useToast } from '../../core/ui';
import { compact, type FieldErrors, serverFieldErrors, validate } from '../../core/validation';

const empty = { name: '', phone: '', email: '', password: '', nik: '' };
type Values = typeof empty;

export default function SignUp() {
  const { t, lang } = useLang();
  const { me, setMe } = useSession();
  const [, navigate] = useLocation();
  const toast = useToast();
  const [values, setValues] = useState<Values>(empty);
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me && !busy) return <Redirect to="/profil" replace />;

  // Inline validation with the same zod schema the API uses; shown once a field was left.
  const check = validate(registerInput, compact(values), lang);
  const errorFor = (k: keyof Values) => (touched[k] ? (check.errors[k] ?? serverErrors[k]) : undefined);

  const bind = (k: keyof Values) => ({
    name: k,
    value: values[k],
    onChange: (e: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [k]: e.target.value }));
      setServerErrors((s) => ({ ...s, [k]: '' }));
    },
    onBlur: () => setTouched((s) => ({ ...s, [k]: true })),
    error: errorFor(k),
    'data-testid': `signup-${k}`,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setTouched({ name: true, phone: true, email: true, password: true, nik: true });
    if (!check.ok) {
      const first = Object.keys(check.errors)[0];
      if (first) document.getElementById(`signup-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await api<Me>('/auth/register', { method: 'POST', body: check.data });
      setMe(created);
      toast(t('signup.created'));
      navigate(created.user.verified ? '/' : '/verifikasi');
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setServerErrors(serverFieldErrors(err.details, lang));
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeader title={t('signup.title')} subtitle={t('signup.subtitle')} />
      <Card>
        <form className="form" onSubmit={submit} noValidate data-testid="signup-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Field id="signup-name" label={t('fields.name')} autoComplete="name" required {...bind('name')} />
          <fieldset className="fieldset">
            <legend>{t('signup.contact')}</legend>
            <p className="field-hint">{t('signup.contactHint')}</p>
            <Field
              id="signup-phone"
              label={t('fields.phone')}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="0812xxxxxxxx"
              {...bind('phone')}
            />
            <Field
              id="signup-email"
              label={t('fields.email')}
              type="email"
              inputMode="email"
              autoComplete="email"
              {...bind('email')}
            />
          </fieldset>
          <Field
            id="signup-password"
            label={t('auth.password')}
            type="password"
            autoComplete="new-password"
            hint={t('signup.passwordHint')}
            required
            {...bind('password')}
          />
          <Field
            id="signup-nik"
            label={t('fields.nikOptional')}
            hint={t('signup.nikHint')}
            inputMode="numeric"
            maxLength={16}
            autoComplete="off"
            {...bind('nik')}
          />
          <Button type="submit" busy={busy} block data-testid="signup-submit">
            {t('signup.submit')}
          </Button>
        </form>
      </Card>
      <p className="switch-auth">
        {t('signup.haveAccount')}{' '}
        <Link href="/masuk" data-testid="link-signin">
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  );
}
