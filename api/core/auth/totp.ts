import { Secret, TOTP } from 'otpauth';

// What every authenticator app understands: SHA1, 6 digits, 30-second steps.
const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** One step either side absorbs phone clocks that drift by up to 30 seconds. */
const WINDOW = 1;

/** A fresh 160-bit secret in base32, the form authenticator apps accept. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URL an authenticator app scans as a QR code. */
export function totpUrl(secret: string, issuer: string, label: string): string {
  return new TOTP({ ...params, issuer, label, secret: Secret.fromBase32(secret) }).toString();
}

/**
 * Accepts a code once: returns its time step when it is valid and newer than the last accepted
 * step (store it), null otherwise. Without this, a code seen over someone's shoulder would work
 * again for up to a minute.
 */
export function acceptTotp(
  secret: string,
  token: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const delta = TOTP.validate({
    ...params,
    token,
    secret: Secret.fromBase32(secret),
    window: WINDOW,
    timestamp: now,
  });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / params.period) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The current code for a secret (tests, and nothing else, act as the authenticator app). */
export function currentTotp(secret: string, timestamp = Date.now()): string {
  return TOTP.generate({ ...params, secret: Secret.fromBase32(secret), timestamp });
}
