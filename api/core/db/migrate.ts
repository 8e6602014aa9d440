import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fromRoot } from '../paths';
import type { Database } from './client';
import { APP_ROLE, PLATFORM_ROLE } from './tenancy';

export const migrationsFolder = fromRoot('migrations');

/**
 * Applies the one migration stream, then the security rules that must hold for every table:
 * the two roles exist and the connecting role may switch to them, row-level security is
 * enabled AND forced on every table (so even the owner sees nothing without a policy), and
 * the roles get table privileges. Idempotent: runs at every start.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.run(async () => {
    const { db } = database;
    await db.execute(sql.raw(ensureRolesSql));
    if (database.kind === 'pglite') await migratePglite(db as never, { migrationsFolder });
    else await migratePg(db as never, { migrationsFolder });
    for (const statement of secureAllTablesSql) await db.execute(sql.raw(statement));
  });
}

const ensureRolesSql = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PLATFORM_ROLE}') THEN
    CREATE ROLE ${PLATFORM_ROLE} NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
    EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, '${PLATFORM_ROLE}', 'MEMBER') THEN
    EXECUTE format('GRANT ${PLATFORM_ROLE} TO %I', current_user);
  END IF;
END $$;`;

const secureAllTablesSql = [
  `DO $$
DECLARE t record;
BEGIN
  -- Only tables not yet secured: ALTER TABLE on all ~110 at every start cost 0.1–0.3 s of it.
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r'
             AND NOT (c.relrowsecurity AND c.relforcerowsecurity) LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END $$;`,
  `GRANT USAGE ON SCHEMA public TO ${APP_ROLE}, ${PLATFORM_ROLE}`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}, ${PLATFORM_ROLE}`,
  `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}, ${PLATFORM_ROLE}`,
];
