import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { seedDemo } from '../../api/core/demo/seed';
import { testDbKind } from './kind';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Migrates and seeds ONE template database per run; each test file then gets its own copy
 * (PGlite: load a data-dir dump ≈0.5 s; PostgreSQL: CREATE DATABASE … TEMPLATE) instead of
 * migrating a fresh database (≈3 s). The template holds the demo region, Kota Tangerang.
 */
export default async function setup(project: TestProject) {
  const env = project.config.env ?? {};
  const kind = testDbKind(env.SIMPUL_TEST_DB);
  if (kind === 'postgres') {
    const url = String(env.TEST_DATABASE_URL);
    const name = `simpul_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 2 });
    await migrateDatabase(database);
    await seedDemo(database);
    await database.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const shared = sharedPgliteTemplate();
  shared.users++;
  project.provide('pgliteTemplate', await shared.file);
  project.provide('pgTemplate', '');
  return () => {
    if (--shared.users > 0) return;
    rmSync(shared.dir, { recursive: true, force: true });
    delete holder.simpulPgliteTemplate;
  };
}

type SharedTemplate = { dir: string; file: Promise<string>; users: number };
const holder = globalThis as { simpulPgliteTemplate?: SharedTemplate };

/**
 * One PGlite template per run, whichever projects ask: vitest runs every project's global setup
 * (the root's too) one after the other before any test starts, so the root, pglite and e2e
 * projects would otherwise migrate and seed the same template three times over. Global setups all
 * run in vitest's main process, so the template is kept on its global object; the last teardown
 * removes it.
 */
function sharedPgliteTemplate(): SharedTemplate {
  if (!holder.simpulPgliteTemplate) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-test-'));
    holder.simpulPgliteTemplate = { dir, file: buildPgliteTemplate(dir), users: 0 };
  }
  return holder.simpulPgliteTemplate;
}

async function buildPgliteTemplate(dir: string): Promise<string> {
  const pglite = await createPglite();
  const database = await openDatabase({ pglite });
  await migrateDatabase(database);
  await seedDemo(database);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
