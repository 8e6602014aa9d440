import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'accent' | 'on-brand';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  busy?: boolean;
  block?: boolean;
  small?: boolean;
}

export function Button({
  variant = 'primary',
  busy = false,
  block = false,
  small = false,
  className,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cx('btn', `btn-${variant}`, block && 'btn-block', small && 'btn-small', className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/** Class names for a link that looks like a button. */
export function buttonClass(variant: ButtonVariant = 'primary', block = false): string {
  return cx('btn', `btn-${variant}`, block && 'btn-block');
}
