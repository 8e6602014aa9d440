import http from 'node:http';
import https from 'node:https';
import type WebPush from 'web-push';
import { lazy } from '../lazy';

// web-push loads with the first message (or the first VAPID key pair), not at start-up (lazy.ts).
const loadWebPush = lazy(() => import('web-push').then((m) => m.default));

export type VapidKeys = { publicKey: string; privateKey: string };
export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type PushOutcome =
  | { kind: 'sent' }
  /** 404/410: the browser dropped the subscription; remove it. */
  | { kind: 'gone' }
  /** 429, 5xx, network: try again later (`retryAfterMs` from the push service when it says). */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** Any other 4xx: the message itself is refused; trying again would not help. */
  | { kind: 'refused'; error: string };

const VAPID_TTL_S = 12 * 3600;

/**
 * Hands encrypted messages to push services (RFC 8030). **web-push** does the cryptography:
 * the payload encryption of RFC 8291 (aes128gcm, a fresh key and salt per message) and the
 * VAPID JWT of RFC 8292. The HTTP is ours: keep-alive connection pools per push service instead
 * of a new TLS connection per message, and the VAPID header signed once per push service and
 * reused for hours (it is the same for every message to that service), so a broadcast to
 * 100,000 devices costs 100,000 encryptions and requests, not 100,000 ECDSA signatures too.
 */
export class PushSender {
  private vapidHeaders = new Map<string, { value: string; until: number }>();
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly keys: VapidKeys,
    private readonly subject: string,
    tls: { ca?: string | Buffer } = {},
  ) {
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: tls.ca });
  }

  get publicKey() {
    return this.keys.publicKey;
  }

  async send(
    target: PushTarget,
    payload: string,
    opts: { ttlSeconds: number; urgency: 'normal' | 'high' },
  ): Promise<PushOutcome> {
    const webpush = await loadWebPush();
    let details: ReturnType<typeof WebPush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        {
          TTL: Math.max(0, Math.round(opts.ttlSeconds)),
          urgency: opts.urgency,
          headers: { Authorization: this.authorization(webpush, target.endpoint) },
        },
      );
    } catch {
      // Keys that do not parse as a P-256 point: the subscription can never receive anything.
      return { kind: 'gone' };
    }
    return this.post(details.endpoint, details.headers as Record<string, string>, details.body as Buffer);
  }

  private authorization(webpush: typeof WebPush, endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const now = Date.now();
    const cached = this.vapidHeaders.get(audience);
    if (cached && cached.until > now) return cached.value;
    const expiration = Math.floor(now / 1000) + VAPID_TTL_S;
    const { Authorization } = webpush.getVapidHeaders(
      audience,
      this.subject,
      this.keys.publicKey,
      this.keys.privateKey,
      'aes128gcm',
      expiration,
    );
    // Renewed an hour before it expires, so no message carries a token about to lapse.
    this.vapidHeaders.set(audience, { value: Authorization, until: now + (VAPID_TTL_S - 3600) * 1000 });
    return Authorization;
  }

  private post(endpoint: string, headers: Record<string, string>, body: Buffer): Promise<PushOutcome> {
    const url = new URL(endpoint);
    const secure = url.protocol === 'https:';
    return new Promise((resolve) => {
      const req = (secure ? https : http).request(
        url,
        { method: 'POST', headers, agent: secure ? this.httpsAgent : this.httpAgent, timeout: 15_000 },
        (res) => {
          res.resume();
          res.on('end', () => resolve(outcome(res.statusCode ?? 0, res.headers['retry-after'])));
          res.on('error', (err) => resolve({ kind: 'retry', error: String(err) }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('push service timed out')));
      req.on('error', (err) => resolve({ kind: 'retry', error: err.message }));
      req.end(body);
    });
  }

  close() {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }
}

function outcome(status: number, retryAfter: string | string[] | undefined): PushOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 404 || status === 410) return { kind: 'gone' };
  if (status === 429 || status >= 500) {
    const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    return {
      kind: 'retry',
      error: `push service answered ${status}`,
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    };
  }
  return { kind: 'refused', error: `push service answered ${status}` };
}

export const generateVapidKeys = async (): Promise<VapidKeys> => (await loadWebPush()).generateVAPIDKeys();
