import type { FastifyInstance } from 'fastify';
import { domainRoutes } from './admin/domain-routes';
import { adminRoutes } from './admin/routes';
import { authRoutes } from './auth/routes';
import { documentRoutes } from './documents/routes';
import { liveRoutes } from './events/routes';
import { wallMapRoutes } from './events/wall-map';
import { fileRoutes } from './files/routes';
import { healthRoutes } from './http/health';
import type { SimpulModule } from './modules/types';
import { notificationRoutes } from './notifications/routes';
import { platformRoutes } from './platform/routes';
import { manifestRoutes } from './regions/manifest';
import { regionRoutes } from './regions/routes';
import { usageRoutes } from './usage/routes';

/** The always-on routes of the core, in one place. Module routes are mounted by app.ts. */
export async function registerCoreRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  await healthRoutes(app);
  await regionRoutes(app, modules);
  await manifestRoutes(app, modules);
  await authRoutes(app, modules);
  await adminRoutes(app, modules);
  await domainRoutes(app);
  await liveRoutes(app);
  await wallMapRoutes(app, modules);
  await usageRoutes(app, modules);
  await notificationRoutes(app, modules);
  await fileRoutes(app, modules);
  await documentRoutes(app, modules);
  await platformRoutes(app);
}
