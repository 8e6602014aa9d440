import { type FormEvent, useState } from 'react';
import { totpEnableInput } from '../../../../shared/auth';
import { api, errorMessage } from '../../core/api';
import { CodeField } from '../../core/auth/fields';
import { useLang } from '../../core/i18n';
import { type Me, useSession } from '../../core/session';
import { Alert, Badge, Button, Card, PageHeader, useToast } from '../../core/ui';
import { type FieldErrors, validate } from '../../core/validation';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** Groups a base32 secret in blocks of four for easier typing. */
const group = (s: string) => s.replace(/(.{4})/g, '$1 ').trim();

export function Security() {
  const { t, lang } = useLang();
  const { me, setMe } = useSession();
  const toast = useToast();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me) return null;

  async function start() {
    setBusy(true);
    setFormError(null);
    try {
      setSetup(await api<TotpSetup>('/auth/totp/setup', { method: 'POST' }));
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function enable(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(totpEnableInput, { code }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      setMe(await api<Me>('/auth/totp/enable', { method: 'POST', body: v.data }));
      setSetup(null);
      setCode('');
      toast(t('staff.security.enabled'));
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <PageHeader title={t('staff.nav.security')} subtitle={t('staff.security.subtitle')} />
      <Card title={t('staff.security.totp')} data-testid="totp-card">
        <p>
          {t('common.status')}:{' '}
          <span data-testid="totp-status">
            {me.user.totpEnabled ? (
              <Badge tone="ok">{t('staff.security.on')}</Badge>
            ) : (
              <Badge tone="warn">{t('staff.security.off')}</Badge>
            )}
          </span>
        </p>
        {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
        {!me.user.totpEnabled && !setup ? (
          <>
            <p className="muted">{t('staff.security.explain')}</p>
            <Button onClick={() => void start()} busy={busy} data-testid="totp-setup">
              {t('staff.security.setup')}
            </Button>
          </>
        ) : null}
        {setup ? (
          <div className="stack">
            <ol className="steps">
              <li>{t('staff.security.step1')}</li>
              <li>
                {t('staff.security.step2')}
                <div className="secret-box">
                  <span className="secret-label">{t('staff.security.secret')}</span>
                  <code data-testid="totp-secret">{group(setup.secret)}</code>
                </div>
                <div className="secret-box">
                  <span className="secret-label">{t('staff.security.uri')}</span>
                  <a href={setup.otpauthUrl} className="break" data-testid="totp-uri">
                    {setup.otpauthUrl}
                  </a>
                </div>
              </li>
              <li>{t('staff.security.step3')}</li>
            </ol>
            <form className="form" onSubmit={enable} noValidate data-testid="totp-enable-form">
              <CodeField
                id="totp-code"
                label={t('auth.totpCode')}
                value={code}
                onValue={setCode}
                error={errors.code}
                data-testid="totp-code"
              />
              <Button type="submit" busy={busy} data-testid="totp-enable">
                {t('staff.security.enable')}
              </Button>
            </form>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
