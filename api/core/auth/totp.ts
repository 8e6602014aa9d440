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

export function checkTotp(secret: string, token: string): boolean {
  return TOTP.validate({ ...params, token, secret: Secret.fromBase32(secret), window: WINDOW }) !== null;
}

/** The current code for a secret (tests, and nothing else, act as the authenticator app). */
export function currentTotp(secret: string, timestamp = Date.now()): string {
  return TOTP.generate({ ...params, secret: Secret.fromBase32(secret), timestamp });
}
