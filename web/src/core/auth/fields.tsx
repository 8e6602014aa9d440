import type { ComponentProps } from 'react';
import { useLang } from '../i18n';
import { Field } from '../ui';

type Props = Omit<ComponentProps<typeof Field>, 'label' | 'onChange'> & {
  onValue: (value: string) => void;
  label?: ComponentProps<typeof Field>['label'];
};

/** "Nomor HP atau e-mail": the one identifier of every sign-in and reset form. */
export function IdentifierField({ onValue, label, ...rest }: Props) {
  const { t } = useLang();
  return (
    <Field
      label={label ?? t('auth.identifier')}
      hint={t('auth.identifierHint')}
      name="identifier"
      autoComplete="username"
      inputMode="email"
      required
      onChange={(e) => onValue(e.target.value)}
      {...rest}
    />
  );
}

/** A 6-digit code from SMS, e-mail or an authenticator app: digits only, filled by the phone's keyboard. */
export function CodeField({ onValue, label, ...rest }: Props) {
  const { t } = useLang();
  return (
    <Field
      label={label ?? t('verify.code')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      onChange={(e) => onValue(e.target.value.replace(/\D/g, ''))}
      {...rest}
    />
  );
}
