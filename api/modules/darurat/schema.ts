import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CallClassification,
  CallSource,
  IncidentStatus,
  Priority,
  UnitKind,
  UnitStatus,
} from '../../../shared/modules/darurat';
import { tenantTable } from '../../core/db/tenancy';

const at = () => timestamp({ withTimezone: true });
const now = () => at().notNull().defaultNow();

/** Incident types, editable per region (kebakaran, medis, ...): suggested priority and unit kinds. */
export const daruratType = tenantTable(
  'darurat_type',
  {
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
    defaultPriority: text().$type<Priority>().notNull(),
    unitKinds: text().array().$type<UnitKind[]>().notNull(),
    /** Police incidents also reach the police liaison. */
    police: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    sort: integer().notNull().default(100),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] }), unique('darurat_type_code_uq').on(t.regionId, t.code)],
);

/** Agencies that own units (Dinkes/PSC 119, Damkar, Polres, BPBD, Satpol PP). */
export const daruratAgency = tenantTable(
  'darurat_agency',
  { id: uuid().notNull().defaultRandom(), name: text().notNull(), kind: text().$type<UnitKind>().notNull() },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

export const daruratUnit = tenantTable(
  'darurat_unit',
  {
    id: uuid().notNull().defaultRandom(),
    agencyId: uuid().notNull(),
    callSign: text().notNull(),
    kind: text().$type<UnitKind>().notNull(),
    status: text().$type<UnitStatus>().notNull().default('tersedia'),
    statusAt: now(),
    /** The incident the unit works on while ditugaskan … di_lokasi (null otherwise). */
    incidentId: uuid(),
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('darurat_unit_call_sign_uq').on(t.regionId, t.callSign),
    foreignKey({
      columns: [t.regionId, t.agencyId],
      foreignColumns: [daruratAgency.regionId, daruratAgency.id],
    }),
    index('darurat_unit_status_idx').on(t.regionId, t.kind, t.status),
    index('darurat_unit_agency_idx').on(t.regionId, t.agencyId),
  ],
);

/** Crew accounts of a unit (the responder view shows only their units' incidents). */
export const daruratUnitMember = tenantTable(
  'darurat_unit_member',
  { unitId: uuid().notNull(), userId: uuid().notNull() },
  (t) => [
    primaryKey({ columns: [t.regionId, t.unitId, t.userId] }),
    foreignKey({
      columns: [t.regionId, t.unitId],
      foreignColumns: [daruratUnit.regionId, daruratUnit.id],
    }).onDelete('cascade'),
    index('darurat_unit_member_user_idx').on(t.regionId, t.userId),
  ],
);

/** Last incident number per region and year (row lock = gap-free numbering). */
export const daruratCounter = tenantTable(
  'darurat_counter',
  { year: smallint().notNull(), last: integer().notNull() },
  (t) => [primaryKey({ columns: [t.regionId, t.year] })],
);

export const daruratIncident = tenantTable(
  'darurat_incident',
  {
    id: uuid().notNull().defaultRandom(),
    /** Readable: 112-3671-26-000123. */
    number: text().notNull(),
    status: text().$type<IncidentStatus>().notNull().default('baru'),
    priority: text().$type<Priority>().notNull(),
    typeId: uuid().notNull(),
    police: boolean().notNull().default(false),
    source: text().$type<CallSource>().notNull(),
    /**
     * Null (both) while the location is unavailable: a panic pressed without GPS permission or fix
     * goes out anyway, and the caller's phone adds the position later (POST /my/incidents/:id/location).
     */
    lat: doublePrecision(),
    lng: doublePrecision(),
    address: text(),
    kecamatan: text(),
    kelurahan: text(),
    description: text(),
    victims: integer(),
    /** The citizen who pressed the panic button (their view and live stream). */
    reporterId: uuid(),
    disposition: text(),
    closeNote: text(),
    mergedIntoId: uuid(),
    callReceivedAt: at().notNull(),
    createdAt: now(),
    dispatchedAt: at(),
    enRouteAt: at(),
    onSceneAt: at(),
    closedAt: at(),
    updatedAt: now(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('darurat_incident_number_uq').on(t.regionId, t.number),
    foreignKey({ columns: [t.regionId, t.typeId], foreignColumns: [daruratType.regionId, daruratType.id] }),
    index('darurat_incident_status_idx').on(t.regionId, t.status, t.createdAt),
    index('darurat_incident_received_idx').on(t.regionId, t.callReceivedAt),
    index('darurat_incident_reporter_idx').on(t.regionId, t.reporterId),
    index('darurat_incident_type_idx').on(t.regionId, t.typeId),
    check('darurat_incident_location_ck', sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);

/** Every call, with or without an incident (prank/ghost calls count in the KPIs too). */
export const daruratCall = tenantTable(
  'darurat_call',
  {
    id: uuid().notNull().defaultRandom(),
    incidentId: uuid(),
    classification: text().$type<CallClassification>().notNull(),
    source: text().$type<CallSource>().notNull(),
    callerPhone: text(),
    callerName: text(),
    callerUserId: uuid(),
    receivedAt: at().notNull(),
    takenBy: uuid(),
    createdAt: now(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.incidentId],
      foreignColumns: [daruratIncident.regionId, daruratIncident.id],
    }),
    index('darurat_call_incident_idx').on(t.regionId, t.incidentId),
    index('darurat_call_received_idx').on(t.regionId, t.receivedAt),
  ],
);

/**
 * A unit on an incident. At most one active assignment per unit, enforced by the database (the
 * partial unique index): the second of two concurrent dispatches of one unit fails here even if
 * it got past the unit's conditional status update.
 */
export const daruratAssignment = tenantTable(
  'darurat_assignment',
  {
    id: uuid().notNull().defaultRandom(),
    incidentId: uuid().notNull(),
    unitId: uuid().notNull(),
    assignedBy: uuid(),
    assignedAt: now(),
    enRouteAt: at(),
    onSceneAt: at(),
    clearedAt: at(),
    releasedAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.incidentId],
      foreignColumns: [daruratIncident.regionId, daruratIncident.id],
    }),
    foreignKey({ columns: [t.regionId, t.unitId], foreignColumns: [daruratUnit.regionId, daruratUnit.id] }),
    index('darurat_assignment_incident_idx').on(t.regionId, t.incidentId),
    index('darurat_assignment_unit_idx').on(t.regionId, t.unitId),
    uniqueIndex('darurat_assignment_active_uq')
      .on(t.regionId, t.unitId)
      .where(sql`cleared_at is null and released_at is null`),
  ],
);

