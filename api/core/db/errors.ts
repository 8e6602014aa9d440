import { AppError } from '../errors';

/**
 * PostgreSQL (and PGlite) error codes that a client's input can cause, as envelopes instead of
 * 500s. Use cases should check what they can and throw a clearer AppError first (e.g. "OPD not
 * found"); this is the net under every route, so the next module is covered too.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function databaseError(err: unknown): AppError | null {
  const pg = sqlStateOf(err);
  if (!pg) return null;
  const details = { constraint: pg.constraint ?? null };
  switch (pg.code) {
    case '23505': // unique_violation
      return new AppError('CONFLICT', { details });
    case '23503': // foreign_key_violation: deleting a row still referenced, or pointing at none
      return /still referenced/i.test(pg.message)
        ? new AppError('CONFLICT', {
            messages: {
              id: 'Data ini masih dipakai oleh data lain.',
              en: 'This record is still used by other records.',
            },
            details,
          })
        : new AppError('VALIDATION_FAILED', {
            messages: {
              id: 'Data yang dirujuk tidak ditemukan.',
              en: 'A referenced record does not exist.',
            },
            details,
          });
    case '23502': // not_null_violation
    case '23514': // check_violation
    case '22P02': // invalid_text_representation (e.g. a malformed uuid)
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire (e.g. NUL in text)
    case '22P05': // untranslatable_character (e.g. \u0000 in jsonb)
      return new AppError('VALIDATION_FAILED', { details });
    default:
      return null;
  }
}

export type PgError = { code: string; message: string; constraint?: string; detail?: string };

/** Drizzle wraps the driver's error (`cause`); pg and PGlite both carry the SQLSTATE in `code`. */
export function sqlStateOf(err: unknown): PgError | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgError;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
