import { type FormHTMLAttributes, type ReactNode, useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../api';
import { useLang } from '../i18n';
import { type FieldErrors, serverFieldErrors, validate } from '../validation';
import { Button, type ButtonVariant } from './Button';
import { Alert } from './Card';
import { cx } from './cx';

type Schema = Parameters<typeof validate>[0];

export interface SubmitOptions {
  /** Gets the schema's field errors and returns the final ones (cross-field rules); any error stops the submit. */
  check?: (errors: FieldErrors) => FieldErrors;
  /** Map an API error's field details to field errors too (default true). */
  serverFieldErrors?: boolean;
}

/**
 * Field errors, a form-level error and a busy flag for one form, and `submit`: validate with the shared zod
 * schema, then run `send` with busy on; a failure shows as the form error (localised by `ApiError`).
 */
export function useSubmit() {
  const { lang } = useLang();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  /** `schema = null` sends `value` as it is. `send` gets the parsed value. */
  async function submit(
    schema: Schema | null,
    value: unknown,
    send: (data: unknown) => Promise<void>,
    options: SubmitOptions = {},
  ): Promise<void> {
    setFormError(null);
    let data = value;
    if (schema) {
      const v = validate(schema, value, lang);
      const errs = options.check ? options.check({ ...v.errors }) : v.errors;
      setErrors(errs);
      if (!v.ok || Object.keys(errs).length) return;
      data = v.data;
    }
    setBusy(true);
    try {
      await send(data);
    } catch (err) {
      setFormError(errorMessage(err));
      if (options.serverFieldErrors !== false && err instanceof ApiError) {
        setErrors(serverFieldErrors(err.details, lang));
      }
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, formError, busy, submit, clear };
}

type TextKey<D> = { [K in keyof D]-?: D[K] extends string ? K : never }[keyof D];
type FlagKey<D> = { [K in keyof D]-?: D[K] extends boolean ? K : never }[keyof D];

/**
 * `useSubmit` plus the form's values: `field(k)` gives a text field's `value`, `onChange` and `error`,
 * `flag(k)` a checkbox's `checked` and `onChange`.
 */
export function useForm<D extends object>(initial: D) {
  const state = useSubmit();
  const [draft, setDraft] = useState<D>(initial);
  const field = (k: TextKey<D>) => ({
    value: draft[k] as string,
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value })),
    error: state.errors[k as string],
  });
  const flag = (k: FlagKey<D>) => ({
    checked: draft[k] as boolean,
    onChange: (e: { target: { checked: boolean } }) => setDraft((d) => ({ ...d, [k]: e.target.checked })),
  });
  return { ...state, draft, setDraft, field, flag };
}

/** `<form className="form" noValidate>` that prevents the page submit and shows the form-level error first. */
export function Form({
  onSubmit,
  error,
  intro,
  className,
  children,
  ...rest
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
  onSubmit: () => unknown;
  error: string | null;
  /** Shown above the error (a hint for the whole form). */
  intro?: ReactNode;
}) {
  return (
    <form
      className={cx('form', className)}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      noValidate
      {...rest}
    >
      {intro}
      {error ? <Alert data-testid="form-error">{error}</Alert> : null}
      {children}
    </form>
  );
}

/** The submit button, and a "Cancel" button when `onCancel` is given, in one row. */
export function FormActions({
  label,
  busy,
  testId,
  variant,
  onCancel,
}: {
  label: ReactNode;
  busy: boolean;
  testId: string;
  variant?: ButtonVariant;
  onCancel?: (() => void) | null;
}) {
  const { t } = useLang();
  return (
    <div className="row">
      <Button type="submit" busy={busy} variant={variant} data-testid={testId}>
        {label}
      </Button>
      {onCancel ? (
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      ) : null}
    </div>
  );
}

/** A list with `value` added (`on`) or removed; for groups of checkboxes. */
export function toggled<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((x) => x !== value);
}
