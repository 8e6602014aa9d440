import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as the loopback push service received and decrypted it. */
export type ReceivedPush = {
  device: string;
  headers: IncomingHttpHeaders;
  payload: Record<string, unknown>;
  /** The VAPID token's claims, after its ES256 signature was checked against the key it names. */
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
};

/** A browser's side of a subscription: the keys a push message is encrypted to. */
export type FakeDevice = {
  name: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  received: ReceivedPush[];
};

/**
 * A push service on loopback standing in for FCM/Mozilla/Apple: it decrypts every message with
 * the device's private key (RFC 8291, aes128gcm of RFC 8188) and checks the VAPID header (RFC
 * 8292), written here from the RFCs with node:crypto alone (not with web-push, which the server
 * uses to encrypt), so a wrong encryption or signature fails the test. `respond` picks the
 * status per device (404/410 = subscription gone, 503 = try later).
 */
export async function startPushService() {
  const devices = new Map<
    string,
    { ecdh: ReturnType<typeof createECDH>; auth: Buffer; device: FakeDevice }
  >();
  const answers = new Map<string, number[]>();
  const errors: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const queued = answers.get(name);
      const status = queued?.length ? (queued.shift() as number) : 201;
      const d = devices.get(name);
      if (status === 201 && d) {
        try {
          const payload = JSON.parse(decrypt(Buffer.concat(chunks), d.ecdh, d.auth).toString('utf8'));
          const vapid = checkVapid(String(req.headers.authorization ?? ''), origin());
          d.device.received.push({ device: name, headers: req.headers, payload, vapid });
        } catch (err) {
          errors.push(`${name}: ${(err as Error).message}`);
          res.writeHead(400).end();
          return;
        }
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin: origin(),
    errors,
    device(name: string): FakeDevice {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const device: FakeDevice = {
        name,
        subscription: {
          endpoint: `${origin()}/push/${encodeURIComponent(name)}`,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
        received: [],
      };
      devices.set(name, { ecdh, auth, device });
      return device;
    },
    /** The next statuses this device's endpoint answers (then 201 again). */
    respond(name: string, ...statuses: number[]) {
      answers.set(name, statuses);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** RFC 8291 §3.4 + RFC 8188 §2: one record, aes128gcm. */
function decrypt(body: Buffer, ecdh: ReturnType<typeof createECDH>, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idlen = body[20] ?? 0;
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const shared = ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('bad record delimiter');
  return padded.subarray(0, end);
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; ES256 over the JWT, `aud` = the push service's origin. */
function checkVapid(header: string, audience: string): ReceivedPush['vapid'] {
  const m = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header);
  if (!m?.[1] || !m[2]) throw new Error(`not a VAPID header: ${header}`);
  const [h, p, s] = m[1].split('.');
  if (!h || !p || !s) throw new Error('malformed JWT');
  const raw = Buffer.from(m[2], 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  if (claims.aud !== audience) throw new Error(`VAPID aud ${claims.aud} is not ${audience}`);
  if (claims.exp * 1000 < Date.now() || claims.exp * 1000 > Date.now() + 24 * 3600_000)
    throw new Error('VAPID exp out of range');
  return { ...claims, publicKey: m[2] };
}
