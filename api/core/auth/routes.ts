import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  loginInput,
  type MeView,
  meView,
  passwordChangeInput,
  passwordResetInput,
  passwordResetRequestInput,
  profileUpdateInput,
  registerInput,
  sessionView,
  totpEnableInput,
  totpSetupView,
  verifyInput,
} from '../../../shared/auth';
import { AppError } from '../errors';
import type { SimpulModule } from '../modules/types';
import { changePassword } from './change-password';
import { clearSessionCookie, setSessionCookie } from './cookie';
import { signIn } from './login';
import { loadMe, permissionsInRegion, presentMe } from './me';
import { requestPasswordReset, resetPassword } from './password-reset';
import { hashChosenPassword } from './password-strength';
import { updateProfile } from './profile';
import {
  loginRateLimit,
  passwordResetRateLimit,
  passwordResetRequestRateLimit,
  registerRateLimit,
  sessionSecretRateLimit,
} from './rate-limits';
import { registerCitizen } from './register';
import { resendVerificationCode } from './resend-code';
import { withRetryAfter } from './retry-after';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions';
import { disableTotp } from './totp-disable';
import { enableTotp } from './totp-enable';
import { setupTotp } from './totp-setup';
import type { Delivery, RunInRegion } from './types';
import { verifyAccount } from './verify';

const tags = ['auth'];
const run =
  (req: FastifyRequest): RunInRegion =>
  (work) =>
    req.inRegion(work);

/**
 * Accounts of the request's region (citizens and staff alike): registration, verification,
 * sign-in with lockout and optional TOTP, the own profile, password and two-factor settings.
 */
