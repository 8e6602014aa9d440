import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, type Database, openDatabase } from '../../api/core/db/client';
import { withDatabase } from './global-setup';
import { testDbKind } from './kind';

let counter = 0;

/** A private copy of the migrated, seeded template database for one test file. */
export async function openTestDatabase(): Promise<Database> {
  if (testDbKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `simpul_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 5 });
    const close = database.close;
    database.close = async () => {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
    };
    return database;
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const pglite = await createPglite(undefined, new Blob([dump]));
  return openDatabase({ pglite });
}
