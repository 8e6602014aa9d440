import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE, SESSION_TTL_MS } from './sessions';

/**
 * The session cookie: HttpOnly (scripts never see the token; the SPA uses the CSRF token from
 * /api/auth/me instead), SameSite=Lax, Secure where the deployment runs on HTTPS. Its path is the
 * region's base path, so regions sharing one domain (/r/<slug>/) keep separate sign-ins.
 */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, basePath: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: basePath || '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean, basePath: string) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: basePath || '/' });
}
