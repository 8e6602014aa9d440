import { and, asc, desc, eq, gte, inArray, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  closedStatuses,
  type LaksaSettings,
  type ReportStatus,
  reportInput,
  reportTypes,
  statusLabels,
} from '../../../../shared/modules/laksa';
import { calendarFor } from '../../../core/calendar/region-calendar';
import type { TimeZoneCode } from '../../../core/calendar/working-days';
import type { Tx } from '../../../core/db/client';
import { opd, regionModule } from '../../../core/db/schema';
import { AppError, invalid, notFound } from '../../../core/errors';
import { fileReport } from '../intake';
import {
  laksaCategory as c,
  laksaReportOpd,
  laksaReportPhoto,
  laksaReportStep,
  laksaReport as r,
} from '../schema';
import { INDONESIA } from '../settings';
import { photoUrl } from '../views';
import { markKeyUsed } from './api-keys';
import { parseDateParam, zoned } from './format';

/** What every Open311 answer needs to know about the request's region. */
export type Open311Env = {
  regionId: string;
  regionCode: string;
  regionName: string;
  timeZone: TimeZoneCode;
  /** `https://host` of the request (absolute URLs in answers). */
  origin: string;
  /** '' or '/r/<slug>'. */
  basePath: string;
};

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const DAY_MS = 86_400_000;
/** Without start_date and end_date, GET requests covers the last 90 days (as the spec says). */
export const DEFAULT_WINDOW_DAYS = 90;

const bilingual = (id: string, en: string) => `${id} / ${en}`;

// ---- services ----

/** The attributes LAKSA reads from a POST (`attribute[code]`), the same for every service. */
const attributes = [
  {
    variable: true,
    code: 'report_type',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: bilingual('Pilih satu; bawaan: pengaduan', 'Choose one; default: pengaduan'),
    order: 1,
    description: bilingual('Jenis laporan', 'Type of report'),
    values: [
      { key: 'pengaduan', name: bilingual('Pengaduan', 'Complaint') },
      { key: 'aspirasi', name: bilingual('Aspirasi', 'Aspiration') },
      { key: 'informasi', name: bilingual('Permintaan informasi', 'Information request') },
    ],
  },
  {
    variable: true,
    code: 'anonim',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: bilingual('true atau false; bawaan: false', 'true or false; default: false'),
    order: 2,
    description: bilingual(
      'Anonim: identitas pelapor tidak ditampilkan kepada petugas',
      "Anonymous: the reporter's identity is not shown to staff",
    ),
    values: [
      { key: 'false', name: bilingual('Tidak', 'No') },
      { key: 'true', name: bilingual('Ya', 'Yes') },
    ],
  },
  {
    variable: true,
    code: 'rahasia',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: bilingual('true atau false; bawaan: false', 'true or false; default: false'),
    order: 3,
    description: bilingual(
      'Rahasia: laporan tidak pernah tampil di daftar publik maupun Open311',
      'Confidential: the report never appears in public lists nor in Open311',
    ),
    values: [
      { key: 'false', name: bilingual('Tidak', 'No') },
      { key: 'true', name: bilingual('Ya', 'Yes') },
    ],
  },
];

type CategoryRow = typeof c.$inferSelect;

const toService = (k: CategoryRow) => ({
  service_code: k.code,
  service_name: k.name,
  description: `${k.description ?? bilingual(k.name, k.nameEn)} ${bilingual(
    `Deskripsi laporan wajib, minimal ${MIN_DESCRIPTION} karakter.`,
    `A description of at least ${MIN_DESCRIPTION} characters is required.`,
  )}`,
  metadata: attributes.length > 0,
  type: 'realtime' as const,
  keywords: [k.code, k.nameEn.toLowerCase(), ...(k.kamtibmas ? ['kamtibmas'] : [])].join(', '),
  group: k.kamtibmas ? 'Kamtibmas' : 'Layanan Publik',
});

