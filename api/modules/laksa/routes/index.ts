import type { FastifyInstance } from 'fastify';
import { apiKeyAdminRoutes } from '../open311/api-keys';
import { webhookAdminRoutes } from '../webhooks/admin-routes';
import { adminRoutes } from './admin';
import { citizenRoutes } from './citizen';
import { liveRoutes } from './live';
import { publicRoutes } from './public';
import { staffRoutes } from './staff';

/** Everything under /api/m/laksa (Open311 is mounted separately at /open311/v2). */
export async function laksaRoutes(app: FastifyInstance) {
  await app.register(publicRoutes);
  await app.register(citizenRoutes);
  await app.register(staffRoutes);
  await app.register(liveRoutes);
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(webhookAdminRoutes, { prefix: '/admin' });
  await app.register(apiKeyAdminRoutes, { prefix: '/admin' });
}
