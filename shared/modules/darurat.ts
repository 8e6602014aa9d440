import { z } from 'zod';
import { isoDate } from '../dates';
import { phoneSchema } from '../indonesia';

/**
 * Gawat Darurat 112 contracts: emergency intake, dispatch of units, live status and KPIs. Shared
 * with the web app so both validate with the same schemas. The two state machines are data here.
 */

type Label = { id: string; en: string };

// ---------- calls ----------
export const callClassifications = ['darurat', 'informasi', 'prank', 'ghost'] as const;
export type CallClassification = (typeof callClassifications)[number];
export const classificationLabels: Record<CallClassification, Label> = {
  darurat: { id: 'Darurat', en: 'Emergency' },
  informasi: { id: 'Informasi', en: 'Information' },
  prank: { id: 'Panggilan iseng', en: 'Prank call' },
  ghost: { id: 'Panggilan kosong (tanpa suara)', en: 'Silent call (ghost)' },
};
export const callSources = ['telepon', 'panik'] as const;
export type CallSource = (typeof callSources)[number];

export const priorities = ['P1', 'P2', 'P3'] as const;
export type Priority = (typeof priorities)[number];

// ---------- units ----------
export const unitKinds = ['ambulans', 'damkar', 'polisi', 'bpbd', 'satpol_pp', 'lainnya'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels: Record<UnitKind, Label> = {
  ambulans: { id: 'Ambulans', en: 'Ambulance' },
  damkar: { id: 'Pemadam Kebakaran', en: 'Fire brigade' },
  polisi: { id: 'Polisi', en: 'Police' },
  bpbd: { id: 'BPBD', en: 'Disaster agency (BPBD)' },
  satpol_pp: { id: 'Satpol PP', en: 'Public order (Satpol PP)' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

export const unitStatuses = [
  'tersedia',
  'ditugaskan',
  'dalam_perjalanan',
  'di_lokasi',
  'kembali',
  'tidak_aktif',
] as const;
export type UnitStatus = (typeof unitStatuses)[number];
export const unitStatusLabels: Record<UnitStatus, Label> = {
  tersedia: { id: 'Tersedia', en: 'Available' },
  ditugaskan: { id: 'Ditugaskan', en: 'Assigned' },
  dalam_perjalanan: { id: 'Dalam perjalanan', en: 'En route' },
  di_lokasi: { id: 'Di lokasi', en: 'On scene' },
  kembali: { id: 'Kembali ke pos', en: 'Returning' },
  tidak_aktif: { id: 'Tidak aktif', en: 'Out of service' },
};

/**
 * What a unit's crew (or a dispatcher) may do next. `ditugaskan` is only reached by a dispatch
 * (conditional UPDATE … WHERE status = 'tersedia'), never by an action here.
 */
export const unitActions = ['berangkat', 'tiba', 'kembali', 'siaga', 'nonaktif'] as const;
export type UnitAction = (typeof unitActions)[number];
export const unitTransitions: Record<
  UnitAction,
  { from: readonly UnitStatus[]; to: UnitStatus; label: Label }
> = {
  berangkat: {
    from: ['ditugaskan'],
    to: 'dalam_perjalanan',
    label: { id: 'Berangkat sekarang', en: 'Set off now' },
  },
  tiba: {
    from: ['ditugaskan', 'dalam_perjalanan'],
    to: 'di_lokasi',
    label: { id: 'Tandai tiba di lokasi', en: 'Mark on scene' },
  },
  kembali: {
    from: ['di_lokasi'],
    to: 'kembali',
    label: { id: 'Selesai, kembali ke pos', en: 'Clear and return' },
  },
  siaga: {
    from: ['kembali', 'tidak_aktif'],
    to: 'tersedia',
    label: { id: 'Siagakan unit', en: 'Set available' },
  },
  nonaktif: {
    from: ['tersedia', 'kembali'],
    to: 'tidak_aktif',
    label: { id: 'Nonaktifkan unit', en: 'Set out of service' },
  },
};

// ---------- incidents ----------
export const incidentStatuses = [
  'baru',
  'ditugaskan',
  'dalam_perjalanan',
  'di_lokasi',
  'selesai',
  'dibatalkan',
  'digabung',
] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const incidentStatusLabels: Record<IncidentStatus, Label> = {
  baru: { id: 'Diterima', en: 'Received' },
  ditugaskan: { id: 'Unit ditugaskan', en: 'Unit dispatched' },
  dalam_perjalanan: { id: 'Unit dalam perjalanan', en: 'Unit en route' },
  di_lokasi: { id: 'Unit di lokasi', en: 'Unit on scene' },
  selesai: { id: 'Selesai', en: 'Completed' },
  dibatalkan: { id: 'Dibatalkan', en: 'Cancelled' },
  digabung: { id: 'Digabung', en: 'Merged' },
};
export const closedIncidentStatuses: readonly IncidentStatus[] = ['selesai', 'dibatalkan', 'digabung'];

/**
 * The incident lifecycle. `dispatch`, `en_route` and `on_scene` are driven by units (the first unit
 * to reach a stage moves the incident; later units never move it back); `complete` and `cancel` are
 * the dispatcher's and need a disposition; `merge` folds a duplicate into another incident.
 */
export const incidentActions = ['dispatch', 'en_route', 'on_scene', 'complete', 'cancel', 'merge'] as const;
export type IncidentAction = (typeof incidentActions)[number];
export const incidentTransitions: Record<
  IncidentAction,
  { from: readonly IncidentStatus[]; to: IncidentStatus; stamp: IncidentStamp | null }
> = {
  dispatch: { from: ['baru'], to: 'ditugaskan', stamp: 'dispatchedAt' },
  en_route: { from: ['ditugaskan'], to: 'dalam_perjalanan', stamp: 'enRouteAt' },
  on_scene: { from: ['ditugaskan', 'dalam_perjalanan'], to: 'di_lokasi', stamp: 'onSceneAt' },
  complete: { from: ['di_lokasi'], to: 'selesai', stamp: 'closedAt' },
  cancel: { from: ['baru', 'ditugaskan', 'dalam_perjalanan'], to: 'dibatalkan', stamp: 'closedAt' },
  merge: { from: ['baru'], to: 'digabung', stamp: 'closedAt' },
};
export type IncidentStamp = 'dispatchedAt' | 'enRouteAt' | 'onSceneAt' | 'closedAt';

export const dispositions = [
  'ditangani_di_lokasi',
  'dirujuk_rumah_sakit',
  'api_padam',
  'diserahkan_polisi',
  'tidak_ditemukan',
  'laporan_palsu',
  'dibatalkan_pelapor',
  'lainnya',
] as const;
export const dispositionLabels: Record<(typeof dispositions)[number], Label> = {
  ditangani_di_lokasi: { id: 'Ditangani di lokasi', en: 'Handled on scene' },
  dirujuk_rumah_sakit: { id: 'Dirujuk ke rumah sakit', en: 'Taken to hospital' },
  api_padam: { id: 'Api berhasil dipadamkan', en: 'Fire put out' },
  diserahkan_polisi: { id: 'Diserahkan ke kepolisian', en: 'Handed to the police' },
  tidak_ditemukan: { id: 'Kejadian tidak ditemukan', en: 'Nothing found' },
  laporan_palsu: { id: 'Laporan palsu', en: 'False report' },
  dibatalkan_pelapor: { id: 'Dibatalkan pelapor', en: 'Cancelled by caller' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

// ---------- settings ----------
const bounds = z.object({
  south: z.number().min(-90).max(90),
  west: z.number().min(-180).max(180),
  north: z.number().min(-90).max(90),
  east: z.number().min(-180).max(180),
});
export const daruratSettings = z.object({
  blockHours: z
    .number()
    .int()
    .min(1)
    .max(720)
    .default(24)
    .describe('Hours a prank/ghost number stays blocked'),
  panicPerHour: z
    .number()
    .int()
    .min(1)
    .max(60)
    .default(3)
    .describe('Panic-button presses per citizen per hour'),
  panicPerHourPerIp: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(300)
    .describe('Panic-button presses per IP address per hour (phones share addresses behind carrier NAT)'),
  bounds: bounds.nullable().default(null).describe('Where incidents may lie (null = Indonesia)'),
});
export type DaruratSettings = z.infer<typeof daruratSettings>;

// ---------- inputs ----------
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const typeCode = z
  .string()
  .regex(/^[a-z0-9-]{2,40}$/)
  .describe('Incident type code, e.g. medis');

/** A call logged by the call-taker. Prank/ghost calls create no incident (and may block the number). */
export const callInput = z
  .object({
    callerPhone: phoneSchema,
    callerName: z.string().trim().max(120).optional(),
    classification: z.enum(callClassifications),
    /** When the phone rang (the form opens with it); default now. Time to create counts from it. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    typeCode: typeCode.optional(),
    priority: z.enum(priorities).optional(),
    lat: lat.optional(),
    lng: lng.optional(),
    address: z.string().trim().max(300).optional(),
    /** Kelurahan/desa (or kecamatan) Kemendagri code inside the region. */
    areaCode: z.string().trim().max(20).optional(),
    description: z.string().trim().max(2000).optional(),
    victims: z.number().int().min(0).max(10_000).optional(),
    /** Add the call to an existing open incident instead of creating one. */
    incidentId: z.string().uuid().optional(),
    /** Block the number (prank/ghost only) for the region's `blockHours`. */
    block: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.classification !== 'darurat' || v.incidentId) return;
    if (!v.typeCode)
      ctx.addIssue({ code: 'custom', path: ['typeCode'], message: 'Pilih jenis kejadian / choose a type' });
    if (v.lat === undefined || v.lng === undefined)
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'Tandai lokasi / set the location' });
  });
export type CallInput = z.input<typeof callInput>;

const bothOrNeither = (v: { lat?: number; lng?: number }) => (v.lat === undefined) === (v.lng === undefined);
const bothOrNeitherIssue = {
  message: 'Kirim lat dan lng bersama / send lat and lng together',
  path: ['lng'],
};

/**
 * One tap in the citizen app: the type and, when the phone has it, its GPS position. Without lat/lng
 * (permission denied, no fix) the panic still goes out, marked "lokasi tidak tersedia"; the phone
 * sends the position later with POST /my/incidents/:id/location.
 */
export const panicInput = z
  .object({
    typeCode,
    lat: lat.optional(),
    lng: lng.optional(),
    accuracy: z.number().min(0).max(100_000).optional().describe('GPS accuracy in metres'),
    note: z.string().trim().max(500).optional(),
  })
  .refine(bothOrNeither, bothOrNeitherIssue);
export type PanicInput = z.infer<typeof panicInput>;

/** The caller's phone found its position after the panic went out without one. */
export const locationInput = z.object({
  lat,
  lng,
  accuracy: z.number().min(0).max(100_000).optional().describe('GPS accuracy in metres'),
});

export const dispatchInput = z.object({ unitIds: z.array(z.string().uuid()).min(1).max(10) });
export const unitActionInput = z.object({
  action: z.enum(unitActions),
  lat: lat.optional(),
  lng: lng.optional(),
});
export const closeInput = z.object({
  action: z.enum(['complete', 'cancel']),
  disposition: z.enum(dispositions),
  note: z.string().trim().max(1000).optional(),
});
export const mergeInput = z.object({ duplicateIds: z.array(z.string().uuid()).min(1).max(20) });
export const incidentUpdateInput = z.object({
  typeCode: typeCode.optional(),
  priority: z.enum(priorities).optional(),
  address: z.string().trim().max(300).nullable().optional(),
  areaCode: z.string().trim().max(20).nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  victims: z.number().int().min(0).max(10_000).nullable().optional(),
});
export const noteInput = z
  .object({
    text: z.string().trim().max(1000).optional(),
    photoId: z.string().uuid().optional(),
  })
  .refine((v) => !!v.text || !!v.photoId, {
    message: 'Tulis catatan atau lampirkan foto / a note or a photo',
  });

export const typeInput = z.object({
  code: typeCode,
  name: z.string().trim().min(2).max(80),
  nameEn: z.string().trim().min(2).max(80),
  defaultPriority: z.enum(priorities),
  unitKinds: z.array(z.enum(unitKinds)).min(1).max(6),
  police: z.boolean().default(false),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(1000).default(100),
});
export const unitInput = z.object({
  agencyId: z.string().uuid(),
  callSign: z.string().trim().min(2).max(40),
  kind: z.enum(unitKinds),
  lat,
  lng,
});
export const agencyInput = z.object({ name: z.string().trim().min(2).max(120), kind: z.enum(unitKinds) });
export const memberInput = z.object({ userId: z.string().uuid() });

export const periodQuery = z.object({
  from: isoDate.describe('First day (region time), inclusive'),
  to: isoDate.describe('Last day (region time), inclusive'),
});

// ---------- views ----------
export const typeView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    defaultPriority: z.enum(priorities),
    unitKinds: z.array(z.enum(unitKinds)),
    police: z.boolean(),
    active: z.boolean(),
    sort: z.number(),
  })
  .meta({ id: 'DaruratIncidentType' });
