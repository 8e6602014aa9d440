import { z } from 'zod';
import { isoDate } from '../dates';

/**
 * LAKSA (Layanan Aspirasi Kotak Saran Anda) contracts: what the API accepts and returns, shared
 * with the web app so both validate with the same schemas.
 */

export const reportTypes = ['pengaduan', 'aspirasi', 'informasi'] as const;
export type ReportType = (typeof reportTypes)[number];
export const reportTypeLabels: Record<ReportType, { id: string; en: string }> = {
  pengaduan: { id: 'Pengaduan', en: 'Complaint' },
  aspirasi: { id: 'Aspirasi', en: 'Aspiration' },
  informasi: { id: 'Permintaan Informasi', en: 'Information request' },
};

export const reportStatuses = [
  'menunggu_verifikasi',
  'terverifikasi',
  'didisposisikan',
  'diproses',
  'selesai',
  'ditolak',
  'dialihkan',
  'ditunda',
  'ditinjau_ulang',
] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const statusLabels: Record<ReportStatus, { id: string; en: string }> = {
  menunggu_verifikasi: { id: 'Menunggu Verifikasi', en: 'Awaiting verification' },
  terverifikasi: { id: 'Terverifikasi', en: 'Verified' },
  didisposisikan: { id: 'Didisposisikan', en: 'Assigned to agency' },
  diproses: { id: 'Diproses', en: 'In progress' },
  selesai: { id: 'Selesai', en: 'Resolved' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
  dialihkan: { id: 'Bukan Wewenang / Dialihkan', en: 'Not our authority / Redirected' },
  ditunda: { id: 'Ditunda', en: 'On hold' },
  ditinjau_ulang: { id: 'Ditinjau Ulang', en: 'Reopened' },
};
/** States in which nobody works on the report any more (Open311 "closed"). */
export const closedStatuses: readonly ReportStatus[] = ['selesai', 'ditolak', 'dialihkan'];

/**
 * Everything that moves a report, as one verb each. Who may do it and from which states is in
 * api/modules/laksa/workflow.ts; an illegal move answers 409.
 */
export const reportActions = [
  'verify', // operator: Menunggu Verifikasi → Terverifikasi (then auto-disposition when a rule matches)
  'reject', // operator: → Ditolak (reason required)
  'dispose', // operator: → Didisposisikan to opdIds (also re-disposition)
  'redirect', // operator: → Bukan Wewenang / Dialihkan (target + reference required)
  'start', // OPD: Didisposisikan / Ditinjau Ulang → Diproses
  'return', // OPD: hand back to the operator → Terverifikasi (reason required)
  'reroute', // OPD: → Didisposisikan to other opdIds (reason required)
  'resolve', // OPD: → Selesai (resolution note required)
  'defer', // operator or OPD: → Ditunda (reason required); SLA timers pause
  'resume', // operator or OPD: Ditunda → the state before it
  'reopen', // reporter, within the region's window: Selesai → Ditinjau Ulang (reason required)
] as const;
export type ReportAction = (typeof reportActions)[number];

/** Who may act: operator (laksa:verify), opd (officer of an OPD the report is dispositioned to), reporter. */
export type Capacity = 'operator' | 'opd' | 'reporter';
export type ActionNeed = 'note' | 'opdIds' | 'redirect';
type Transition = {
  from: readonly ReportStatus[];
  to: ReportStatus | 'paused-from';
  by: readonly Capacity[];
  needs: readonly ActionNeed[];
};

/**
 * The LAKSA state machine as data: from which states an action moves a report, to where, who may
 * do it and what it needs. The API enforces it (api/modules/laksa/workflow.ts); the staff console
 * reads `needs` to ask for the right fields.
 */
export const transitions: Record<ReportAction, Transition> = {
  verify: { from: ['menunggu_verifikasi'], to: 'terverifikasi', by: ['operator'], needs: [] },
  reject: {
    from: ['menunggu_verifikasi', 'terverifikasi', 'ditinjau_ulang'],
    to: 'ditolak',
    by: ['operator'],
    needs: ['note'],
  },
  dispose: {
    from: ['terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang'],
    to: 'didisposisikan',
    by: ['operator'],
    needs: ['opdIds'],
  },
  redirect: {
    from: ['menunggu_verifikasi', 'terverifikasi', 'didisposisikan', 'diproses'],
    to: 'dialihkan',
    by: ['operator', 'opd'],
    needs: ['redirect'],
  },
  start: { from: ['didisposisikan', 'ditinjau_ulang'], to: 'diproses', by: ['opd'], needs: [] },
  return: { from: ['didisposisikan', 'diproses'], to: 'terverifikasi', by: ['opd'], needs: ['note'] },
  reroute: {
    from: ['didisposisikan', 'diproses'],
    to: 'didisposisikan',
    by: ['opd'],
    needs: ['note', 'opdIds'],
  },
  resolve: {
    from: ['didisposisikan', 'diproses', 'ditinjau_ulang'],
    to: 'selesai',
    by: ['opd'],
    needs: ['note'],
  },
  defer: {
    from: ['terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang'],
    to: 'ditunda',
    by: ['operator', 'opd'],
    needs: ['note'],
  },
  resume: { from: ['ditunda'], to: 'paused-from', by: ['operator', 'opd'], needs: [] },
  reopen: { from: ['selesai'], to: 'ditinjau_ulang', by: ['reporter'], needs: ['note'] },
};

const note = z.string().trim().min(3).max(4000);
const uuid = z.string().uuid();

export const actionInput = z.object({
  action: z.enum(reportActions),
  note: note
    .optional()
    .describe('Reason / resolution note; required by reject, return, reroute, resolve, defer, reopen'),
  opdIds: z.array(uuid).min(1).max(10).optional().describe('dispose / reroute: the responsible OPD'),
  redirectTarget: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .optional()
    .describe('redirect: e.g. "Pemprov Banten", "SP4N-LAPOR!"'),
  redirectReference: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('redirect: reference number there'),
  photoIds: z
    .array(uuid)
    .max(5)
    .optional()
    .describe('resolve: after photos (uploaded via /api/files/photos)'),
});
export type ActionInput = z.infer<typeof actionInput>;

export const reportInput = z.object({
  type: z.enum(reportTypes),
  categoryId: uuid,
  description: z.string().trim().min(15).max(4000),
  photoIds: z.array(uuid).max(5).default([]),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Kelurahan/desa code (PP.KK.CC.NNNN) or kecamatan code (PP.KK.CC) of the region. */
  areaCode: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/)
    .nullable()
    .default(null),
  address: z.string().trim().max(300).nullable().default(null),
  anonymous: z.boolean().default(false),
  confidential: z.boolean().default(false),
});
export type ReportInput = z.input<typeof reportInput>;

