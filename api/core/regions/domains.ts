import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { regionDomain } from '../db/schema';
import { AppError, conflict } from '../errors';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The one spelling of a host name: lower case, IDNA (punycode), no port, no trailing dot.
 * `Kab.Test:80`, `kab.test.` and `KAB.test` are all `kab.test`; `bogor.kab` in Unicode is its
 * xn-- form. Returns null for what is not a host name (IP literals included: a region is reached by
 * its name, and an address would let one region claim the deployment itself).
 */
export function normaliseHost(raw: string): string | null {
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return null; // IPv6 literal
  host = host.replace(/:\d*$/, '').replace(/\.+$/, '');
  if (!host || isIP(host)) return null;
  const ascii = domainToASCII(host);
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return ascii;
}

/** Like normaliseHost, but a bad name is a 400 that says which one. */
export function requireHost(raw: string): string {
  const host = normaliseHost(raw);
  if (!host)
    throw new AppError('VALIDATION_FAILED', {
      messages: {
        id: `"${raw}" bukan nama domain yang valid.`,
        en: `"${raw}" is not a valid domain name.`,
      },
      details: [{ path: 'domains', message: 'invalid host name' }],
    });
  return host;
}

export type DomainClaim = {
  /** Normalised host names the region wants to hold (the whole list: others are released). */
  domains: string[];
  /** Host names of the deployment itself (its public URL, the shared host): never a region's. */
  reserved: ReadonlySet<string>;
  /**
   * Proven at once (the platform operator's onboarding command). Otherwise a new name stays pending,
   * and serves nothing, until an HTTP token proves it or a platform admin approves it.
   */
  verified: boolean;
};

/** Sets a region's host names: refuses reserved names and names any other region holds. */
export async function claimDomains(tx: Tx, regionId: string, claim: DomainClaim): Promise<void> {
  const wanted = [...new Set(claim.domains)];
  const reserved = wanted.find((d) => claim.reserved.has(d));
  if (reserved)
    throw conflict({
      id: `Domain ${reserved} adalah alamat platform ini dan tidak dapat dipakai satu daerah.`,
      en: `${reserved} is the platform's own host name and cannot belong to one region.`,
    });
  // Stored names are normalised, but compare normalised forms anyway (rows from older versions).
  const others = await tx
    .select({ domain: regionDomain.domain })
    .from(regionDomain)
    .where(ne(regionDomain.regionId, regionId));
  const held = new Set(others.map((o) => normaliseHost(o.domain) ?? o.domain));
  const clash = wanted.find((d) => held.has(d));
  if (clash)
    throw conflict({
      id: `Domain ${clash} sudah dipakai daerah lain.`,
      en: `Domain ${clash} already belongs to another region.`,
    });
  const mine = await tx.select().from(regionDomain).where(eq(regionDomain.regionId, regionId));
  for (const row of mine)
    if (!wanted.includes(row.domain))
      await tx.delete(regionDomain).where(eq(regionDomain.domain, row.domain));
  const have = new Set(mine.map((m) => m.domain));
  const fresh = wanted.filter((d) => !have.has(d));
  if (fresh.length > 0)
    await tx.insert(regionDomain).values(
      fresh.map((domain) => ({
        domain,
        regionId,
        verifiedAt: claim.verified ? new Date() : null,
        token: randomBytes(18).toString('base64url'),
      })),
    );
  if (claim.verified)
    await tx
      .update(regionDomain)
      .set({ verifiedAt: sql`now()` })
      .where(and(eq(regionDomain.regionId, regionId), isNull(regionDomain.verifiedAt)));
}

/** Marks one pending host name of a region as proven. Returns false when there is no such name. */
export async function markVerified(tx: Tx, regionId: string, domain: string): Promise<boolean> {
  const rows = await tx
    .update(regionDomain)
    .set({ verifiedAt: sql`now()` })
    .where(and(eq(regionDomain.regionId, regionId), eq(regionDomain.domain, domain)))
    .returning({ domain: regionDomain.domain });
  return rows.length > 0;
}

/** Where the proof of a pending host name is published: on that host, by Simpul itself. */
export const proofPath = (token: string) => `/.well-known/simpul-domain/${token}`;

/** Fetches `http://<domain><path>` and returns its body (≤ 1 KB), or null. Injected in tests. */
export type DomainProbe = (domain: string, path: string) => Promise<string | null>;

/**
 * The HTTP proof: when the name's DNS points at this deployment, Simpul itself answers the
 * proof path with the token (see the well-known route). Port 80, 5 s, the body only compared.
 */
export const httpProbe: DomainProbe = (domain, path) =>
  new Promise((resolve) => {
    const req = http.get({ host: domain, port: 80, path, timeout: 5000 }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(null);
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 1024) req.destroy();
      });
      res.on('end', () => resolve(body.trim()));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
