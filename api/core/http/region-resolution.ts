import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { RegionDirectory, RegionRecord } from '../regions/directory';
import { canonicalPath } from './canonical-path';

const PREFIX = /^\/r\/([a-z0-9-]{2,80})(?=\/|$|\?)/;
const SLUG = Symbol('simpulRegionSlug');
type Tagged = IncomingMessage & { [SLUG]?: string };

/**
 * Runs before routing (Fastify's rewriteUrl): the path is normalised (canonicalPath), then the
 * path fallback of single-domain deployments applies: `/r/<slug>/api/...` is routed as
 * `/api/...` with the region remembered.
 */
export function rewriteRegionPrefix(req: IncomingMessage): string {
  const url = canonicalPath(req.url ?? '/');
  const m = PREFIX.exec(url);
  if (!m) return url;
  (req as Tagged)[SLUG] = m[1];
  const rest = url.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** The request's region: path prefix first, then host name, then the deployment's default region. */
export function resolveRegion(
  req: FastifyRequest,
  directory: RegionDirectory,
  defaultCode: string,
): { region: RegionRecord; basePath: string } {
  const slug = (req.raw as Tagged)[SLUG];
  if (slug) {
    const region = directory.getBySlug(slug);
    if (!region) throw new AppError('REGION_NOT_FOUND', { details: { slug } });
    return { region, basePath: `/r/${slug}` };
  }
  const byHost = directory.getByHost(req.headers.host ?? '');
  if (byHost) return { region: byHost, basePath: '' };
  const fallback = directory.getByCode(defaultCode);
  if (!fallback) throw new AppError('REGION_NOT_FOUND', { details: { host: req.headers.host ?? null } });
  return { region: fallback, basePath: '' };
}