/** Every status change of an incident or a unit, timestamped, with who did it. */
export const daruratLog = tenantTable(
  'darurat_log',
  {
    id: uuid().notNull().defaultRandom(),
    incidentId: uuid(),
    unitId: uuid(),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    actorId: uuid(),
    note: text(),
    at: now(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    index('darurat_log_incident_idx').on(t.regionId, t.incidentId, t.at),
  ],
);

/** A note or photo added by the citizen (after pressing the panic button) or by staff. */
export const daruratNote = tenantTable(
  'darurat_note',
  {
    id: uuid().notNull().defaultRandom(),
    incidentId: uuid().notNull(),
    authorId: uuid().notNull(),
    authorKind: text().$type<'warga' | 'staf'>().notNull(),
    text: text(),
    photoId: uuid(),
    at: now(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.incidentId],
      foreignColumns: [daruratIncident.regionId, daruratIncident.id],
    }),
    index('darurat_note_incident_idx').on(t.regionId, t.incidentId),
  ],
);

/** Prank/ghost numbers blocked until a time (the region's `blockHours` after the call). */
export const daruratBlock = tenantTable(
  'darurat_block',
  {
    phone: text().notNull(),
    until: at().notNull(),
    reason: text().$type<CallClassification>().notNull(),
    createdBy: uuid(),
    createdAt: now(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.phone] })],
);

export const daruratTables = [
  daruratType,
  daruratAgency,
  daruratUnit,
  daruratUnitMember,
  daruratCounter,
  daruratIncident,
  daruratCall,
  daruratAssignment,
  daruratLog,
  daruratNote,
  daruratBlock,
];
