import { describe, expect, it } from 'vitest';
import { databaseError } from '../../api/core/db/errors';
import { toAppError } from '../../api/core/http/errors';

/** Drizzle wraps the driver's error in `cause`; pg and PGlite both carry the SQLSTATE in `code`. */
const wrapped = (code: string, message: string) =>
  Object.assign(new Error('Failed query: insert …'), { cause: Object.assign(new Error(message), { code }) });

describe('PostgreSQL errors a client can cause become envelopes (toAppError)', () => {
  it('a foreign key to nothing is 400; a row still referenced is 409; a duplicate is 409', () => {
    const missing = toAppError(
      wrapped('23503', 'insert or update on table "user_role" violates foreign key constraint "x"'),
    );
    expect([missing.status, missing.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(missing.messages.en).toBe('A referenced record does not exist.');
    const inUse = toAppError(
      wrapped(
        '23503',
        'update or delete on table "opd" violates foreign key constraint "x" … is still referenced',
      ),
    );
    expect([inUse.status, inUse.code]).toEqual([409, 'CONFLICT']);
    expect(toAppError(wrapped('23505', 'duplicate key value')).status).toBe(409);
  });

  it('bad text, dates and numbers are 400; anything else stays a 500 without internals', () => {
    for (const code of ['22P02', '22021', '22008', '22003', '23514'])
      expect(toAppError(wrapped(code, 'x')).status, code).toBe(400);
    expect(databaseError(wrapped('40001', 'serialization failure'))).toBeNull();
    expect(toAppError(wrapped('XX000', 'internal')).status).toBe(500);
    expect(toAppError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })).status).toBe(500);
  });
});