const label = z.object({ id: z.string(), en: z.string() });
const area = z.object({ code: z.string(), name: z.string() }).nullable();
const opdRef = z.object({ id: uuid, name: z.string(), shortName: z.string() });
const photo = z.object({ fileId: uuid, url: z.string(), stage: z.enum(['report', 'before', 'after']) });

export const categoryView = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    description: z.string().nullable(),
    kamtibmas: z.boolean().describe('Security and order: also lands in the police liaison queue'),
    resolveDays: z.number().int().describe('Working days to resolve'),
    active: z.boolean(),
    sort: z.number().int(),
  })
  .meta({ id: 'LaksaCategory' });
export type CategoryView = z.infer<typeof categoryView>;

export const categoryInput = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().trim().min(3).max(120),
  nameEn: z.string().trim().min(3).max(120),
  description: z.string().trim().max(500).nullable().default(null),
  kamtibmas: z.boolean().default(false),
  resolveDays: z.number().int().min(1).max(365).default(14),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10000).default(100),
});
export const categoryUpdateInput = categoryInput.partial();

/** One step of the timeline. `visibility`: public (tracking page), reporter (the citizen), internal (staff only). */
export const stepView = z.object({
  id: z.number().int(),
  kind: z.enum(['status', 'reply', 'note', 'rating', 'duplicate', 'moderation', 'support']),
  fromStatus: z.enum(reportStatuses).nullable(),
  toStatus: z.enum(reportStatuses).nullable(),
  /** Staff name, or the OPD / "Warga" label; never an anonim reporter's name. */
  actor: z.string().nullable(),
  note: z.string().nullable(),
  photos: z.array(photo),
  visibility: z.enum(['public', 'reporter', 'internal']),
  createdAt: z.string(),
});
export type StepView = z.infer<typeof stepView>;

const slaView = z.object({
  verifyDueAt: z.string().nullable(),
  followUpDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  overdue: z.boolean(),
  overdueLevel: z.number().int().describe('0 none, 1 OPD head notified, 2 leadership notified'),
  paused: z.boolean(),
});

/** What anyone may see: no reporter identity at all. */
export const publicReportView = z
  .object({
    ticket: z.string(),
    type: z.enum(reportTypes),
    category: z.object({ id: uuid, name: z.string(), nameEn: z.string() }),
    status: z.enum(reportStatuses),
    statusLabel: label,
    /** Hidden (null) until verified, unless the viewer is the reporter. */
    description: z.string().nullable(),
    address: z.string().nullable(),
    kecamatan: area,
    kelurahan: area,
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    opds: z.array(opdRef),
    supportCount: z.number().int(),
    photos: z.array(photo),
    rating: z.number().int().nullable(),
    duplicateOf: z.string().nullable().describe('Ticket of the report this one duplicates'),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().nullable(),
    timeline: z.array(stepView),
  })
  .meta({ id: 'LaksaPublicReport' });
