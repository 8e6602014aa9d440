import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type DomainStatusView, domainStatusView } from '../../../shared/region';
import { asPlatform } from '../db/scope';
import { AppError, notFound } from '../errors';
import type { RegionRecord } from '../regions/directory';
import { markVerified, normaliseHost, proofPath, requireHost } from '../regions/domains';

const domainBody = z.object({ domain: z.string().trim().min(1).max(253) });

/** A region's host names with their state; pending ones with where their proof is published. */
export function domainStatuses(r: RegionRecord): DomainStatusView[] {
  return [
    ...r.domains.map((domain) => ({ domain, status: 'aktif' as const, proofUrl: null })),
    ...r.pendingDomains.map((p) => ({
      domain: p.domain,
      status: 'menunggu' as const,
      proofUrl: `http://${p.domain}${proofPath(p.token)}`,
    })),
  ];
}

/**
 * The deployment's own host names, which no region may hold: its public URL's host, and the host
 * this request came in on when that host is not a region's own (the shared, single-domain host).
 */
export function reservedHosts(req: FastifyRequest): Set<string> {
  const { config, directory } = req.server.simpul;
  const out = new Set<string>();
  const add = (h: string | undefined) => {
    const n = h ? normaliseHost(h) : null;
    if (n) out.add(n);
  };
  if (config.publicUrl) add(new URL(config.publicUrl).hostname);
  const host = req.headers.host ?? '';
  if (req.basePath !== '' || !directory.getByHost(host)) add(host);
  return out;
}

/** Host-name proofs: the proof page, the region admin's check, the platform admin's approval. */
export async function domainRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { directory } = app.simpul;

  // Answered on the pending host itself (no region: the name does not serve one yet). The token
  // is shown only on the host it proves, so it cannot be replayed from another name.
  r.get(
    '/.well-known/simpul-domain/:token',
    {
      config: { access: 'none' },
      schema: { hide: true, params: z.object({ token: z.string().max(64) }) },
    },
    async (req, reply) => {
      const pending = directory.pendingProof(req.params.token);
      if (!pending || pending.domain !== normaliseHost(req.headers.host ?? '')) throw notFound();
      return reply.type('text/plain; charset=utf-8').send(req.params.token);
    },
  );

  r.get(
    '/api/admin/region/domains',
    {
      config: { access: 'core:region.manage' },
      schema: {
        tags: ['admin'],
        summary: "The region's host names: active, or pending with where their proof is published",
        response: { 200: z.array(domainStatusView) },
      },
    },
    async (req) => domainStatuses(req.region),
  );

  r.post(
    '/api/admin/region/domains/verify',
    {
      config: { access: 'core:region.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Checks the HTTP proof of a pending host name (its DNS must point at this deployment)',
        body: domainBody,
        response: { 200: z.array(domainStatusView) },
      },
    },
    async (req) => {
      const domain = requireHost(req.body.domain);
      const pending = req.region.pendingDomains.find((p) => p.domain === domain);
      if (!pending) throw notFound();
      const body = await app.simpul.domainProbe(domain, proofPath(pending.token));
      if (body !== pending.token)
        throw new AppError('CONFLICT', {
          messages: {
            id: `Bukti domain ${domain} tidak ditemukan. Arahkan DNS ${domain} ke server ini, lalu coba lagi.`,
            en: `No proof found on ${domain}. Point its DNS at this deployment, then try again.`,
          },
        });
      await req.inRegion((tx) => markVerified(tx, req.region.id, domain));
      await directory.invalidate(req.region.id);
      return domainStatuses(directory.get(req.region.id)!);
    },
  );

  r.post(
    '/api/platform/regions/:id/domains/approve',
    {
      config: { access: 'core:platform.manage' },
      schema: {
        tags: ['platform'],
        summary: "Approves a region's pending host name without its HTTP proof (platform admins)",
        params: z.object({ id: z.string().uuid() }),
        body: domainBody,
        response: { 200: z.array(domainStatusView) },
      },
    },
    async (req) => {
      const target = directory.get(req.params.id);
      const domain = requireHost(req.body.domain);
      if (!target?.pendingDomains.some((p) => p.domain === domain)) throw notFound();
      const actor = req.actor();
      await asPlatform(
        app.simpul.database,
        {
          actor: `${actor.name} (${actor.id})`,
          action: 'platform.domain.approve',
          reason: `approve ${domain}`,
          regionId: target.id,
        },
        (tx) => markVerified(tx, target.id, domain),
      );
      await directory.invalidate(target.id);
      return domainStatuses(directory.get(target.id)!);
    },
  );
}
