import { randomInt, randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TimeZoneName } from '../../../shared/indonesia';
import type { Branding } from '../../../shared/region';
import { modules as allModules } from '../../modules';
import { hashPassword } from '../auth/password';
import type { Database, Tx } from '../db/client';
import { appUser, opd, region, regionArea, regionDomain, regionModule, userRole } from '../db/schema';
import { asPlatform } from '../db/scope';
import { APP_ROLE, PLATFORM_ROLE } from '../db/tenancy';
import { AppError, type ErrorCode } from '../errors';
import type { SimpulModule } from '../modules/types';
import { type Area, areasOf, codeLevel, findRegionByCode, type RegionType, timeZoneOf } from './area-data';
import type { RegionDirectory } from './directory';
import { claimDomains, normaliseHost } from './domains';

type OpdSeed = { code: string; name: string; shortName: string };

/** Agencies (OPD) nearly every kabupaten/kota has; the region admin renames, adds or deactivates. */
const kabKotaOpds: OpdSeed[] = [
  { code: 'diskominfo', name: 'Dinas Komunikasi dan Informatika', shortName: 'Diskominfo' },
  { code: 'dpupr', name: 'Dinas Pekerjaan Umum dan Penataan Ruang', shortName: 'Dinas PUPR' },
  { code: 'dishub', name: 'Dinas Perhubungan', shortName: 'Dishub' },
  { code: 'dlh', name: 'Dinas Lingkungan Hidup', shortName: 'DLH' },
  { code: 'dinkes', name: 'Dinas Kesehatan', shortName: 'Dinkes' },
  { code: 'disdik', name: 'Dinas Pendidikan', shortName: 'Disdik' },
  { code: 'satpol-pp', name: 'Satuan Polisi Pamong Praja', shortName: 'Satpol PP' },
  { code: 'bpbd', name: 'Badan Penanggulangan Bencana Daerah', shortName: 'BPBD' },
  { code: 'damkar', name: 'Dinas Pemadam Kebakaran dan Penyelamatan', shortName: 'Damkar' },
  { code: 'disnaker', name: 'Dinas Ketenagakerjaan', shortName: 'Disnaker' },
  { code: 'disperindag', name: 'Dinas Perindustrian dan Perdagangan', shortName: 'Disperindag' },
  { code: 'dkp', name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
  {
    code: 'dpmptsp',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    shortName: 'DPMPTSP',
  },
  { code: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil' },
  { code: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos' },
  {
    code: 'disperkimtan',
    name: 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan',
    shortName: 'Disperkimtan',
  },
  { code: 'dispora', name: 'Dinas Pemuda dan Olahraga', shortName: 'Dispora' },
  { code: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', shortName: 'Bappeda' },
  { code: 'bapenda', name: 'Badan Pendapatan Daerah', shortName: 'Bapenda' },
  { code: 'inspektorat', name: 'Inspektorat', shortName: 'Inspektorat' },
];

/** Province-level agencies (no Damkar or Dukcapil: those are kabupaten/kota affairs). */
const provinceOpds: OpdSeed[] = [
  { code: 'diskominfo', name: 'Dinas Komunikasi dan Informatika', shortName: 'Diskominfo' },
  { code: 'dpupr', name: 'Dinas Pekerjaan Umum dan Penataan Ruang', shortName: 'Dinas PUPR' },
  { code: 'dishub', name: 'Dinas Perhubungan', shortName: 'Dishub' },
  { code: 'dlh', name: 'Dinas Lingkungan Hidup dan Kehutanan', shortName: 'DLHK' },
  { code: 'dinkes', name: 'Dinas Kesehatan', shortName: 'Dinkes' },
  { code: 'dindikbud', name: 'Dinas Pendidikan dan Kebudayaan', shortName: 'Dindikbud' },
  { code: 'satpol-pp', name: 'Satuan Polisi Pamong Praja', shortName: 'Satpol PP' },
  { code: 'bpbd', name: 'Badan Penanggulangan Bencana Daerah', shortName: 'BPBD' },
  { code: 'disnakertrans', name: 'Dinas Tenaga Kerja dan Transmigrasi', shortName: 'Disnakertrans' },
  { code: 'disperindag', name: 'Dinas Perindustrian dan Perdagangan', shortName: 'Disperindag' },
  { code: 'dkp', name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
  {
    code: 'dpmptsp',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    shortName: 'DPMPTSP',
  },
  { code: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos' },
  { code: 'disperkim', name: 'Dinas Perumahan dan Kawasan Permukiman', shortName: 'Disperkim' },
  { code: 'dispora', name: 'Dinas Pemuda dan Olahraga', shortName: 'Dispora' },
  { code: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', shortName: 'Bappeda' },
  { code: 'bapenda', name: 'Badan Pendapatan Daerah', shortName: 'Bapenda' },
  { code: 'inspektorat', name: 'Inspektorat', shortName: 'Inspektorat' },
];

/** Default OPDs; a province's carry its name ("Dinas Kesehatan Provinsi Banten"), as they are called. */
export function defaultOpdsFor(type: RegionType, regionName: string): OpdSeed[] {
  if (type !== 'provinsi') return kabKotaOpds;
  return provinceOpds.map((o) => ({ ...o, name: `${o.name} ${regionName}` }));
}

/** An onboarding mistake the caller can fix; the message carries both languages ("id / en"). */
export class OnboardingError extends AppError {
  constructor(code: ErrorCode, messages: { id: string; en: string }) {
    super(code, { messages });
    this.name = 'OnboardingError';
    this.message = `${messages.id} / ${messages.en}`;
  }
}

const fail = (id: string, en: string, code: ErrorCode = 'VALIDATION_FAILED') =>
  new OnboardingError(code, { id, en });

export type OnboardOptions = {
  /** Kemendagri code of a province (`PP`) or kabupaten/kota (`PP.KK`). */
  code: string;
  /** Modules to enable; default: every module with `enabledByDefault`. Never disables on a re-run. */
  modules?: string[];
  adminEmail?: string;
  adminPassword?: string;
  domains?: string[];
  /** Who does it, for platform_audit (e.g. `cli`, a platform admin's user id). */
  actor?: string;
  /** When given, its cache is invalidated after the onboarding commits. */
  directory?: RegionDirectory;
  /** The module registry (tests pass their own); default api/modules.ts. */
  registry?: readonly SimpulModule[];
};

export type RegionSummary = {
  type: RegionType;
  timeZone: TimeZoneName;
  kecamatan: number;
  kelurahan: number;
  desa: number;
  opd: number;
  /** Enabled module ids, in registry order. */
  modules: string[];
  domains: string[];
};

export type OnboardResult = {
  region: { id: string; code: string; name: string; slug: string };
  created: boolean;
  /** The first region admin's login; null when the region already existed (its password is never reset). */
  admin: { email: string; password: string } | null;
  summary: RegionSummary;
};

/** The light-blue/amber pair reads well on white and in the dark LIVE Room; a region rebrands later. */
const defaultColors = { primaryColor: '#0b5fa5', accentColor: '#f59e0b' };
const AREA_BATCH = 1000;

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
const parseDomain = (raw: string) => {
  const host = normaliseHost(raw);
  if (!host) throw fail(`Domain tidak valid: ${raw}`, `Invalid domain: ${raw}`);
  return host;
};

/** "Kota Tangerang" → "kota-tangerang". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Readable random password without look-alike characters (0/O, 1/l/I), for reading off a terminal. */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Validates the code and finds it in the Kemendagri data, or throws a bilingual, actionable error. */
export function resolveRegionCode(input: string) {
  const code = input.trim();
  const level = codeLevel(code);
  if (level === 'kecamatan' || level === 'desa') {
    const parent = code.slice(0, 5);
    throw fail(
      `Kode ${code} adalah kode ${level === 'kecamatan' ? 'kecamatan' : 'kelurahan/desa'}; yang didaftarkan adalah provinsi (PP) atau kabupaten/kota (PP.KK), mis. ${parent}`,
      `${code} is a ${level === 'kecamatan' ? 'kecamatan (district)' : 'kelurahan/desa (village)'} code; onboard a province (PP) or kabupaten/kota (PP.KK) instead, e.g. ${parent}`,
    );
  }
  if (!level)
    throw fail(
      `Format kode wilayah "${code}" tidak valid; gunakan kode Kemendagri PP atau PP.KK, mis. 36.71`,
      `Invalid region code "${code}"; use a Kemendagri code PP or PP.KK, e.g. 36.71`,
    );
  const found = findRegionByCode(code);
  if (!found)
    throw fail(
      `Kode wilayah ${code} tidak dikenal di data Kemendagri`,
      `Unknown Kemendagri region code ${code}`,
      'NOT_FOUND',
    );
  // A province row is named "Provinsi …" so it reads like "Kota …"/"Kabupaten …" everywhere.
  const name = found.type === 'provinsi' ? `Provinsi ${found.name}` : found.name;
  return { ...found, name, slug: slugify(name), timeZone: timeZoneOf(found.provinceCode) };
}

type ModuleRow = { moduleId: string; enabled: boolean };

/**
 * The enabled set after a change, checked against the registry: unknown ids and unmet
 * dependencies are refused (never silently fixed, so the admin knows what they switch on).
 */
export function planModules(
  registry: readonly SimpulModule[],
  current: readonly ModuleRow[] | null,
  change: { enable?: readonly string[]; disable?: readonly string[] },
): Set<string> {
  const known = new Set(registry.map((m) => m.id));
  const unknown = [...(change.enable ?? []), ...(change.disable ?? [])].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const list = unknown.join(', ');
    const available = [...known].join(', ');
    throw fail(
      `Layanan tidak dikenal: ${list} (tersedia: ${available})`,
      `Unknown module: ${list} (available: ${available})`,
    );
  }
  const both = (change.enable ?? []).filter((id) => change.disable?.includes(id));
  if (both.length > 0)
    throw fail(
      `Layanan ${both.join(', ')} tidak bisa diaktifkan dan dinonaktifkan sekaligus`,
      `Module ${both.join(', ')} cannot be both enabled and disabled`,
    );
  const enabled = new Set(current ? current.filter((r) => r.enabled).map((r) => r.moduleId) : []);
  for (const id of change.enable ?? []) enabled.add(id);
  for (const id of change.disable ?? []) enabled.delete(id);
  for (const m of registry) {
    if (!enabled.has(m.id)) continue;
    const missing = m.dependsOn.filter((dep) => !enabled.has(dep));
    if (missing.length > 0)
      throw fail(
        `Layanan ${m.id} membutuhkan ${missing.join(', ')}; aktifkan juga ${missing.join(', ')}`,
        `Module ${m.id} depends on ${missing.join(', ')}; enable ${missing.join(', ')} as well`,
      );
  }
  return enabled;
}

/**
 * Runs `work` inside the current platform transaction as the app role confined to one region,
 * then switches back. Module seeds are written for a region-scoped transaction (their queries
 * carry no region filter), so under the platform role they would see every region's rows.
 * Not restored on error: the whole transaction rolls back then anyway.
 */
async function withinRegion(tx: Tx, regionId: string, work: () => Promise<void>): Promise<void> {
  await tx.execute(
    sql`select set_config('role', ${APP_ROLE}, true), set_config('app.region_id', ${regionId}, true), set_config('app.user_id', '', true)`,
  );
  await work();
  await tx.execute(
    sql`select set_config('role', ${PLATFORM_ROLE}, true), set_config('app.region_id', '', true)`,
  );
}

/** Writes module switches (rows for every registry module) and seeds the newly enabled ones. */
async function applyModules(
  tx: Tx,
  target: { id: string; code: string },
  registry: readonly SimpulModule[],
  current: readonly ModuleRow[],
  enabled: Set<string>,
): Promise<void> {
  const before = new Map(current.map((r) => [r.moduleId, r.enabled]));
  const missing = registry.filter((m) => !before.has(m.id));
  if (missing.length > 0)
    await tx.insert(regionModule).values(
      missing.map((m) => ({
        regionId: target.id,
        moduleId: m.id,
        enabled: enabled.has(m.id),
        settings: (m.settings.parse({}) ?? {}) as Record<string, unknown>,
      })),
    );
  for (const m of registry) {
    const was = before.get(m.id);
    if (was === undefined || was === enabled.has(m.id)) continue;
    await tx
      .update(regionModule)
      .set({ enabled: enabled.has(m.id), updatedAt: new Date() })
      .where(and(eq(regionModule.regionId, target.id), eq(regionModule.moduleId, m.id)));
  }
  for (const m of registry) {
    if (!enabled.has(m.id) || before.get(m.id) === true || !m.seedRegion) continue;
    const seed = m.seedRegion;
    await withinRegion(tx, target.id, () => seed({ tx, regionId: target.id, regionCode: target.code }));
  }
}

async function insertAreas(tx: Tx, regionId: string, areas: Area[]): Promise<void> {
  for (let i = 0; i < areas.length; i += AREA_BATCH) {
    const batch = areas.slice(i, i + AREA_BATCH).map((a) => ({ regionId, ...a }));
    await tx.insert(regionArea).values(batch).onConflictDoNothing();
  }
}

/** Adds host names (never removes one). The platform operator runs this: they are proven at once. */
async function insertDomains(tx: Tx, regionId: string, domains: string[]): Promise<void> {
  if (domains.length === 0) return;
  const mine = await tx.select().from(regionDomain).where(eq(regionDomain.regionId, regionId));
  await claimDomains(tx, regionId, {
    domains: [...mine.map((m) => m.domain), ...domains],
    reserved: new Set(),
    verified: true,
  }).catch((err) => {
    // The command line prints both languages, like every other onboarding error.
    throw err instanceof AppError ? fail(err.messages.id, err.messages.en, err.code) : err;
  });
}

async function summarize(
  tx: Tx,
  regionId: string,
  type: RegionType,
  timeZone: TimeZoneName,
  registry: readonly SimpulModule[],
) {
  const levels = await tx
    .select({ level: regionArea.level, n: count() })
    .from(regionArea)
    .where(eq(regionArea.regionId, regionId))
    .groupBy(regionArea.level);
  const [opds] = await tx.select({ n: count() }).from(opd).where(eq(opd.regionId, regionId));
  const switches = await tx.select().from(regionModule).where(eq(regionModule.regionId, regionId));
  const domains = await tx.select().from(regionDomain).where(eq(regionDomain.regionId, regionId));
  const on = new Set(switches.filter((s) => s.enabled).map((s) => s.moduleId));
  const of = (level: string) => levels.find((l) => l.level === level)?.n ?? 0;
  return {
    type,
    timeZone,
    kecamatan: of('kecamatan'),
    kelurahan: of('kelurahan'),
    desa: of('desa'),
    opd: opds?.n ?? 0,
    modules: registry.filter((m) => on.has(m.id)).map((m) => m.id),
    domains: domains.map((d) => d.domain).sort(),
  } satisfies RegionSummary;
}

/** The region row by code, read as the app role (region rows are public), without the platform path. */
export async function findRegionRow(database: Database, code: string) {
  return database.run(() =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
      const [row] = await tx.select().from(region).where(eq(region.code, code));
      return row ?? null;
    }),
  );
}

/**
 * "Just change the city name": turns a Kemendagri code into a working, branded "<Region> LIVE"
 * with its kecamatan/kelurahan, default OPDs, module switches (plus module seed data) and a first
 * region admin, in ONE platform transaction (whole or nothing). Idempotent: on an existing
 * region it only adds what is missing (areas, OPDs, domains, newly requested modules) and never
 * touches the admin password.
 */
export async function onboardRegion(database: Database, opts: OnboardOptions): Promise<OnboardResult> {
  const registry = opts.registry ?? allModules;
  const target = resolveRegionCode(opts.code);
  const domains = [...new Set((opts.domains ?? []).map(parseDomain))];
  // Bad input is refused before any work, even where a re-run would not use it.
  if (opts.adminEmail !== undefined) parseOr(emailSchema, opts.adminEmail, 'e-mail');
  if (opts.adminPassword !== undefined && opts.adminPassword.length < 8)
    throw fail('Kata sandi admin minimal 8 karakter', 'The admin password needs at least 8 characters');
  const existing = await findRegionRow(database, target.code);
  const regionId = existing?.id ?? randomUUID();
  const areas = areasOf(target.code);
  const opds = defaultOpdsFor(target.type, target.name);

  const result = await asPlatform(
    database,
    {
      actor: opts.actor ?? 'system',
      action: 'region.onboard',
      reason: `${existing ? 'Re-run onboarding' : 'Onboard'} ${target.name} (${target.code})`,
      regionId,
    },
    async (tx) => {
      let admin: OnboardResult['admin'] = null;
      let slug = existing?.slug ?? target.slug;
      let currentModules: ModuleRow[] = [];
      if (existing) {
        currentModules = await tx.select().from(regionModule).where(eq(regionModule.regionId, regionId));
      } else {
        // Slugs come from unique Kemendagri names; the code suffix only guards against a clash.
        const [clash] = await tx.select({ id: region.id }).from(region).where(eq(region.slug, slug));
        if (clash) slug = `${slug}-${target.code.replace('.', '-')}`;
        const branding: Branding = { displayName: `${target.name} LIVE`, logoFileId: null, ...defaultColors };
        await tx.insert(region).values({
          id: regionId,
          code: target.code,
          name: target.name,
          type: target.type,
          slug,
          timeZone: target.timeZone,
          branding,
          contact: { phone: null, email: null, address: null },
        });
      }
      const enabled = planModules(registry, existing ? currentModules : null, {
        enable: opts.modules ?? (existing ? [] : registry.filter((m) => m.enabledByDefault).map((m) => m.id)),
      });
      await insertDomains(tx, regionId, domains);
      await insertAreas(tx, regionId, areas);
      await tx
        .insert(opd)
        .values(opds.map((o) => ({ regionId, ...o })))
        .onConflictDoNothing();
      await applyModules(tx, { id: regionId, code: target.code }, registry, currentModules, enabled);
      if (!existing) admin = await createRegionAdmin(tx, regionId, target.name, slug, opts);
      return {
        region: { id: regionId, code: target.code, name: existing?.name ?? target.name, slug },
        created: !existing,
        admin,
        summary: await summarize(tx, regionId, target.type, existing?.timeZone ?? target.timeZone, registry),
      };
    },
  );
  await opts.directory?.invalidate(result.region.id);
  return result;
}

async function createRegionAdmin(
  tx: Tx,
  regionId: string,
  name: string,
  slug: string,
  opts: Pick<OnboardOptions, 'adminEmail' | 'adminPassword'>,
): Promise<{ email: string; password: string }> {
  const email = parseOr(emailSchema, opts.adminEmail ?? `admin@${slug}.simpul.local`, 'e-mail');
  const password = opts.adminPassword ?? generatePassword();
  const [user] = await tx
    .insert(appUser)
    .values({
      regionId,
      name: `Admin ${name}`,
      email,
      passwordHash: await hashPassword(password),
      verifiedAt: new Date(),
    })
    .returning({ id: appUser.id });
  await tx.insert(userRole).values({ regionId, userId: user!.id, role: 'region_admin' });
  return { email, password };
}

function parseOr<T>(schema: z.ZodType<T>, value: string, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fail(`${what} tidak valid: ${value}`, `Invalid ${what}: ${value}`);
  return parsed.data;
}

export type ModuleSwitchOptions = {
  code: string;
  enable?: string[];
  disable?: string[];
  actor?: string;
  directory?: RegionDirectory;
  registry?: readonly SimpulModule[];
};

/** Switches modules of an onboarded region on/off (seeding newly enabled ones); settings are kept. */
export async function switchRegionModules(
  database: Database,
  opts: ModuleSwitchOptions,
): Promise<{ region: OnboardResult['region']; modules: string[] }> {
  const registry = opts.registry ?? allModules;
  const code = opts.code.trim();
  const row = await findRegionRow(database, code);
  if (!row)
    throw fail(
      `Daerah ${code} belum didaftarkan; jalankan dulu: region add ${code}`,
      `Region ${code} is not onboarded yet; run: region add ${code}`,
      'NOT_FOUND',
    );
  const result = await asPlatform(
    database,
    {
      actor: opts.actor ?? 'system',
      action: 'region.modules',
      reason: `Modules of ${row.name}: +[${(opts.enable ?? []).join(',')}] -[${(opts.disable ?? []).join(',')}]`,
      regionId: row.id,
    },
    async (tx) => {
      const current = await tx.select().from(regionModule).where(eq(regionModule.regionId, row.id));
      const enabled = planModules(registry, current, { enable: opts.enable, disable: opts.disable });
      await applyModules(tx, { id: row.id, code: row.code }, registry, current, enabled);
      return registry.filter((m) => enabled.has(m.id)).map((m) => m.id);
    },
  );
  await opts.directory?.invalidate(row.id);
  return { region: { id: row.id, code: row.code, name: row.name, slug: row.slug }, modules: result };
}
