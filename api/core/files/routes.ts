import type { FastifyInstance } from 'fastify';

// Placeholder: being written (upload, download).
export async function fileRoutes(_app: FastifyInstance) {}
