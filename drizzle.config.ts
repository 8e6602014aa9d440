import { defineConfig } from 'drizzle-kit';

// One schema, one migration stream, for PGlite and PostgreSQL alike. `npm run db:generate` after a schema change.
export default defineConfig({
  dialect: 'postgresql',
  casing: 'snake_case',
  schema: ['./api/core/*/schema.ts', './api/modules/*/schema.ts'],
  out: './migrations',
});
