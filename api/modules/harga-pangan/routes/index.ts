import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin';
import { fieldRoutes } from './field';
import { importRoutes } from './import';
import { publicRoutes } from './public';

/** Everything under /api/m/harga-pangan. */
export async function hargaPanganRoutes(app: FastifyInstance) {
  await app.register(publicRoutes);
  await app.register(fieldRoutes);
  await app.register(importRoutes);
  await app.register(adminRoutes, { prefix: '/admin' });
}
