import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { passwordResetInput, passwordResetRequestInput } from '../../../../shared/auth';
import { ApiError, api, errorMessage } from '../../core/api';
import { CodeField, IdentifierField } from '../../core/auth/fields';
import { useLang } from '../../core/i18n';
import { Alert, Button, Card, Field, PageHeader, useToast } from '../../core/ui';
import { compact, type FieldErrors, serverFieldErrors, validate } from '../../core/validation';
import { safeNext } from './SignIn';

/**
 * "Lupa kata sandi": step 1 asks for the phone number or e-mail and requests a code; step 2 takes
 * the code and the new password. The API answers step 1 the same whether or not the account
 * exists, so this page never says whether it does.
 */
export default function ForgotPassword() {
  const { t, lang } = useLang();
  const [, navigate] = useLocation();
  const toast = useToast();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const [step, setStep] = useState<'identifier' | 'code'>('identifier');
  const [identifier, setIdentifier] = useState('');
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(path: string, body: unknown): Promise<boolean> {
    setBusy(true);
    try {
      await api(path, { method: 'POST', body });
      return true;
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function requestCode(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(passwordResetRequestInput, compact({ identifier }), lang);
    setErrors(v.errors);
    if (!v.ok) return;
    if (await send('/auth/password-reset/request', v.data)) setStep('code');
  }

  async function reset(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(passwordResetInput, compact({ identifier, code, newPassword }), lang);
    setErrors(v.errors);
    if (!v.ok) return;
    if (await send('/auth/password-reset', v.data)) {
      toast(t('forgot.done'));
      navigate(next ?? '/masuk', { replace: true });
    }
  }

  return (
    <div className="narrow">
      <PageHeader
        title={t('forgot.title')}
        subtitle={t(step === 'identifier' ? 'forgot.subtitle' : 'forgot.codeSubtitle')}
      />
      <Card>
        {step === 'identifier' ? (
          <form className="form" onSubmit={requestCode} noValidate data-testid="forgot-form">
            {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
            <IdentifierField
              id="forgot-identifier"
              value={identifier}
              onValue={setIdentifier}
              error={errors.identifier}
              data-testid="forgot-identifier"
            />
            <Button type="submit" busy={busy} block data-testid="forgot-submit">
              {t('forgot.sendCode')}
            </Button>
          </form>
        ) : (
          <form className="form" onSubmit={reset} noValidate data-testid="reset-form">
            <Alert kind="info" data-testid="forgot-sent">
              {t('forgot.sent', { identifier })}
            </Alert>
            {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
            <CodeField
              id="reset-code"
              value={code}
              onValue={setCode}
              error={errors.code}
              className="code-input"
              data-testid="reset-code"
            />
            <Field
              id="reset-password"
              label={t('forgot.newPassword')}
              type="password"
              autoComplete="new-password"
              hint={t('signup.passwordHint')}
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              error={errors.newPassword}
              required
              data-testid="reset-password"
            />
            <Button type="submit" busy={busy} block data-testid="reset-submit">
              {t('forgot.submit')}
            </Button>
            <Button
              type="button"
              variant="ghost"
              block
              onClick={() => {
                setStep('identifier');
                setFormError(null);
              }}
              data-testid="forgot-again"
            >
              {t('forgot.again')}
            </Button>
          </form>
        )}
      </Card>
      <p className="switch-auth">
        <Link href={next ?? '/masuk'} data-testid="link-signin">
          {t('forgot.back')}
        </Link>
      </p>
    </div>
  );
}
