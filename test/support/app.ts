import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { hashPassword } from '../../api/core/auth/password';
import { LogSender } from '../../api/core/auth/sender';
import { createSession, SESSION_COOKIE } from '../../api/core/auth/sessions';
import type { Database } from '../../api/core/db/client';
import { appUser, userRole } from '../../api/core/db/schema';
import { asPlatform } from '../../api/core/db/scope';
import type { FileStore } from '../../api/core/files/store';
import type { SimpulModule } from '../../api/core/modules/types';
import { onboardRegion } from '../../api/core/regions/onboard';
import type { Role } from '../../shared/roles';
import { openTestDatabase } from './database';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  sender: LogSender;
  close(): Promise<void>;
};

/** The bearer token that unlocks /metrics in test apps. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

/** A full Simpul app on a private copy of the template database (demo region Kota Tangerang inside). */
export async function createTestApp(
  opts: {
    modules?: readonly SimpulModule[];
    database?: Database;
    background?: boolean;
    /** Extra environment for loadConfig (limits, PUBLIC_URL…). */
    env?: Record<string, string>;
    /** The file store (default: the local store under the test DATA_DIR). */
    files?: FileStore;
  } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const sender = new LogSender(() => {});
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: `/tmp/simpul-test-files-${process.pid}`,
    LOG_LEVEL: 'silent',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Tests never load remote tiles: no basemap unless a test gives the fixture file.
    MAP_TILE_URL: 'none',
    ...opts.env,
  });
  // Every test host name "points at" this app: a pending domain's HTTP proof is fetched from it.
  const domainProbe = async (domain: string, url: string) => {
    const res = await app.inject({ url, headers: { host: domain } });
    return res.statusCode === 200 ? res.body : null;
  };
  const app: FastifyInstance = await buildApp({
    config,
    database,
    sender,
    domainProbe,
    modules: opts.modules,
    files: opts.files,
    background: opts.background ?? false,
    logger: false,
  });
  await app.ready();
  return {
    app,
    database,
    sender,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type TestRegion = { id: string; code: string; slug: string; name: string; path: string };

// Kabupaten of Jawa Tengah and Jawa Timur: plenty of real codes for fresh regions in one file.
const spareCodes = [
  ...Array.from({ length: 29 }, (_, i) => `33.${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 29 }, (_, i) => `35.${String(i + 1).padStart(2, '0')}`),
];
let nextCode = Math.floor(Math.random() * spareCodes.length);

/**
 * A fresh region (a real Kemendagri kabupaten, onboarded like production) so each test owns its
 * data and needs no cleanup. `path` is the region's path prefix for requests (`/r/<slug>`).
 */
export async function createRegion(
  t: TestApp,
  opts: { modules?: string[]; code?: string } = {},
): Promise<TestRegion> {
  const code = opts.code ?? spareCodes[nextCode++ % spareCodes.length]!;
  const { region } = await onboardRegion(t.database, {
    code,
    modules: opts.modules,
    actor: 'test',
    directory: t.app.simpul.directory,
  });
  return { ...region, path: `/r/${region.slug}` };
}

/** The demo region of the template: Kota Tangerang. */
export function demoRegion(t: TestApp): TestRegion {
  const r = t.app.simpul.directory.getByCode('36.71');
  if (!r) throw new Error('template has no demo region');
  return { id: r.id, code: r.code, slug: r.slug, name: r.name, path: `/r/${r.slug}` };
}

let passwordHash: Promise<string> | null = null;
export const TEST_PASSWORD = 'rahasia-uji-123';
let accountCounter = 0;

export type TestAccount = {
  id: string;
  name: string;
  email: string;
  /** Headers of a signed-in browser: session cookie and CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
};

/** An account with the given roles and a live session, created directly (no sign-in round trip). */
export async function createAccount(
  t: TestApp,
  region: TestRegion,
  roles: (Role | { role: Role; opdId: string })[] = ['citizen'],
): Promise<TestAccount> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const n = ++accountCounter;
  const email = `akun${n}.${process.pid}@uji.simpul.local`;
  return asPlatform(
    t.database,
    { actor: 'test', action: 'test.account', reason: 'test fixture', regionId: region.id },
    async (tx) => {
      const [user] = await tx
        .insert(appUser)
        .values({
          regionId: region.id,
          name: `Akun Uji ${n}`,
          email,
          passwordHash: hash,
          verifiedAt: new Date(),
        })
        .returning();
      const grants = roles.map((r) => (typeof r === 'string' ? { role: r, opdId: null } : r));
      await tx
        .insert(userRole)
        .values(grants.map((g) => ({ regionId: region.id, userId: user!.id, role: g.role, opdId: g.opdId })));
      const s = await createSession(tx, region.id, user!.id);
      return {
        id: user!.id,
        name: user!.name,
        email,
        headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken },
      };
    },
  );
}

/** app.inject with the region's path prefix and, optionally, a signed-in account. */
export function call(t: TestApp, region: TestRegion, opts: InjectOptions & { as?: TestAccount }) {
  const { as, url, headers, ...rest } = opts;
  return t.app.inject({
    ...rest,
    url: `${region.path}${url}`,
    headers: { ...(as?.headers ?? {}), ...(headers ?? {}) },
  });
}