export type PublicReportView = z.infer<typeof publicReportView>;

/** The reporter's own view (My reports / tracking when signed in as the reporter). */
export const myReportView = publicReportView
  .extend({
    id: uuid,
    anonymous: z.boolean(),
    confidential: z.boolean(),
    ratingComment: z.string().nullable(),
    canRate: z.boolean(),
    canReopen: z.boolean(),
    reopenUntil: z.string().nullable(),
    supporting: z.boolean().describe('The viewer supports (follows) this report'),
  })
  .meta({ id: 'LaksaMyReport' });
export type MyReportView = z.infer<typeof myReportView>;

/** Staff see everything except an anonim reporter's identity (reporter = null). */
export const staffReportView = myReportView
  .omit({ canRate: true, canReopen: true, supporting: true })
  .extend({
    reporter: z
      .object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })
      .nullable(),
    source: z.enum(['app', 'open311', 'staff']),
    redacted: z.boolean(),
    sla: slaView,
    duplicates: z.array(z.string()).describe('Tickets marked as duplicates of this one'),
    allowedActions: z.array(z.enum(reportActions)).describe('What the viewer may do now'),
    canModerate: z.boolean(),
  })
  .meta({ id: 'LaksaStaffReport' });
export type StaffReportView = z.infer<typeof staffReportView>;

export const reportListItem = z
  .object({
    id: uuid,
    ticket: z.string(),
    type: z.enum(reportTypes),
    categoryName: z.string(),
    status: z.enum(reportStatuses),
    description: z.string().describe('First 200 characters'),
    address: z.string().nullable(),
    kecamatanName: z.string().nullable(),
    opdNames: z.array(z.string()),
    lat: z.number(),
    lng: z.number(),
    supportCount: z.number().int(),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LaksaReportListItem' });
export type ReportListItem = z.infer<typeof reportListItem>;

export const inboxQueues = ['verification', 'opd', 'police', 'all'] as const;
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

/** Staff inbox filters (query string). Also used by export and the map. */
export const inboxQuery = z.object({
  queue: z.enum(inboxQueues).default('all'),
  status: csv(z.enum(reportStatuses)).optional(),
  categoryId: uuid.optional(),
  opdId: uuid.optional(),
  kecamatan: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}$/)
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  from: isoDate.optional().describe('Filed on or after (YYYY-MM-DD, region time)'),
  to: isoDate.optional().describe('Filed on or before (YYYY-MM-DD, region time)'),
  q: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .optional()
    .describe('Full-text search over ticket, description and address'),
  cursor: z.string().max(200).optional().describe('From the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxQuery = z.input<typeof inboxQuery>;

export const inboxPage = z
  .object({ items: z.array(reportListItem), nextCursor: z.string().nullable() })
  .meta({ id: 'LaksaInboxPage' });

export const mapPoint = z.object({
  id: uuid,
  ticket: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: z.enum(reportStatuses),
  categoryName: z.string(),
});

export const bulkDisposeInput = z.object({
  reportIds: z.array(uuid).min(1).max(200),
  opdIds: z.array(uuid).min(1).max(10),
  note: note.optional(),
});
export const bulkResult = z.object({
  done: z.array(z.string()),
  failed: z.array(z.object({ ticket: z.string(), code: z.string(), message: z.string() })),
});

export const messageInput = z.object({
  body: note,
  internal: z
    .boolean()
    .default(false)
    .describe('Internal note (staff only) instead of a reply to the citizen'),
  photoIds: z.array(uuid).max(5).default([]),
  stage: z.enum(['before', 'after']).optional().describe('Marks attached photos as before/after'),
});

export const ratingInput = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).nullable().default(null),
});
export const duplicateInput = z.object({ ofTicket: z.string().trim().min(5).max(40) });
export const moderationInput = z.object({
  hidePhotoIds: z.array(uuid).max(10).default([]),
  /** Replacement description with personal data removed (the original is kept for the audit trail). */
  description: z.string().trim().min(15).max(4000).optional(),
  reason: note,
});

export const nearbyQuery = z.object({
  categoryId: uuid,
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  radius: z.coerce.number().int().min(50).max(2000).default(300),
});
export const nearbyItem = z.object({
  ticket: z.string(),
  status: z.enum(reportStatuses),
  description: z.string(),
  address: z.string().nullable(),
  distanceM: z.number().int(),
  supportCount: z.number().int(),
  createdAt: z.string(),
});

