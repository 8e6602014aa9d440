import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AreaBoundary } from '../../../shared/map';
import type { Role } from '../../../shared/roles';
import { platformOnlyPolicies, tenantTable } from './tenancy';

export { region, regionDomain } from './tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** Kecamatan and kelurahan/desa of a region, copied from Kemendagri data at onboarding. */
export const regionArea = tenantTable(
  'region_area',
  {
    code: text().notNull(),
    parentCode: text(),
    level: text().$type<'kecamatan' | 'kelurahan' | 'desa'>().notNull(),
    name: text().notNull(),
    /** Approximate centre (optional): labels, and the nearest-centroid fallback of locateArea. */
    lat: doublePrecision(),
    lng: doublePrecision(),
    /** Outline (optional): a GeoJSON Polygon or MultiPolygon, validated on import. */
    boundary: jsonb().$type<AreaBoundary>(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.code] }),
    index('region_area_parent_idx').on(t.regionId, t.parentCode),
  ],
);

/** A module switched on or off for a region, with its per-region settings. */
export const regionModule = tenantTable(
  'region_module',
  {
    moduleId: text().notNull(),
    enabled: boolean().notNull().default(true),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.moduleId] })],
);

/** Organisasi Perangkat Daerah: the region's agencies (Dinas PUPR, Dishub, ...). */
export const opd = tenantTable(
  'opd',
  {
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] }), unique('opd_code_uq').on(t.regionId, t.code)],
);

/** Citizens and staff of one region. Phone in E.164; NIK never leaves the API in full. */
export const appUser = tenantTable(
  'app_user',
  {
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    phone: text(),
    email: text(),
    passwordHash: text().notNull(),
    nik: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The last accepted TOTP time step: a code is good once, even within its window. */
    totpLastStep: integer(),
    disabledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('app_user_phone_uq').on(t.regionId, t.phone),
    unique('app_user_email_uq').on(t.regionId, t.email),
  ],
);

export const userRole = tenantTable(
  'user_role',
  {
    userId: uuid().notNull(),
    role: text().$type<Role>().notNull(),
    opdId: uuid(),
  },
  (t) => [
    unique('user_role_uq').on(t.regionId, t.userId, t.role, t.opdId).nullsNotDistinct(),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }).onDelete(
      'cascade',
    ),
    index('user_role_opd_idx').on(t.regionId, t.opdId),
  ],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const session = tenantTable(
  'session',
  {
    id: uuid().notNull().defaultRandom(),
    tokenHash: text().notNull(),
    userId: uuid().notNull(),
    csrfToken: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    userAgent: text(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('session_token_uq').on(t.regionId, t.tokenHash),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('session_user_idx').on(t.regionId, t.userId),
  ],
);

/** One-time codes for verifying a phone number or e-mail address. */
/**
 * Failed sign-ins, counted in the database so every API process sees the same counts
 * (api/core/auth/sign-in-throttle.ts). One row per key: `address:<ip>` (spraying across
 * accounts), `account:<id>@<ip>` (the per-address lock) and `account:<id>` (the slow-down
 * across addresses). Rows are purged a day after their last failure.
 */
export const signInThrottle = tenantTable(
  'sign_in_throttle',
  {
    key: text().notNull(),
    failures: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    lastFailureAt: timestamp({ withTimezone: true }).notNull(),
    blockedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.key] }),
    index('sign_in_throttle_last_failure_idx').on(t.regionId, t.lastFailureAt),
  ],
);

export const verificationCode = tenantTable(
  'verification_code',
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuid().notNull(),
    channel: text().$type<'sms' | 'email'>().notNull(),
    /** What the code is good for: confirming the contact, or setting a forgotten password. */
    purpose: text().$type<'verify' | 'password-reset'>().notNull().default('verify'),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('verification_code_user_idx').on(t.regionId, t.userId),
  ],
);

/**
 * Domain events: the audit log, the outbox for module event handlers, and the replay source
 * for live clients that reconnect. Written in the same transaction as the change it records.
 * `actorId` is deliberately not a foreign key: the audit trail outlives accounts.
 */
export const event = tenantTable(
  'event',
  {
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    type: text().notNull(),
    module: text().notNull(),
    actorId: uuid(),
    actorName: text(),
    subject: text(),
    summary: jsonb().$type<{ id: string; en: string }>().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Permission needed to see the event on the live stream (the audit log shows all to core:audit.read). */
    permission: text().notNull(),
    createdAt: createdAt(),
    /** Set when every enabled module's handlers have run (outbox). */
    handledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    index('event_unhandled_idx').on(t.id).where(sql`handled_at is null`),
  ],
);

/** Uploaded files (images are re-encoded without EXIF before they are stored). */
export const storedFile = tenantTable(
  'stored_file',
  {
    id: uuid().notNull().defaultRandom(),
    ownerId: uuid(),
    purpose: text().notNull(),
    mime: text().notNull(),
    bytes: integer().notNull(),
    width: integer(),
    height: integer(),
    storageKey: text().notNull(),
    sha256: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

/** Every use of the cross-region platform path, with who and why. No region can read it. */
export const platformAudit = pgTable(
  'platform_audit',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actor: text().notNull(),
    action: text().notNull(),
    reason: text().notNull(),
    regionId: uuid(),
    at: createdAt(),
  },
  () => platformOnlyPolicies('platform_audit'),
).enableRLS();

/** Last run of each scheduled task per region, claimed atomically so one process runs it. */
export const taskRun = pgTable(
  'task_run',
  {
    task: text().notNull(),
    regionId: uuid().notNull(),
    lastStartedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.task, t.regionId] }), ...platformOnlyPolicies('task_run')],
).enableRLS();

/**
 * Usage analytics: how often each module is used per region and local day. `metric` is a domain
 * event type (a key action, counted by the outbox) or `open.citizen` / `open.staff` (the web
 * beacon). Counts only: no user ids, no personal data.
 */
export const usageDaily = tenantTable(
  'usage_daily',
  {
    day: date().notNull(),
    module: text().notNull(),
    metric: text().notNull(),
    count: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.module, t.metric] })],
);