export async function listServices(tx: Tx) {
  const rows = await tx.select().from(c).where(eq(c.active, true)).orderBy(asc(c.sort), asc(c.name));
  return rows.map(toService);
}

const serviceNotFound = () =>
  notFound({
    id: 'service_code tidak dikenal di daerah ini.',
    en: 'Unknown service_code for this jurisdiction.',
  });

export async function serviceDefinition(tx: Tx, code: string) {
  const [row] = await tx
    .select({ code: c.code })
    .from(c)
    .where(and(eq(c.code, code.toLowerCase()), eq(c.active, true)));
  if (!row) throw serviceNotFound();
  return { service_code: row.code, attributes };
}

// ---- discovery ----

export async function discovery(
  tx: Tx,
  env: Open311Env,
  region: { updatedAt: Date; contact: { email: string | null; phone: string | null } },
) {
  // Services change with the module's settings or the region's profile; categories carry no timestamp.
  const [mod] = await tx
    .select({ at: regionModule.updatedAt })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'laksa'));
  const changed = new Date(Math.max(region.updatedAt.getTime(), mod?.at.getTime() ?? 0));
  const changeset = zoned(changed, env.timeZone);
  const reach = [region.contact.email, region.contact.phone].filter(Boolean).join(', ');
  return {
    changeset,
    contact: reach ? `${env.regionName}: ${reach}` : env.regionName,
    key_service: bilingual(
      `Kunci API diterbitkan oleh admin LAKSA ${env.regionName}${region.contact.email ? ` (${region.contact.email})` : ''}`,
      `API keys are issued by the LAKSA administrator of ${env.regionName}`,
    ),
    endpoints: [
      {
        specification: SPECIFICATION,
        // Without a trailing slash: clients and validators append `/services.xml` to it.
        url: `${env.origin}${env.basePath}/open311/v2`,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

// ---- service requests ----

/** Open311 shows only what the public may see: verified, not rahasia, not rejected. Never who reported it. */
const publicOnly = and(eq(r.confidential, false), notInArray(r.status, ['menunggu_verifikasi', 'ditolak']));
const closed = [...closedStatuses];

const requestColumns = {
  id: r.id,
  ticket: r.ticket,
  status: r.status,
  description: r.description,
  address: r.address,
  lat: r.lat,
  lng: r.lng,
  kecamatan: r.kecamatan,
  kelurahan: r.kelurahan,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  resolveDueAt: r.resolveDueAt,
  serviceCode: c.code,
  serviceName: c.name,
  resolveDays: c.resolveDays,
  agencies: sql<string[]>`coalesce((select array_agg(${opd.name} order by ${opd.name}) from ${laksaReportOpd}
    join ${opd} on ${opd.regionId} = ${laksaReportOpd.regionId} and ${opd.id} = ${laksaReportOpd.opdId}
    where ${laksaReportOpd.regionId} = ${r.regionId} and ${laksaReportOpd.reportId} = ${r.id} and ${laksaReportOpd.active}), '{}')`,
  photoId: sql<string | null>`(select ${laksaReportPhoto.fileId}::text from ${laksaReportPhoto}
    where ${laksaReportPhoto.regionId} = ${r.regionId} and ${laksaReportPhoto.reportId} = ${r.id} and ${laksaReportPhoto.hiddenAt} is null
    order by ${laksaReportPhoto.createdAt}, ${laksaReportPhoto.fileId} limit 1)`,
  // The latest public note of a status change (what the tracking page shows), never internal notes or replies.
  note: sql<string | null>`(select ${laksaReportStep.note} from ${laksaReportStep}
    where ${laksaReportStep.regionId} = ${r.regionId} and ${laksaReportStep.reportId} = ${r.id}
      and ${laksaReportStep.visibility} = 'public' and ${laksaReportStep.kind} = 'status' and ${laksaReportStep.note} is not null
    order by ${laksaReportStep.id} desc limit 1)`,
};
const selectRequests = (tx: Tx, where: SQL | undefined) =>
  tx
    .select(requestColumns)
    .from(r)
    .innerJoin(c, and(eq(c.regionId, r.regionId), eq(c.id, r.categoryId)))
    .where(and(publicOnly, where));
type RequestRow = Awaited<ReturnType<typeof selectRequests>>[number];

const isClosed = (s: ReportStatus) => closed.includes(s);

function toRequest(row: RequestRow, env: Open311Env) {
  const label = statusLabels[row.status].id;
  return {
    service_request_id: row.ticket,
    status: isClosed(row.status) ? ('closed' as const) : ('open' as const),
    status_notes: row.note ? `${label} — ${row.note}` : label,
    service_name: row.serviceName,
    service_code: row.serviceCode,
    description: row.description,
    agency_responsible: row.agencies.length > 0 ? row.agencies.join(', ') : null,
    service_notice: bilingual(
      `Target penyelesaian ${row.resolveDays} hari kerja setelah diverifikasi`,
      `Target: resolved within ${row.resolveDays} working days of verification`,
    ),
    requested_datetime: zoned(row.createdAt, env.timeZone),
    updated_datetime: zoned(row.updatedAt, env.timeZone),
    expected_datetime: row.resolveDueAt ? zoned(row.resolveDueAt, env.timeZone) : null,
    address: row.address,
    // Kemendagri code of the kelurahan/desa (or kecamatan): the region's own addressing system.
    address_id: row.kelurahan ?? row.kecamatan ?? null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: row.photoId ? `${env.origin}${photoUrl(env.basePath, row.photoId)}` : null,
  };
}
export type Open311Request = ReturnType<typeof toRequest>;

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export type RequestsQuery = {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page: number;
  page_size: number;
};

const floorToSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

const badParam = (name: string, id: string, en: string) =>
  invalid({ id: `${name}: ${id}`, en: `${name}: ${en}` }, { field: name });

/** GET requests: filters as the spec defines them, plus `page`/`page_size`. Newest first. */
export async function listRequests(tx: Tx, env: Open311Env, q: RequestsQuery, now = new Date()) {
  const conds: (SQL | undefined)[] = [];
  const ids = list(q.service_request_id).map((t) => t.toUpperCase());
  if (ids.length > 200) throw badParam('service_request_id', 'paling banyak 200', 'at most 200');
  if (ids.length > 0) {
    // The spec: with service_request_id, the other filters are ignored.
    conds.push(inArray(r.ticket, ids));
  } else {
    const codes = list(q.service_code).map((x) => x.toLowerCase());
    if (codes.length > 0) conds.push(inArray(c.code, codes));
    const statuses = new Set(list(q.status).map((s) => s.toLowerCase()));
    for (const s of statuses)
      if (s !== 'open' && s !== 'closed')
        throw badParam('status', 'harus open atau closed', 'must be open or closed');
    if (statuses.size === 1)
      conds.push(statuses.has('closed') ? inArray(r.status, closed) : notInArray(r.status, closed));
    const start = q.start_date === undefined ? undefined : parseDateParam(q.start_date, env.timeZone, false);
    const end = q.end_date === undefined ? undefined : parseDateParam(q.end_date, env.timeZone, true);
    if (start === null) throw badParam('start_date', 'bukan tanggal ISO 8601', 'not an ISO 8601 date/time');
    if (end === null) throw badParam('end_date', 'bukan tanggal ISO 8601', 'not an ISO 8601 date/time');
    if (start && end && end < start) throw badParam('end_date', 'sebelum start_date', 'before start_date');
    // One window of at most 90 days (the spec lets a server bound it): a missing side is 90 days
    // from the given one, or from now; a longer range is refused rather than silently cut.
    const window = DEFAULT_WINDOW_DAYS * DAY_MS;
    if (start && end && end.getTime() - start.getTime() > window)
      throw badParam(
        'end_date',
        `rentang tanggal paling lama ${DEFAULT_WINDOW_DAYS} hari`,
        `the date range may span at most ${DEFAULT_WINDOW_DAYS} days`,
      );
    const to = end ?? (start ? new Date(start.getTime() + window) : now);
    const from = start ?? new Date(to.getTime() - window);
    // Filter on what is published: requested_datetime is shown to the second, so a report is in
    // [from, to] when its published second is (end_date = a report's exact requested_datetime finds it).
    conds.push(gte(r.createdAt, floorToSecond(from)));
    conds.push(lt(r.createdAt, new Date(floorToSecond(to).getTime() + 1000)));
  }
  const rows = await selectRequests(tx, and(...conds))
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(q.page_size)
    .offset((q.page - 1) * q.page_size);
  return rows.map((row) => toRequest(row, env));
}

export const requestNotFound = () =>
  notFound({
    id: 'Laporan tidak ditemukan atau tidak publik.',
    en: 'Service request not found or not public.',
  });

/** GET requests/{id}: one public report, as a list of one (the spec's shape). */
export async function getRequest(tx: Tx, env: Open311Env, ticket: string) {
  const rows = await selectRequests(tx, eq(r.ticket, ticket.toUpperCase())).limit(1);
  if (rows.length === 0) throw requestNotFound();
  return rows.map((row) => toRequest(row, env));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET tokens/{token}: the token is the report's id; it only ever maps to the ticket. */
export async function tokenLookup(tx: Tx, token: string) {
  const [row] = UUID.test(token) ? await tx.select({ ticket: r.ticket }).from(r).where(eq(r.id, token)) : [];
  if (!row) throw notFound({ id: 'Token tidak ditemukan.', en: 'Token not found.' });
  return [{ service_request_id: row.ticket, token: token.toLowerCase() }];
}

// ---- POST requests ----

const present = (v: unknown): v is string | number | boolean =>
  (typeof v === 'string' && v.trim() !== '') || typeof v === 'number' || typeof v === 'boolean';

/**
 * The POST body as one flat map of strings: form fields as sent (`attribute[anonim]=true`), JSON
 * values as strings, and a JSON `attribute: {code: value}` object as `attribute[code]`. Empty
 * values count as absent (forms send every field).
 */
export function flattenBody(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body)) {
    if (k === 'attribute' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [code, value] of Object.entries(v))
        if (present(value)) out[`attribute[${code}]`] = String(value);
    } else if (present(v)) out[k] = String(v);
  }
  return out;
}

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (max: number) => z.string().trim().max(max);

/** POST requests fields (the spec's names). `api_key` and `jurisdiction_id` are checked before this. */
export const postFields = z
  .object({
    service_code: text(60).toLowerCase(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: text(300).optional(),
    address_id: z
      .string()
      .trim()
      .regex(
        /^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/,
        'expected a kecamatan or kelurahan/desa code (PP.KK.CC[.NNNN])',
      )
      .optional(),
    email: text(200).pipe(z.email()).optional(),
    first_name: text(100).optional(),
    last_name: text(100).optional(),
    phone: text(30).optional(),
    device_id: text(200).optional(),
    account_id: text(200).optional(),
    description: text(4000).min(15),
    media_url: text(500)
      .pipe(z.url({ protocol: /^https?$/ }))
      .optional(),
    'attribute[report_type]': z.enum(reportTypes).optional(),
    'attribute[anonim]': flag.optional(),
    'attribute[rahasia]': flag.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.long === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.lat === undefined ? 'lat' : 'long'],
        message: 'lat and long come together',
      });
    else if (v.lat === undefined && !v.address_string && !v.address_id)
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: 'give lat and long, address_string or address_id',
      });
  });

