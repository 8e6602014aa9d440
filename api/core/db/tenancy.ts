import { type SQL, sql } from 'drizzle-orm';
import type { BuildExtraConfigColumns } from 'drizzle-orm/column-builder';
import {
  index,
  jsonb,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RegionMapSetting } from '../../../shared/map';
import type { Branding } from '../../../shared/region';

/** The non-owner role every region-scoped request runs as. Row-level security applies to it. */
export const APP_ROLE = 'simpul_app';
/** The role of the one explicit cross-region path (api/core/db/scope.ts `asPlatform`). */
export const PLATFORM_ROLE = 'simpul_platform';

/**
 * The region of the current transaction, set by `inRegion`. NULL (matches nothing) when unset.
 * A scalar subquery, so PostgreSQL reads the setting once per statement (an InitPlan): written
 * bare, a policy that filters rows rather than steering an index called current_setting for
 * every row (a third of the Siap Kerja seeker page's 20,000-vacancy scan, bench:kerja).
 */
export const currentRegion = sql.raw(`(select nullif(current_setting('app.region_id', true), '')::uuid)`);

/** Policies every region-scoped table gets: its own region for the app role, everything for the platform role. */
export function tenantPolicies(table: string, regionColumn: SQL = sql.raw('region_id')) {
  const own = sql`${regionColumn} = ${currentRegion}`;
  return [
    pgPolicy(`${table}_region_isolation`, { for: 'all', to: APP_ROLE, using: own, withCheck: own }),
    pgPolicy(`${table}_platform`, { for: 'all', to: PLATFORM_ROLE, using: sql`true`, withCheck: sql`true` }),
  ];
}

/** Tables no region may see: only the platform role has a policy (RLS denies everyone else). */
export function platformOnlyPolicies(table: string) {
  return [
    pgPolicy(`${table}_platform`, { for: 'all', to: PLATFORM_ROLE, using: sql`true`, withCheck: sql`true` }),
  ];
}

/**
 * The tenant: a Pemda keyed by its Kemendagri code. Every region may read every region's public
 * row (needed to resolve hosts); a region may update only its own row.
 */
export const region = pgTable(
  'region',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    type: text().$type<'provinsi' | 'kabupaten' | 'kota'>().notNull(),
    slug: text().notNull().unique(),
    timeZone: text().$type<'WIB' | 'WITA' | 'WIT'>().notNull(),
    branding: jsonb().$type<Branding>().notNull(),
    contact: jsonb()
      .$type<{ phone: string | null; email: string | null; address: string | null }>()
      .notNull(),
    /** Where maps open and which basemap they draw (shared/map.ts); `{}` = defaults. */
    map: jsonb().$type<Partial<RegionMapSetting>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('region_read', { for: 'select', to: APP_ROLE, using: sql`true` }),
    pgPolicy('region_update_own', {
      for: 'update',
      to: APP_ROLE,
      using: sql`id = ${currentRegion}`,
      withCheck: sql`id = ${currentRegion}`,
    }),
    pgPolicy('region_platform', { for: 'all', to: PLATFORM_ROLE, using: sql`true`, withCheck: sql`true` }),
  ],
).enableRLS();

/** Host names that resolve to a region (besides the /r/<slug>/ path fallback), once verified. */
export const regionDomain = pgTable(
  'region_domain',
  {
    domain: text().primaryKey(),
    regionId: uuid()
      .notNull()
      .references(() => region.id, { onDelete: 'cascade' }),
    /** Null while pending: a name serves its region only once proven (HTTP token) or approved. */
    verifiedAt: timestamp({ withTimezone: true }),
    /** The proof published at /.well-known/simpul-domain/<token> on that host. */
    token: text(),
  },
  (t) => [
    index('region_domain_region_idx').on(t.regionId),
    pgPolicy('region_domain_read', { for: 'select', to: APP_ROLE, using: sql`true` }),
    pgPolicy('region_domain_own', {
      for: 'all',
      to: APP_ROLE,
      using: sql`region_id = ${currentRegion}`,
      withCheck: sql`region_id = ${currentRegion}`,
    }),
    ...platformOnlyPolicies('region_domain'),
  ],
).enableRLS();

const regionIdColumn = () =>
  uuid()
    .notNull()
    .references(() => region.id, { onDelete: 'cascade' });

/**
 * Defines a region-scoped (tenant) table: adds `region_id` (first column, referencing region),
 * and the row-level-security policies. Row-level security is enabled here and FORCED by the
 * migrator (api/core/db/migrate.ts) for every table, so a forgotten filter cannot leak rows.
 * Put `regionId` first in the primary key and in every index (see docs/ARCHITECTURE.md).
 */
export function tenantTable<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extra?: (
    t: BuildExtraConfigColumns<TName, TColumns & { regionId: ReturnType<typeof regionIdColumn> }, 'pg'>,
  ) => PgTableExtraConfigValue[],
) {
  return pgTable(name, { regionId: regionIdColumn(), ...columns }, (t) => [
    ...(extra ? extra(t) : []),
    ...tenantPolicies(name),
  ]).enableRLS();
}