export async function authRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config, directory, sender } = app.simpul;

  /** Opens a session for `userId` (replacing the request's own, if any) and answers as /me would. */
  async function openSession(req: FastifyRequest, reply: FastifyReply, userId: string): Promise<MeView> {
    const previous = req.cookies[SESSION_COOKIE];
    const { session, me } = await req.inRegion(async (tx) => {
      if (previous) await deleteSession(tx, previous);
      return {
        session: await createSession(tx, req.region.id, userId, req.headers['user-agent']),
        me: await loadMe(tx, userId),
      };
    });
    setSessionCookie(reply, session.token, config.secureCookies, req.basePath);
    const permissions = await permissionsInRegion(directory, modules, req.region.id, me.roles);
    return presentMe(me, permissions, session.csrfToken);
  }

  /** The signed-in account as it is now, with the permissions the access hook computed. */
  async function currentMe(req: FastifyRequest): Promise<MeView> {
    const user = req.user;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const me = await req.inRegion((tx) => loadMe(tx, user.userId));
    return presentMe(me, req.permissions, user.csrfToken);
  }

  const sendCode = (req: FastifyRequest, delivery: Delivery) =>
    sender.send({ ...delivery, regionName: req.region.branding.displayName });

  r.post(
    '/api/auth/register',
    {
      config: { access: 'public', rateLimit: registerRateLimit },
      schema: {
        tags,
        summary: 'Register a citizen account (phone or e-mail) and sign in; a verification code is sent',
        description:
          'A common or guessable password (zxcvbn score below 3, with the name, phone, e-mail and region as context) is refused: 400 VALIDATION_FAILED with the reason on `body.password`.',
        body: registerInput,
        response: { 201: meView },
      },
    },
    async (req, reply) => {
      const { name, phone, email, password } = req.body;
      const passwordHash = await hashChosenPassword(password, {
        name,
        phone,
        email,
        regionName: req.region.name,
      });
      const { userId, delivery } = await req.inRegion((tx) =>
        registerCitizen(tx, req.region.id, req.body, passwordHash),
      );
      // The account exists either way; a code that failed to go out can be requested again.
      await sendCode(req, delivery).catch((err: unknown) =>
        req.log.error({ err }, 'verification code not sent'),
      );
      return reply.code(201).send(await openSession(req, reply, userId));
    },
  );

  r.post(
    '/api/auth/verify',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Confirm the phone number or e-mail with the 6-digit code',
        body: verifyInput,
        response: { 200: meView },
      },
    },
    async (req) => {
      await verifyAccount(run(req), req.actor().id, req.body.code);
      return currentMe(req);
    },
  );

  r.post(
    '/api/auth/verify/resend',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'Send a new verification code (at most one a minute)' },
    },
    async (req, reply) => {
      const delivery = await req.inRegion((tx) => resendVerificationCode(tx, req.region.id, req.actor().id));
      try {
        await sendCode(req, delivery);
      } catch (err) {
        req.log.error({ err }, 'verification code not sent');
        throw new AppError('UNAVAILABLE', {
          messages: {
            id: 'Kode tidak dapat dikirim saat ini. Coba lagi nanti.',
            en: 'The code cannot be sent right now. Try again later.',
          },
        });
      }
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags,
        summary: 'Sign in with phone number or e-mail and password (plus a TOTP code when two-factor is on)',
        description:
          'Errors: 401 UNAUTHENTICATED (wrong credentials or TOTP code), 401 TOTP_REQUIRED (repeat with `totp`), 423 ACCOUNT_LOCKED (`details.until`) after 5 failures on one account from one address (that address only), 403 FORBIDDEN (disabled account), 429 RATE_LIMITED with Retry-After (too many failures from one address across accounts, or the growing slow-down of an account guessed from many addresses).',
        body: loginInput,
        response: { 200: meView },
      },
    },
    async (req, reply) => {
      const { userId } = await withRetryAfter(reply, () => signIn(run(req), req.region.id, req.body, req.ip));
      return openSession(req, reply, userId);
    },
  );

  r.post(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: passwordResetRequestRateLimit },
      schema: {
        tags,
        summary: 'Forgotten password, step 1: send a reset code to the account’s verified phone or e-mail',
        description:
          'Always 202 with no body, whether or not an account matches (accounts cannot be discovered this way). A code goes out only to an active, verified account, at most one a minute and five an hour.',
        body: passwordResetRequestInput,
      },
    },
    async (req, reply) => {
      const delivery = await requestPasswordReset(run(req), req.region.id, req.body.identifier);
      // Not awaited: a slow SMS gateway would otherwise tell, by the response time, that the account exists.
      if (delivery)
        void sender
          .send({ ...delivery, regionName: req.region.branding.displayName, purpose: 'password-reset' })
          .catch((err: unknown) => req.log.error({ err }, 'password reset code not sent'));
      return reply.code(202).send();
    },
  );

  r.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', rateLimit: passwordResetRateLimit },
      schema: {
        tags,
        summary:
          'Forgotten password, step 2: set a new password with the code; every session of the account ends',
        description:
          'Errors: 400 VALIDATION_FAILED on `body.code` (wrong, expired, used or tried 5 times: one answer for all) or on `body.newPassword` (too easy to guess; the code stays usable), 429 RATE_LIMITED with Retry-After (wrong codes count with the address’s failed sign-ins).',
        body: passwordResetInput,
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => resetPassword(run(req), req.region, req.body, req.ip));
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'user' }, schema: { tags, summary: 'Sign out this browser' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await req.inRegion((tx) => deleteSession(tx, token));
      clearSessionCookie(reply, config.secureCookies, req.basePath);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The signed-in account, its permissions and the CSRF token for x-csrf-token',
        response: { 200: meView },
      },
    },
    (req) => currentMe(req),
  );

  // The web app asks this on every start: anonymous is a state, not an error, so it answers 200
  // either way (GET /api/auth/me stays 401 without a session, for API clients).
  r.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "This browser's session: the signed-in account (as /api/auth/me), or null when anonymous",
        response: { 200: sessionView },
      },
    },
    async (req) => ({ me: req.user ? await currentMe(req) : null }),
  );

  r.patch(
    '/api/auth/me',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Change own name, e-mail or NIK',
        body: profileUpdateInput,
        response: { 200: meView },
      },
    },
    async (req) => {
      await req.inRegion((tx) => updateProfile(tx, req.actor().id, req.body));
      return currentMe(req);
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'user', rateLimit: sessionSecretRateLimit('password') },
      schema: {
        tags,
        summary: 'Change own password; every other session of the account is signed out',
        body: passwordChangeInput,
      },
    },
    async (req, reply) => {
      const { userId, name, sessionId } = req.user!;
      await changePassword(run(req), req.region, { id: userId, name, sessionId }, req.body);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Start two-factor set-up: a new secret for an authenticator app (in force after /totp/enable)',
        response: { 200: totpSetupView },
      },
    },
    (req) => req.inRegion((tx) => setupTotp(tx, req.actor().id, req.region.branding.displayName)),
  );

  r.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'user', rateLimit: sessionSecretRateLimit('totp-enable') },
      schema: {
        tags,
        summary: 'Turn two-factor sign-in on with a code from the authenticator app',
        body: totpEnableInput,
        response: { 200: meView },
      },
    },
    async (req) => {
      await req.inRegion((tx) => enableTotp(tx, req.region.id, req.actor(), req.body.code));
      return currentMe(req);
    },
  );

  r.post(
    '/api/auth/totp/disable',
    {
      config: { access: 'user', rateLimit: sessionSecretRateLimit('totp-disable') },
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (needs a current code)',
        body: totpEnableInput,
        response: { 200: meView },
      },
    },
    async (req) => {
      await req.inRegion((tx) => disableTotp(tx, req.region.id, req.actor(), req.body.code));
      return currentMe(req);
    },
  );
}
