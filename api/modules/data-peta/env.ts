import type { FastifyRequest } from 'fastify';
import type { CatalogEnv } from './catalog';

/** The region, its address and its enabled publishers, read before any transaction opens. */
export async function catalogEnv(req: FastifyRequest): Promise<CatalogEnv> {
  const states = await req.server.simpul.directory.moduleStates(req.region.id);
  const publishers = req.server.simpul.modules.filter(
    (m) => (m.openData?.datasets?.length || m.openData?.layers?.length) && states.get(m.id)?.enabled,
  );
  return { region: req.region, origin: `${req.protocol}://${req.host}${req.basePath}`, publishers };
}
