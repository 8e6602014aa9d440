import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { cx } from './cx';

interface ShellProps {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  id?: string;
  className?: string;
  children: (control: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** Label + control + hint + error, wired with aria-describedby / aria-invalid. */
export function FieldShell({ label, error, hint, id, className, children }: ShellProps) {
  const autoId = useId();
  const fid = id ?? `f${autoId.replace(/:/g, '')}`;
  const hintId = hint ? `${fid}-hint` : undefined;
  const errorId = error ? `${fid}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('field', error && 'field-invalid', className)}>
      <label htmlFor={fid}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({ id: fid, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: ReactNode; error?: string | null; hint?: ReactNode; fieldClassName?: string };

export function Field({
  label,
  error,
  hint,
  id,
  fieldClassName,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} id={id} className={fieldClassName}>
      {(c) => <input {...input} {...c} />}
    </FieldShell>
  );
}

export interface SelectOption {
  value: string | number;
  label: ReactNode;
}

/** A select; `options` are listed after `children` (e.g. an "all" or "choose" option). */
export function SelectField({
  label,
  error,
  hint,
  id,
  fieldClassName,
  options,
  children,
  ...select
}: Common & { options?: readonly SelectOption[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} id={id} className={fieldClassName}>
      {(c) => (
        <select {...select} {...c}>
          {children}
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  id,
  fieldClassName,
  ...area
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} id={id} className={fieldClassName}>
      {(c) => <textarea {...area} {...c} />}
    </FieldShell>
  );
}

/** A checkbox with its label on the right; `switch` renders it as a toggle switch. */
export function Check({
  label,
  hint,
  switch: isSwitch = false,
  id,
  ...input
}: { label: ReactNode; hint?: ReactNode; switch?: boolean } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type'
>) {
  const autoId = useId();
  const fid = id ?? `c${autoId.replace(/:/g, '')}`;
  return (
    <div className="check">
      <input
        type="checkbox"
        role={isSwitch ? 'switch' : undefined}
        className={isSwitch ? 'switch' : undefined}
        id={fid}
        aria-describedby={hint ? `${fid}-hint` : undefined}
        {...input}
      />
      <div>
        <label htmlFor={fid}>{label}</label>
        {hint ? (
          <p className="field-hint" id={`${fid}-hint`}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