const validation = (issues: z.core.$ZodIssue[]) =>
  new AppError('VALIDATION_FAILED', {
    messages: { id: 'Permintaan tidak valid.', en: 'Invalid request.' },
    details: issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });

/**
 * The spec makes `description` optional; LAKSA needs enough words to act on a report. That is this
 * platform's policy, said as such in the spec's error (and in every service's description).
 */
export const MIN_DESCRIPTION = reportInput.shape.description.minLength ?? 15;
const descriptionPolicy = () =>
  invalid(
    {
      id: `description: wajib diisi, minimal ${MIN_DESCRIPTION} karakter (kebijakan LAKSA: laporan harus cukup jelas untuk ditindaklanjuti)`,
      en: `description: required, at least ${MIN_DESCRIPTION} characters (LAKSA policy: a report must say enough to act on)`,
    },
    { field: 'description' },
  );

export type PostEnv = {
  regionId: string;
  regionCode: string;
  timeZone: TimeZoneCode;
  settings: LaksaSettings;
};

/**
 * POST requests: files a LAKSA report through `fileReport` (source open311, no account) in the
 * caller's transaction. The contact given is stored with the report (staff see it unless anonim);
 * a media_url is kept as an internal note, never fetched.
 */
export async function postRequest(
  tx: Tx,
  env: PostEnv,
  key: { id: string; name: string; prefix: string },
  body: Record<string, string>,
) {
  const parsed = postFields.safeParse(body);
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === 'description')) throw descriptionPolicy();
    throw validation(parsed.error.issues);
  }
  const f = parsed.data;
  const [category] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.code, f.service_code), eq(c.active, true)));
  // The spec: an unknown service_code is a 404, like its service definition.
  if (!category) throw serviceNotFound();
  // Only an address: the report is placed at the centre of the region's bounds (staff can correct it).
  const b = env.settings.bounds ?? INDONESIA;
  const at =
    f.lat !== undefined && f.long !== undefined
      ? { lat: f.lat, lng: f.long }
      : { lat: (b.south + b.north) / 2, lng: (b.west + b.east) / 2 };
  const input = reportInput.safeParse({
    type: f['attribute[report_type]'] ?? 'pengaduan',
    categoryId: category.id,
    description: f.description,
    ...at,
    areaCode: f.address_id ?? null,
    address: f.address_string ?? null,
    anonymous: f['attribute[anonim]'] ?? false,
    confidential: f['attribute[rahasia]'] ?? false,
  });
  if (!input.success) {
    if (input.error.issues.some((i) => i.path[0] === 'description')) throw descriptionPolicy();
    throw validation(input.error.issues);
  }
  const name = [f.first_name, f.last_name].filter(Boolean).join(' ');
  const contact = {
    ...(name ? { name } : {}),
    ...(f.email ? { email: f.email } : {}),
    ...(f.phone ? { phone: f.phone } : {}),
  };
  const calendar = await calendarFor(tx, { id: env.regionId, timeZone: env.timeZone });
  const filed = await fileReport(
    tx,
    { regionId: env.regionId, regionCode: env.regionCode, settings: env.settings, calendar },
    input.data,
    { reporterId: null, contact: Object.keys(contact).length > 0 ? contact : null, source: 'open311' },
  );
  // Staff see which client sent it, and the link it gave (not fetched: it may be anything).
  await tx.insert(laksaReportStep).values({
    regionId: env.regionId,
    reportId: filed.id,
    kind: 'note',
    actorLabel: 'Open311',
    note: [
      `Dikirim melalui Open311 oleh klien "${key.name}" (${key.prefix}…).`,
      f.media_url ? `Media: ${f.media_url}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
    visibility: 'internal',
  });
  await markKeyUsed(tx, key.id);
  return [
    {
      service_request_id: filed.ticket,
      service_notice: bilingual(
        `Laporan diterima dan menunggu verifikasi petugas (paling lambat ${env.settings.verifyDays} hari kerja); baru tampil di Open311 setelah diverifikasi`,
        `Report received, awaiting verification (within ${env.settings.verifyDays} working days); it appears in Open311 once verified`,
      ),
      account_id: null,
    },
  ];
}
