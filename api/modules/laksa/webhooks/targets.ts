import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where webhooks may point. A region admin must not be able to make the server call into its own
 * network (SSRF): loopback, private, link-local (cloud metadata), CGNAT, multicast and reserved
 * addresses are refused, both when the URL is saved (IP literals, `localhost`) and when it is
 * called (every address the host name resolves to; the connection uses the checked address, so
 * DNS rebinding does not get around it). Redirects are never followed.
 *
 * Deployments whose receivers live on a private network (and tests) set the environment variable
 * `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`. It is platform configuration on purpose, not a region
 * setting: a region admin must not be able to switch the protection off.
 */
export const ALLOW_PRIVATE_ENV = 'WEBHOOK_ALLOW_PRIVATE_TARGETS';
export const privateTargetsAllowed = () => process.env[ALLOW_PRIVATE_ENV] === 'true';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** True for an address no webhook may reach (IPv4-mapped IPv6 addresses are checked as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL without IPv6 brackets or a trailing dot, lower case. */
const bareHost = (u: URL) =>
  u.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();

const localNames = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;

/**
 * Why a webhook URL is not acceptable, or null when it is. Checked when saving; only what can be
 * known without DNS (scheme, credentials, IP literals, local names).
 */
export function targetProblem(raw: string, allowPrivate = privateTargetsAllowed()): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs';
  if (u.username || u.password) return 'no credentials in the URL (receivers verify the signature)';
  if (allowPrivate) return null;
  const host = bareHost(u);
  if (isIP(host) ? isPrivateAddress(host) : localNames.test(host) || !host.includes('.'))
    return 'private, loopback and local addresses are not allowed';
  return null;
}

/**
 * A `lookup` for http.request that refuses host names resolving to private addresses (unless
 * allowed). IP literals never reach `lookup`: check them with `targetProblem` first.
 */
export function guardedLookup(allowPrivate = privateTargetsAllowed()): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address)))
        return callback(
          Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }),
          '',
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
