import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin';
import { archiveRoutes } from './archive';
import { letterRoutes } from './letters';

/** Everything under /api/m/eoffice. */
export async function eofficeRoutes(app: FastifyInstance) {
  await app.register(letterRoutes);
  await app.register(adminRoutes);
  await app.register(archiveRoutes);
}
