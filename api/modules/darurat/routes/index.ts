import type { FastifyInstance } from 'fastify';
import { streamRoutes } from '../stream';
import { adminRoutes } from './admin';
import { citizenRoutes } from './citizen';
import { reportRoutes } from './reports';
import { staffRoutes } from './staff';

/** Everything under /api/m/darurat. */
export async function daruratRoutes(app: FastifyInstance) {
  await app.register(citizenRoutes);
  await app.register(staffRoutes);
  await app.register(reportRoutes);
  await app.register(streamRoutes);
  await app.register(adminRoutes, { prefix: '/admin' });
}
