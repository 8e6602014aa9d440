import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors';

/**
 * PostgreSQL cannot store U+0000 in `text` or `jsonb` (it answers "invalid byte sequence" or
 * "unsupported Unicode escape sequence"), so a NUL anywhere in the input used to reach the
 * database and come back as a 500. No legitimate Simpul input contains one: refuse it up front,
 * for every route, before zod runs, naming where it was.
 */
export function findNul(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\0')].join('.');
    const found = findNul(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

export const nulRefused = (path: string) =>
  invalid(
    {
      id: `Karakter NUL (\\0) tidak diizinkan (${path}).`,
      en: `The NUL character (\\0) is not allowed (${path}).`,
    },
    [{ path, message: 'NUL character (\\u0000) is not allowed' }],
  );

/** Throws VALIDATION_FAILED when a string (or key) in `value` holds a NUL. */
export function refuseNul(value: unknown, path: string[]) {
  const found = findNul(value, path);
  if (found) throw nulRefused(found);
}

/** One hook for every route: params, query string and (parsed) body. */
export function registerInputGuards(app: FastifyInstance) {
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      refuseNul(req.params, ['params']);
      refuseNul(req.query, ['querystring']);
      refuseNul(req.body, ['body']);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}
