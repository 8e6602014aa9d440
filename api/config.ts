import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { tileUrlTemplate } from '../shared/map';

const DEV_SECRET = 'simpul-development-secret-do-not-use-in-production';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  /** Hot standbys of DATABASE_URL for anonymous public reads (docs/SCALING.md §3): comma-separated URLs. */
  DATABASE_REPLICA_URL: z.string().optional(),
  /** A replica further behind than this many seconds is skipped (the primary answers). */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().default(5),
  /** How often each replica's lag is measured. */
  REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  DEFAULT_REGION: z.string().default('36.71'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Simpul <no-reply@simpul.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  STREAMS_PER_SESSION: z.coerce.number().int().min(1).default(8),
  STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).default(200),
  STREAM_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(900),
  SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(3),
  SEARCH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(200),
  /** The deployment's default basemap: a tile URL template, or `none`. */
  MAP_TILE_URL: z.union([z.literal('none'), tileUrlTemplate]).optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
  /** A self-hosted .pmtiles file (absolute, or relative to DATA_DIR): the default basemap when set. */
  MAP_BASEMAP_FILE: z.string().optional(),
  MAP_BASEMAP_ATTRIBUTION: z.string().max(300).optional(),
  /** Web Push (VAPID, RFC 8292) keys; without them a pair is made once and kept in the database. */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  /** Who push services contact about this deployment's pushes: `mailto:` or `https:`. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:)/)
    .optional(),
  /**
   * Push endpoints accepted besides the public push services (FCM, Mozilla, Apple, Windows):
   * comma-separated origins, e.g. a private push gateway, or a loopback one in tests.
   */
  PUSH_EXTRA_ORIGINS: z.string().optional(),
  /** Where uploaded file bytes live: `local` (DATA_DIR/files) or `s3` (an S3-compatible bucket). */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  /** S3-compatible endpoint (MinIO, Ceph, a cloud's S3); unset = AWS S3 itself. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .optional(),
  /** Key prefix inside the bucket (e.g. `simpul/`), so one bucket can hold more than Simpul. */
  S3_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9/_.-]*$/)
    .optional(),
  /** Unset = the AWS SDK's default chain (AWS_* variables, instance role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** `true` for MinIO and most self-hosted stores: http://host/bucket/key instead of bucket.host. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
});

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export type FileStoreConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      endpoint: string | undefined;
      region: string;
      bucket: string;
      prefix: string;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
    };

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Read replicas for the anonymous public reads; none = the primary answers them. */
  replicas: { urls: string[]; maxLagSeconds: number; checkIntervalMs: number };
  dataDir: string;
  sessionSecret: string;
  publicUrl: string | undefined;
  defaultRegionCode: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  dbPoolSize: number;
  trustProxy: boolean;
  /** Requests per minute per client IP across the API (sign-in has its own, stricter limit). */
  rateLimitPerMinute: number;
  /** Secure cookies need HTTPS: on in production. */
  secureCookies: boolean;
  /** Bearer token that unlocks /metrics; unset = /metrics is not served (404). */
  metricsToken: string | undefined;
  /** Open live streams (SSE) allowed per session and per client address, in each process. */
  streamLimits: { perSession: number; perAddress: number; maxAgeMs: number };
  /** Full-text searches running at once per process, and waiting before a 503 (core/db/search-slots.ts). */
  searchSlots: { concurrency: number; queue: number };
  /**
   * The deployment's default basemap (a region admin may override it, shared/map.ts): a
   * self-hosted PMTiles file when `basemapFile` is set, else the tile template, else none.
   * Tests set `MAP_TILE_URL=none` (or the fixture file) explicitly: they never load remote tiles.
   */
  push: {
    vapid: { publicKey: string; privateKey: string } | null;
    subject: string;
    extraOrigins: string[];
  };
  /** Where uploaded file bytes live (api/core/files/choose.ts). */
  files: FileStoreConfig;
  map: {
    tileUrl: string | null;
    tileAttribution: string;
    basemapFile: string | null;
    basemapAttribution: string;
  };
};

/**
 * Reads configuration from the environment. Development gets safe defaults; production refuses
 * to start on the development session secret or on the embedded database.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    if (!e.SESSION_SECRET || e.SESSION_SECRET === DEV_SECRET || e.SESSION_SECRET.length < 32)
      throw new Error('SESSION_SECRET must be set to at least 32 random characters in production');
    if (!e.DATABASE_URL)
      throw new Error(
        'DATABASE_URL must point at PostgreSQL in production (the embedded database does not fsync)',
      );
  }
  const replicaUrls = (e.DATABASE_REPLICA_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (replicaUrls.length && !e.DATABASE_URL)
    throw new Error('Invalid configuration: DATABASE_REPLICA_URL: replicas need DATABASE_URL (PostgreSQL)');
  if (e.FILE_STORE === 's3' && !e.S3_BUCKET)
    throw new Error('Invalid configuration: S3_BUCKET: required when FILE_STORE=s3');
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw new Error(
      'Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
    );
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    replicas: {
      urls: replicaUrls,
      maxLagSeconds: e.REPLICA_MAX_LAG_SECONDS,
      checkIntervalMs: e.REPLICA_CHECK_INTERVAL_MS,
    },
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? (e.NODE_ENV === 'test' ? randomBytes(32).toString('hex') : DEV_SECRET),
    publicUrl: e.PUBLIC_URL,
    defaultRegionCode: e.DEFAULT_REGION,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.DB_POOL_SIZE,
    trustProxy: e.TRUST_PROXY === 'true',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.NODE_ENV === 'test' ? 100_000 : 600),
    secureCookies: production,
    metricsToken: e.METRICS_TOKEN || undefined,
    streamLimits: {
      perSession: e.STREAMS_PER_SESSION,
      perAddress: e.STREAMS_PER_ADDRESS,
      maxAgeMs: e.STREAM_MAX_AGE_SECONDS * 1000,
    },
    searchSlots: { concurrency: e.SEARCH_CONCURRENCY, queue: e.SEARCH_QUEUE },
    push: {
      vapid:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
          : null,
      subject: e.VAPID_SUBJECT ?? `mailto:${/<([^>]+)>/.exec(e.MAIL_FROM)?.[1] ?? e.MAIL_FROM}`,
      extraOrigins: (e.PUSH_EXTRA_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    files:
      e.FILE_STORE === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET!,
            prefix: e.S3_PREFIX ?? '',
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                : undefined,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : { kind: 'local', dir: path.join(dataDir, 'files') },
    map: {
      tileUrl: e.MAP_TILE_URL === 'none' ? null : (e.MAP_TILE_URL ?? OSM_TILES),
      tileAttribution: e.MAP_TILE_ATTRIBUTION ?? (e.MAP_TILE_URL ? '' : OSM_ATTRIBUTION),
      basemapFile: e.MAP_BASEMAP_FILE ? path.resolve(e.DATA_DIR, e.MAP_BASEMAP_FILE) : null,
      basemapAttribution: e.MAP_BASEMAP_ATTRIBUTION ?? OSM_ATTRIBUTION,
    },
  };
}
