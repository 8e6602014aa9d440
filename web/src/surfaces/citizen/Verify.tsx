import { type FormEvent, useState } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { verifyInput } from '../../../../shared/auth';
import { api, errorMessage } from '../../core/api';
import { CodeField } from '../../core/auth/fields';
import { useLang } from '../../core/i18n';
import { type Me, useSession } from '../../core/session';
import { Alert, Button, buttonClass, Card, PageHeader, useToast } from '../../core/ui';
import { type FieldErrors, validate } from '../../core/validation';

export default function Verify() {
  const { t, lang } = useLang();
  const { me, setMe } = useSession();
  const [, navigate] = useLocation();
  const toast = useToast();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!me) return <Redirect to="/masuk" replace />;
  if (me.user.verified) {
    return (
      <div className="narrow center-block" data-testid="verify-done">
        <h1>{t('verify.doneTitle')}</h1>
        <p>{t('verify.doneBody')}</p>
        <Link href="/" className={buttonClass('primary')}>
          {t('common.backHome')}
        </Link>
      </div>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(verifyInput, { code }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      setMe(await api<Me>('/auth/verify', { method: 'POST', body: v.data }));
      toast(t('verify.success'));
      navigate('/');
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const destination = me.user.phone ?? me.user.email ?? '';
  return (
    <div className="narrow">
      <PageHeader title={t('verify.title')} subtitle={t('verify.subtitle', { destination })} />
      <Card>
        <form className="form" onSubmit={submit} noValidate data-testid="verify-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <CodeField
            id="verify-code"
            value={code}
            onValue={setCode}
            error={errors.code}
            className="code-input"
            data-testid="verify-code"
          />
          <Button type="submit" busy={busy} block data-testid="verify-submit">
            {t('verify.submit')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
