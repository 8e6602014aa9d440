import { isIPv6 } from 'node:net';

/**
 * The unit an address limit counts: an IPv4 address, or an IPv6 /64. One subscriber gets a whole
 * /64 and can pick a new address in it for every request, so counting single IPv6 addresses
 * would limit nothing.
 */
export function addressBucket(ip: string): string {
  const address = ip.split('%')[0] ?? ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill('0'), ...back];
  const prefix = groups.slice(0, 4).map((g: string) => Number.parseInt(g, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}
