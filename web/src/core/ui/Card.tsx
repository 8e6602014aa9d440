import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './cx';

export function Card({
  title,
  actions,
  className,
  children,
  headingLevel = 2,
  ...rest
}: { title?: ReactNode; actions?: ReactNode; headingLevel?: 2 | 3 } & HTMLAttributes<HTMLElement>) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cx('card', className)} {...rest}>
      {title || actions ? (
        <div className="card-head">
          {title ? <H className="card-title">{title}</H> : null}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export function Alert({
  kind = 'error',
  children,
  ...rest
}: {
  kind?: 'error' | 'info' | 'success' | 'warning';
  children: ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={cx('alert', `alert-${kind}`)} role={kind === 'error' ? 'alert' : undefined} {...rest}>
      {children}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <div className="loading" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'neutral' | 'ok' | 'warn' | 'off';
  children: ReactNode;
}) {
  return <span className={cx('badge', `badge-${tone}`)}>{children}</span>;
}
