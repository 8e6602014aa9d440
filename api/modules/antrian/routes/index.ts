import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin';
import { citizenRoutes } from './citizen';
import { deskRoutes } from './desk';
import { publicRoutes } from './public';
import { reportRoutes } from './reports';

/** Everything under /api/m/antrian. */
export async function antrianRoutes(app: FastifyInstance) {
  await app.register(publicRoutes);
  await app.register(citizenRoutes);
  await app.register(deskRoutes);
  await app.register(adminRoutes);
  await app.register(reportRoutes);
}
