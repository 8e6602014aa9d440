import type { FastifyReply } from 'fastify';
import { AppError } from '../errors';

/**
 * Runs a use case and, when it refuses with a wait (`details.retryAfterSeconds`, e.g. the sign-in
 * limits kept in the database), adds the Retry-After header clients and proxies understand.
 */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const seconds =
      err instanceof AppError
        ? (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
        : undefined;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
    throw err;
  }
}