export type TypeView = z.infer<typeof typeView>;

export const agencyView = z.object({ id: z.string().uuid(), name: z.string(), kind: z.enum(unitKinds) });
export const unitView = z
  .object({
    id: z.string().uuid(),
    callSign: z.string(),
    kind: z.enum(unitKinds),
    agencyId: z.string().uuid(),
    agencyName: z.string(),
    status: z.enum(unitStatuses),
    statusAt: z.string(),
    lat: z.number(),
    lng: z.number(),
    incidentId: z.string().uuid().nullable(),
    /** Straight-line (haversine) distance to the incident asked about, metres. */
    distanceM: z.number().optional(),
  })
  .meta({ id: 'DaruratUnit' });
export type UnitView = z.infer<typeof unitView>;

const times = z.object({
  callReceivedAt: z.string(),
  createdAt: z.string(),
  dispatchedAt: z.string().nullable(),
  enRouteAt: z.string().nullable(),
  onSceneAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export const assignmentView = z.object({
  unitId: z.string().uuid(),
  callSign: z.string(),
  kind: z.enum(unitKinds),
  agencyName: z.string(),
  assignedAt: z.string(),
  enRouteAt: z.string().nullable(),
  onSceneAt: z.string().nullable(),
  clearedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

/** What the citizen who pressed the panic button sees: status and units, never other callers. */
export const citizenIncidentView = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    status: z.enum(incidentStatuses),
    type: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    /** False while the location is unavailable (lat/lng null): "lokasi tidak tersedia". */
    locationKnown: z.boolean(),
    times,
    units: z.array(
      assignmentView.pick({ callSign: true, kind: true, assignedAt: true, enRouteAt: true, onSceneAt: true }),
    ),
    notes: z.array(
      z.object({ at: z.string(), text: z.string().nullable(), photoUrl: z.string().nullable() }),
    ),
  })
  .meta({ id: 'DaruratCitizenIncident' });
export type CitizenIncidentView = z.infer<typeof citizenIncidentView>;

export const callView = z.object({
  id: z.string().uuid(),
  classification: z.enum(callClassifications),
  source: z.enum(callSources),
  receivedAt: z.string(),
  callerPhone: z.string().nullable(),
  callerName: z.string().nullable(),
});

/** The staff view (call-taker, dispatcher, responder, police liaison). */
export const incidentView = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    status: z.enum(incidentStatuses),
    priority: z.enum(priorities),
    type: typeView.pick({ code: true, name: true, nameEn: true, unitKinds: true, police: true }),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    /** False while the location is unavailable (lat/lng null): call the caller. */
    locationKnown: z.boolean(),
    address: z.string().nullable(),
    kecamatan: z.string().nullable(),
    kelurahan: z.string().nullable(),
    description: z.string().nullable(),
    victims: z.number().nullable(),
    source: z.enum(callSources),
    disposition: z.enum(dispositions).nullable(),
    mergedIntoId: z.string().uuid().nullable(),
    times,
    calls: z.array(callView),
    units: z.array(assignmentView),
    notes: z.array(
      z.object({
        at: z.string(),
        author: z.string(),
        text: z.string().nullable(),
        photoUrl: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'DaruratIncident' });
export type IncidentView = z.infer<typeof incidentView>;

export const incidentListItem = incidentView.pick({
  id: true,
  number: true,
  status: true,
  priority: true,
  type: true,
  lat: true,
  lng: true,
  locationKnown: true,
  address: true,
  kecamatan: true,
  source: true,
  times: true,
});
export type IncidentListItem = z.infer<typeof incidentListItem>;

export const callResult = z.object({
  callId: z.string().uuid(),
  incident: incidentListItem.nullable(),
  blockedUntil: z.string().nullable(),
});
export const blockView = z.object({ phone: z.string(), until: z.string(), reason: z.string() });

export const statsView = z.object({
  count: z.number(),
  medianSec: z.number().nullable(),
  p90Sec: z.number().nullable(),
});
export const kpiView = z
  .object({
    from: z.string(),
    to: z.string(),
    callsByClassification: z.record(z.enum(callClassifications), z.number()),
    incidents: z.number(),
    timeToCreate: statsView,
    timeToDispatch: statsView,
    responseTime: statsView,
    byType: z.array(
      z.object({ code: z.string(), name: z.string(), responseTime: statsView, timeToDispatch: statsView }),
    ),
    byKecamatan: z.array(
      z.object({ kecamatan: z.string().nullable(), responseTime: statsView, timeToDispatch: statsView }),
    ),
  })
  .meta({ id: 'DaruratKpi' });
export type KpiView = z.infer<typeof kpiView>;

export const wallSummary = z.object({
  open: z.record(z.enum(priorities), z.number()),
  unitsAvailable: z.number(),
  unitsBusy: z.number(),
  today: z.number(),
});
export type WallSummary = z.infer<typeof wallSummary>;

/**
 * The exchange format (GET /api/m/darurat/export/incidents.json), documented in the module README:
 * versioned, times in ISO 8601 UTC, durations derivable from `times`, no caller identity.
 */
export const incidentExport = z
  .object({
    format: z.literal('simpul.darurat.incidents/v1'),
    region: z.object({ code: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    incidents: z.array(
      z.object({
        id: z.string().uuid(),
        number: z.string(),
        type: z.object({ code: z.string(), name: z.string() }),
        priority: z.enum(priorities),
        status: z.enum(incidentStatuses),
        disposition: z.enum(dispositions).nullable(),
        location: z.object({
          lat: z.number().nullable(),
          lng: z.number().nullable(),
          address: z.string().nullable(),
          kecamatan: z.string().nullable(),
          kelurahan: z.string().nullable(),
        }),
        victims: z.number().nullable(),
        police: z.boolean(),
        source: z.enum(callSources),
        times,
        calls: z.array(
          z.object({
            classification: z.enum(callClassifications),
            source: z.enum(callSources),
            receivedAt: z.string(),
          }),
        ),
        units: z.array(assignmentView.omit({ unitId: true }).extend({ unitId: z.string().uuid() })),
      }),
    ),
  })
  .meta({ id: 'DaruratIncidentExport' });
