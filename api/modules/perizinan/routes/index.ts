import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin';
import { citizenRoutes } from './citizen';
import { paymentRoutes } from './payments';
import { publicRoutes } from './public';
import { staffRoutes } from './staff';

/** Everything under /api/m/perizinan. */
export async function perizinanRoutes(app: FastifyInstance) {
  await app.register(publicRoutes);
  await app.register(citizenRoutes);
  await app.register(staffRoutes);
  await app.register(adminRoutes);
  await app.register(paymentRoutes);
}
