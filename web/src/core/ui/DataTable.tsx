import type { HTMLAttributes, ReactNode } from 'react';
import { useLang } from '../i18n';
import { Button, type ButtonProps } from './Button';
import { Alert, Badge, Spinner } from './Card';
import { cx } from './cx';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Class of the body cells. */
  className?: string;
  /** Class of the header cell. */
  headClassName?: string;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/**
 * A `.table` that always fits its card: long words (e-mail addresses, URLs) wrap, and in a card
 * narrower than the table needs (a laptop's split view, a phone) each row becomes a small card of
 * "header: value" lines (ui.css, container query on `.table-wrap`; a string header labels its cells).
 * `actions` adds a last column (header read out as "Actions") with the row's buttons. Falsy columns
 * are left out.
 */
export function DataTable<T>({
  rows,
  rowKey,
  columns,
  actions,
  rowTestId,
  rowProps,
  caption,
  className,
  testId,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: ReadonlyArray<Column<T> | false | null | undefined>;
  actions?: (row: T) => ReactNode;
  rowTestId?: string;
  rowProps?: (row: T) => RowAttributes;
  /** Read by screen readers only. */
  caption?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const { t } = useLang();
  const cols = columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <div className="table-wrap">
      <table className={cx('table', className)} data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {cols.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and fixed
              <th key={i} scope="col" className={c.headClassName}>
                {c.header}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId} {...rowProps?.(row)}>
              {cols.map((c, i) => {
                const label = typeof c.header === 'string' ? c.header : undefined;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and fixed
                  <td key={i} className={c.className} data-label={label}>
                    {c.cell(row)}
                  </td>
                );
              })}
              {actions ? <td className="actions">{actions(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a loaded list shows above its rows: a spinner on the first load, the load error, the empty text. */
export function LoadState({
  state,
  empty,
}: {
  state: { data: readonly unknown[] | null; error: string | null; loading: boolean };
  /** Shown (muted) when the list loaded empty. */
  empty?: ReactNode;
}) {
  const { t } = useLang();
  const { data, error, loading } = state;
  return (
    <>
      {loading && !data ? <Spinner label={t('common.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      {empty && data && data.length === 0 ? <p className="muted">{empty}</p> : null}
    </>
  );
}

/** A small button in a row; `subject` (e.g. the row's name) is added for screen readers only. */
export function RowButton({
  subject,
  variant = 'secondary',
  children,
  ...rest
}: Omit<ButtonProps, 'small'> & { subject?: ReactNode }) {
  return (
    <Button small variant={variant} {...rest}>
      {children}
      {subject ? <span className="sr-only"> {subject}</span> : null}
    </Button>
  );
}

/** A row button (danger by default) that asks `confirm` first and runs `onConfirm` only when it is accepted. */
export function ConfirmButton({
  confirm,
  onConfirm,
  variant = 'danger',
  ...rest
}: Omit<Parameters<typeof RowButton>[0], 'onClick'> & { confirm: string; onConfirm: () => unknown }) {
  return (
    <RowButton
      variant={variant}
      onClick={() => {
        if (window.confirm(confirm)) void onConfirm();
      }}
      {...rest}
    />
  );
}

/** A value shown once (a new secret or key) in a success box, with a button that hides it. */
export function SecretNotice({
  message,
  label,
  value,
  dismissLabel,
  onDismiss,
  testId,
  valueTestId,
}: {
  message: ReactNode;
  label: ReactNode;
  value: string;
  dismissLabel: ReactNode;
  onDismiss: () => void;
  testId: string;
  valueTestId?: string;
}) {
  return (
    <Alert kind="success" data-testid={testId}>
      <p>{message}</p>
      <div className="secret-box">
        <span className="secret-label">{label}</span>
        <code className="break" data-testid={valueTestId}>
          {value}
        </code>
      </div>
      <Button small variant="ghost" onClick={onDismiss}>
        {dismissLabel}
      </Button>
    </Alert>
  );
}

/** "Active" / "Inactive" as a badge. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useLang();
  return <Badge tone={active ? 'ok' : 'off'}>{active ? t('common.active') : t('common.inactive')}</Badge>;
}