export const publicListQuery = z.object({
  categoryId: uuid.optional(),
  kecamatan: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}$/)
    .optional(),
  status: csv(z.enum(reportStatuses)).optional(),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/)
    .optional()
    .describe('west,south,east,north'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const publicListItem = z.object({
  ticket: z.string(),
  type: z.enum(reportTypes),
  categoryName: z.string(),
  status: z.enum(reportStatuses),
  description: z.string(),
  kecamatanName: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  supportCount: z.number().int(),
  createdAt: z.string(),
});

const countRow = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  resolved: z.number().int(),
});
export const publicStats = z
  .object({
    total: z.number().int(),
    open: z.number().int(),
    resolved: z.number().int(),
    averageRating: z.number().nullable(),
    byCategory: z.array(countRow),
    byOpd: z.array(countRow),
    byKecamatan: z.array(countRow),
  })
  .meta({ id: 'LaksaPublicStats' });

export const notificationView = z.object({
  id: uuid,
  ticket: z.string(),
  title: label,
  body: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

// ---- region administration ----
export const routingRuleInput = z.object({
  categoryId: uuid,
  kecamatan: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}$/)
    .nullable()
    .default(null)
    .describe('null = whole region'),
  opdId: uuid,
});
export const routingRuleView = routingRuleInput.extend({
  id: uuid,
  opdName: z.string(),
  categoryName: z.string(),
});

export const holidayInput = z.object({ date: isoDate, name: z.string().trim().min(3).max(120) });
export const holidayView = holidayInput.extend({ kind: z.enum(['national', 'cuti_bersama', 'region']) });

export const templateInput = z.object({
  title: z.string().trim().min(3).max(120),
  body: z.string().trim().min(3).max(4000),
});
export const templateView = templateInput.extend({ id: uuid });

export const webhookInput = z.object({
  url: z
    .string()
    .url()
    .max(500)
    .refine((u) => /^https?:\/\//.test(u), 'http(s) URL'),
  description: z.string().trim().max(200).nullable().default(null),
  /** Exact event types (`laksa.report.created`) or `laksa.*` for all of them. */
  eventTypes: z
    .array(z.string().regex(/^laksa\.([a-z]+\.[a-z]+|\*)$/))
    .min(1)
    .max(30),
  active: z.boolean().default(true),
});
export const webhookView = webhookInput.extend({
  id: uuid,
  /** Shown once, when created; later only its first characters. */
  secret: z.string(),
  createdAt: z.string(),
});
export const webhookDeliveryView = z.object({
  id: uuid,
  webhookId: uuid,
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

export const apiKeyInput = z.object({ name: z.string().trim().min(3).max(120) });
export const apiKeyView = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string(),
  /** Only in the response that creates it. */
  key: z.string().optional(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** Per-region settings (module settings; `.parse({})` gives the defaults). */
export const laksaSettings = z.object({
  verifyDays: z.number().int().min(1).max(30).default(3).describe('Working days to verify (SP4N-LAPOR!: 3)'),
  followUpDays: z
    .number()
    .int()
    .min(1)
    .max(30)
    .default(5)
    .describe('Working days for the OPD to follow up (SP4N-LAPOR!: 5)'),
  reopenWindowDays: z
    .number()
    .int()
    .min(0)
    .max(90)
    .default(7)
    .describe('Days after Selesai in which the reporter may reopen'),
  escalateLeadershipAfterDays: z
    .number()
    .int()
    .min(0)
    .max(30)
    .default(2)
    .describe('Working days overdue after which leadership is notified (the OPD head is notified at once)'),
  autoDispose: z
    .boolean()
    .default(true)
    .describe('Disposition by routing rule as soon as a report is verified'),
  bounds: z
    .object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() })
    .nullable()
    .default(null)
    .describe('Reports must lie inside (null: anywhere in Indonesia)'),
  allowOutsideBounds: z.boolean().default(false),
  reportsPerHour: z.number().int().min(1).max(100000).default(10).describe('Per citizen and per IP address'),
});
export type LaksaSettings = z.infer<typeof laksaSettings>;

/** A row of "Laporan saya": the citizen's own reports and the ones they support. */
export const myListItem = z
  .object({
    ticket: z.string(),
    type: z.enum(reportTypes),
    categoryName: z.string(),
    status: z.enum(reportStatuses),
    description: z.string(),
    own: z.boolean().describe('false = a report the citizen supports'),
    unread: z.number().int().describe('Unread notifications about it'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LaksaMyListItem' });

/** What the report form needs to know about the region. */
export const publicConfig = z.object({
  bounds: z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() }),
  allowOutsideBounds: z.boolean(),
  reopenWindowDays: z.number().int(),
});

/** Today's LAKSA figures for the LIVE Room wall (region time). */
export const liveSummary = z
  .object({
    createdToday: z.number().int(),
    resolvedToday: z.number().int(),
    awaitingVerification: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
  })
  .meta({ id: 'LaksaLiveSummary' });
export type LiveSummary = z.infer<typeof liveSummary>;
