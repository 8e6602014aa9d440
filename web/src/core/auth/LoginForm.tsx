import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { loginInput } from '../../../../shared/auth';
import { ApiError, api, errorMessage } from '../api';
import { useLang } from '../i18n';
import { type Me, useSession } from '../session';
import { Alert, Button, Field } from '../ui';
import { compact, type FieldErrors, serverFieldErrors, validate } from '../validation';
import { IdentifierField } from './fields';

/** Sign-in with identifier (phone or e-mail) + password, and a TOTP step when the API asks for it. */
export function LoginForm({
  onSuccess,
  idPrefix = 'login',
  forgotNext,
}: {
  onSuccess?: (me: Me) => void;
  idPrefix?: string;
  /** Where the "Lupa kata sandi?" page leads once the password is set (default: sign-in page). */
  forgotNext?: string;
}) {
  const { t, lang } = useLang();
  const { setMe } = useSession();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const totpId = `${idPrefix}-totp`;

  useEffect(() => {
    if (needTotp) document.getElementById(totpId)?.focus();
  }, [needTotp, totpId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(loginInput, compact({ identifier, password, totp: needTotp ? totp : '' }), lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      const me = await api<Me>('/auth/login', { method: 'POST', body: v.data });
      setMe(me);
      onSuccess?.(me);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        if (needTotp && totp) setFormError(t('auth.totpWrong'));
        setNeedTotp(true);
      } else {
        setFormError(errorMessage(err));
        if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="login-form">
      {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
      <IdentifierField
        id={`${idPrefix}-identifier`}
        value={identifier}
        onValue={setIdentifier}
        error={errors.identifier}
        data-testid="login-identifier"
      />
      <Field
        id={`${idPrefix}-password`}
        label={t('auth.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
        required
        data-testid="login-password"
      />
      {/* One page for everyone; the staff console passes `/staf` to come back to after the reset. */}
      <p className="field-hint">
        <Link
          href={forgotNext ? `/lupa-sandi?next=${encodeURIComponent(forgotNext)}` : '/lupa-sandi'}
          data-testid="link-forgot-password"
        >
          {t('auth.forgotPassword')}
        </Link>
      </p>
      {needTotp ? (
        <>
          <Alert kind="info" data-testid="totp-required">
            {t('auth.totpPrompt')}
          </Alert>
          <Field
            id={totpId}
            label={t('auth.totpCode')}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            value={totp}
            onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
            error={errors.totp}
            data-testid="login-totp"
          />
        </>
      ) : null}
      <Button type="submit" busy={busy} block data-testid="login-submit">
        {needTotp ? t('auth.verifyAndSignIn') : t('auth.signIn')}
      </Button>
    </form>
  );
}
