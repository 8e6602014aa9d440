import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { normalizePhone } from '../../../shared/indonesia';

/**
 * Per-route limits of the auth routes. They are set on the routes themselves, so unlike the
 * global limit (relaxed in tests) they hold in every environment and the tests can prove them.
 */
export const authLimits = {
  /**
   * Sign-in requests per address and account, in this process: a cheap first filter. The limits
   * that must hold across processes (failures per address, per account) are in sign-in-throttle.ts.
   */
  login: { max: 10, timeWindow: '1 minute' },
  /** Each registration sends an SMS or e-mail; kept loose because mobile carriers share addresses (CGNAT). */
  register: { max: 30, timeWindow: '1 minute' },
  /** "Lupa kata sandi" requests per address (each may send an SMS; the account gets one a minute). */
  passwordResetRequest: { max: 10, timeWindow: '10 minutes' },
  /** Reset code guesses per address and account; each code also allows only five. */
  passwordReset: { max: 10, timeWindow: '1 minute' },
  /** Password and two-factor code guesses from inside a session. */
  sessionSecret: { max: 10, timeWindow: '1 minute' },
} as const;

/** The sign-in identifier in one form, so `0812…` and `+62812…` share a counter. */
function identifierKey(req: FastifyRequest): string {
  const body = req.body as { identifier?: unknown } | undefined;
  const raw = typeof body?.identifier === 'string' ? body.identifier.trim().toLowerCase() : '';
  return raw.includes('@') ? raw : (normalizePhone(raw) ?? raw);
}

const regionOf = (req: FastifyRequest) => req.region?.id ?? '-';

/** Counted before validation (preValidation), so malformed floods count as well. */
export const loginRateLimit: RateLimitOptions = {
  ...authLimits.login,
  hook: 'preValidation',
  keyGenerator: (req) => `login|${regionOf(req)}|${req.ip}|${identifierKey(req)}`,
};

export const registerRateLimit: RateLimitOptions = {
  ...authLimits.register,
  hook: 'preValidation',
  keyGenerator: (req) => `register|${regionOf(req)}|${req.ip}`,
};

/** Keyed by account: these routes need a session, which the access hook has loaded by now. */
export const sessionSecretRateLimit = (name: string): RateLimitOptions => ({
  ...authLimits.sessionSecret,
  hook: 'preValidation',
  keyGenerator: (req) => `${name}|${regionOf(req)}|${req.user?.userId ?? req.ip}`,
});

export const passwordResetRequestRateLimit: RateLimitOptions = {
  ...authLimits.passwordResetRequest,
  hook: 'preValidation',
  keyGenerator: (req) => `reset-request|${regionOf(req)}|${req.ip}`,
};

export const passwordResetRateLimit: RateLimitOptions = {
  ...authLimits.passwordReset,
  hook: 'preValidation',
  keyGenerator: (req) => `reset|${regionOf(req)}|${req.ip}|${identifierKey(req)}`,
};
