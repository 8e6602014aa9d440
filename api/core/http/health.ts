import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance) {
  /** Liveness: the process answers. */
  app.get('/healthz', { config: { access: 'none' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  /** Readiness: the database answers too. */
  app.get('/readyz', { config: { access: 'none' }, schema: { hide: true } }, async (_req, reply) => {
    const { database } = app.simpul;
    try {
      await database.run(() => database.db.execute(sql`select 1`));
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.kind });
    }
  });
}
