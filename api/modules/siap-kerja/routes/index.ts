import type { FastifyInstance } from 'fastify';
import { employerRoutes } from './employer';
import { liveRoutes } from './live';
import { publicRoutes } from './public';
import { seekerRoutes } from './seeker';
import { staffRoutes } from './staff';

/** Everything under /api/m/siap-kerja. */
export async function siapKerjaRoutes(app: FastifyInstance) {
  await app.register(publicRoutes);
  await app.register(seekerRoutes);
  await app.register(employerRoutes);
  await app.register(staffRoutes);
  await app.register(liveRoutes);
}
