import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, createAccount, createTestApp, demoRegion } from '../../../test/support/app';
import { withDatabase } from '../../../test/support/global-setup';
import { testDbKind } from '../../../test/support/kind';
import { createPglite, type Database, openDatabase } from '../../core/db/client';

/**
 * A durable database the test can close and open again like a server restart: PGlite with its data
 * directory on disk, or a PostgreSQL database of its own (copied from the run's template).
 */
async function durableDatabase() {
  if (testDbKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `simpul_t_restart_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    return {
      first: () => openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 3 }),
      reopen: () => openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 3 }),
      cleanup: async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-112-restart-'));
  const dataDir = path.join(dir, 'pglite');
  return {
    first: async (): Promise<Database> =>
      openDatabase({
        pglite: await createPglite(dataDir, new Blob([readFileSync(inject('pgliteTemplate'))])),
      }),
    reopen: () => openDatabase({ dataDir }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('darurat: an acknowledged incident survives a restart', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterAll(() => cleanup?.());

  it('keeps the incident the call-taker was given a number for after the server and database close and reopen', async () => {
    const store = await durableDatabase();
    cleanup = store.cleanup;
    const before = await createTestApp({ database: await store.first() });
    const region = demoRegion(before);
    const taker = await createAccount(before, region, ['operator']);
    const ack = await call(before, region, {
      method: 'POST',
      url: '/api/m/darurat/calls',
      as: taker,
      payload: {
        callerPhone: '081355556666',
        classification: 'darurat',
        typeCode: 'kebakaran',
        lat: -6.18,
        lng: 106.63,
      },
    });
    expect(ack.statusCode).toBe(201);
    const { id, number } = ack.json().incident;
    await before.close(); // the server stops: app and database closed

    const after = await createTestApp({ database: await store.reopen() });
    try {
      const res = await call(after, region, {
        method: 'GET',
        url: `/api/m/darurat/incidents/${id}`,
        as: taker,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        number,
        status: 'baru',
        calls: [{ callerPhone: '+6281355556666' }],
      });
      // And work goes on: the nearest fire engine is suggested and can be sent.
      const [nearest] = (
        await call(after, region, {
          method: 'GET',
          url: `/api/m/darurat/incidents/${id}/suggestions`,
          as: taker,
        })
      ).json();
      expect(nearest.kind).toBe('damkar');
      const sent = await call(after, region, {
        method: 'POST',
        url: `/api/m/darurat/incidents/${id}/dispatch`,
        as: taker,
        payload: { unitIds: [nearest.id] },
      });
      expect(sent.json().status).toBe('ditugaskan');
    } finally {
      await after.close();
    }
  });
});
