import { z } from 'zod';
import { isoDate } from '../dates';

/**
 * eOffice contracts: official correspondence after the tata naskah dinas (Permendagri 1/2023):
 * positions (jabatan) with their hierarchy and holders (definitif, Plt, Plh), outgoing letters
 * with a review chain (konsep → paraf → tanda tangan), numbering at signing, distribution to
 * position inboxes, incoming letters with an agenda number, dispositions down the chain with
 * deadlines, and an archive with retention (Jadwal Retensi Arsip).
 */

const uuid = z.string().uuid();
const text = (max: number) => z.string().trim().min(1).max(max);

// ---------- organisation ----------

/** Echelon-like rank, top first: the default review chain climbs the parents of the drafter. */
export const positionLevels = ['kepala', 'sekretaris', 'kabid', 'kasubag', 'kasi', 'staf'] as const;
export type PositionLevel = (typeof positionLevels)[number];

export const positionInput = z.object({
  opdCode: z.string().min(2).max(40),
  title: text(160),
  level: z.enum(positionLevels),
  /** The position above this one (null for the head of the OPD). */
  parentId: uuid.nullable().default(null),
  /** The secretariat (TU) registers incoming letters for its OPD. */
  registersIncoming: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type PositionInput = z.infer<typeof positionInput>;

/** Definitif, or a stand-in for a period: Plt (pelaksana tugas) or Plh (pelaksana harian). */
export const assignmentKinds = ['definitif', 'plt', 'plh'] as const;
export type AssignmentKind = (typeof assignmentKinds)[number];

export const assignmentInput = z
  .object({
    positionId: uuid,
    /** A staff account of the region, by e-mail. */
    email: z.string().email().max(200),
    kind: z.enum(assignmentKinds).default('definitif'),
    startsOn: isoDate,
    endsOn: isoDate.nullable().default(null),
  })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, {
    message: 'Tanggal selesai sebelum tanggal mulai / ends before it starts',
    path: ['endsOn'],
  });

export const positionView = z.object({
  id: uuid,
  opdCode: z.string(),
  opdName: z.string(),
  title: z.string(),
  level: z.enum(positionLevels),
  parentId: uuid.nullable(),
  registersIncoming: z.boolean(),
  active: z.boolean(),
  /** Who holds it today (a Plt/Plh alongside or instead of the definitive holder). */
  holders: z.array(
    z.object({
      assignmentId: uuid,
      name: z.string(),
      kind: z.enum(assignmentKinds),
      endsOn: z.string().nullable(),
    }),
  ),
});
export type PositionView = z.infer<typeof positionView>;

export const assignmentView = z.object({
  id: uuid,
  positionId: uuid,
  name: z.string(),
  email: z.string().nullable(),
  kind: z.enum(assignmentKinds),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});

// ---------- letters ----------

export const letterTypes = [
  'nota_dinas',
  'surat_dinas',
  'surat_edaran',
  'undangan',
  'surat_keputusan',
  'surat_tugas',
  'berita_acara',
] as const;
export type LetterType = (typeof letterTypes)[number];

export const letterTypeLabels: Record<LetterType, { id: string; en: string }> = {
  nota_dinas: { id: 'Nota Dinas', en: 'Internal memo' },
  surat_dinas: { id: 'Surat Dinas', en: 'Official letter' },
  surat_edaran: { id: 'Surat Edaran', en: 'Circular' },
  undangan: { id: 'Surat Undangan', en: 'Invitation' },
  surat_keputusan: { id: 'Surat Keputusan', en: 'Decree' },
  surat_tugas: { id: 'Surat Tugas', en: 'Assignment letter' },
  berita_acara: { id: 'Berita Acara', en: 'Official record' },
};

export const urgencies = ['biasa', 'segera', 'sangat_segera'] as const;
/** Biasa: anyone on it and the archivist; terbatas and rahasia: only its distribution and the chain above. */
export const confidentialities = ['biasa', 'terbatas', 'rahasia'] as const;
export type Confidentiality = (typeof confidentialities)[number];

export const letterStatuses = ['draft', 'review', 'returned', 'signed', 'registered'] as const;
export type LetterStatus = (typeof letterStatuses)[number];

/** The body as the editor writes it: HTML with paragraphs, lists, bold, italic and underline only (the API sanitises it). */
export const letterBody = z.string().max(50_000);

const external = z.object({ name: text(200), email: z.string().email().max(200).nullable().default(null) });

export const draftInput = z.object({
  type: z.enum(letterTypes),
  /** The drafting position (one the author holds today). */
  fromPositionId: uuid,
  subject: text(300),
  body: letterBody,
  classificationCode: z.string().regex(/^\d{3}(\.\d{1,3}){0,3}$/, 'kode klasifikasi, mis. 000.1.2'),
  urgency: z.enum(urgencies).default('biasa'),
  confidentiality: z.enum(confidentialities).default('biasa'),
  to: z.array(uuid).max(50).default([]),
  cc: z.array(uuid).max(50).default([]),
  external: z.array(external).max(20).default([]),
  /** Reviewers (paraf), lowest first; empty = the parents of the drafter up to the signer. */
  reviewers: z.array(uuid).max(10).default([]),
  signerPositionId: uuid,
  /** PDFs uploaded through /api/files/documents. */
  attachmentIds: z.array(uuid).max(10).default([]),
  /** A correction of a signed letter, or a reply to a letter one received. */
  refersToId: uuid.nullable().default(null),
});
export type DraftInput = z.infer<typeof draftInput>;

export const reviewActionInput = z.object({ comment: z.string().trim().max(2000).default('') });
export const returnInput = z.object({ comment: text(2000) });

export const incomingInput = z.object({
  /** The OPD registering it (its secretariat); the letter goes to `toPositionId`, usually the head. */
  toPositionId: uuid,
  senderName: text(200),
  senderNumber: text(120),
  senderDate: isoDate,
  receivedOn: isoDate,
  subject: text(300),
  summary: z.string().trim().max(5000).default(''),
  classificationCode: z.string().regex(/^\d{3}(\.\d{1,3}){0,3}$/),
  urgency: z.enum(urgencies).default('biasa'),
  confidentiality: z.enum(confidentialities).default('biasa'),
  /** The scan (PDF through /api/files/documents). */
  scanFileId: uuid.nullable().default(null),
});

export const reviewStepView = z.object({
  seq: z.number(),
  positionId: uuid,
  positionTitle: z.string(),
  role: z.enum(['paraf', 'sign']),
  state: z.enum(['waiting', 'pending', 'initialed', 'returned', 'signed']),
  actedBy: z.string().nullable(),
  actedAs: z.enum(assignmentKinds).nullable(),
  actedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

export const recipientView = z.object({
  kind: z.enum(['to', 'cc', 'external']),
  positionId: uuid.nullable(),
  name: z.string(),
  opdName: z.string().nullable(),
  agendaNumber: z.string().nullable(),
  readAt: z.string().nullable(),
});

export const dispositionView = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  fromPositionTitle: z.string(),
  toPositionId: uuid,
  toPositionTitle: z.string(),
  instructions: z.array(z.string()),
  note: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(['open', 'done']),
  overdue: z.boolean(),
  readAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  createdAt: z.string(),
});
export type DispositionView = z.infer<typeof dispositionView>;

export const letterView = z.object({
  id: uuid,
  direction: z.enum(['out', 'in']),
  type: z.enum(letterTypes),
  status: z.enum(letterStatuses),
  number: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  classificationCode: z.string(),
  urgency: z.enum(urgencies),
  confidentiality: z.enum(confidentialities),
  fromPositionId: uuid.nullable(),
  fromTitle: z.string(),
  fromOpdName: z.string(),
  senderName: z.string().nullable(),
  senderNumber: z.string().nullable(),
  signerPositionId: uuid.nullable(),
  signedBy: z.string().nullable(),
  signedAs: z.enum(assignmentKinds).nullable(),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
  refersTo: z.object({ id: uuid, number: z.string().nullable(), subject: z.string() }).nullable(),
  recipients: z.array(recipientView),
  reviews: z.array(reviewStepView),
  attachments: z.array(z.object({ id: uuid, url: z.string(), bytes: z.number() })),
  pdfUrl: z.string().nullable(),
  checkUrl: z.string().nullable(),
  dispositions: z.array(dispositionView),
  /** What the viewer may do now, with the position they would act as. */
  can: z.object({
    edit: z.boolean(),
    initial: uuid.nullable(),
    sign: uuid.nullable(),
    dispose: uuid.nullable(),
  }),
  archive: z.object({
    state: z.enum(['aktif', 'inaktif', 'musnah', 'permanen']),
    activeUntil: z.string().nullable(),
    inactiveUntil: z.string().nullable(),
  }),
});
export type LetterView = z.infer<typeof letterView>;

// ---------- dispositions ----------

/** The usual instructions of a lembar disposisi; free text goes in the note. */
export const dispositionInstructions = [
  'tindak_lanjuti',
  'pelajari_laporkan',
  'siapkan_jawaban',
  'hadiri',
  'koordinasikan',
  'untuk_diketahui',
  'arsipkan',
] as const;

export const dispositionInstructionLabels: Record<
  (typeof dispositionInstructions)[number],
  { id: string; en: string }
> = {
  tindak_lanjuti: { id: 'Tindak lanjuti', en: 'Follow up' },
  pelajari_laporkan: { id: 'Pelajari dan laporkan', en: 'Study and report' },
  siapkan_jawaban: { id: 'Siapkan jawaban', en: 'Draft a reply' },
  hadiri: { id: 'Hadiri / wakili', en: 'Attend / represent' },
  koordinasikan: { id: 'Koordinasikan', en: 'Coordinate' },
  untuk_diketahui: { id: 'Untuk diketahui', en: 'For information' },
  arsipkan: { id: 'Arsipkan', en: 'File it' },
};

export const disposeInput = z.object({
  /** The position disposing: a recipient of the letter or of the parent disposition. */
  fromPositionId: uuid,
  /** The disposition being forwarded down (null when the letter's recipient disposes it first). */
  parentId: uuid.nullable().default(null),
  to: z.array(uuid).min(1).max(20),
  instructions: z.array(z.enum(dispositionInstructions)).max(7).default([]),
  note: z.string().trim().max(2000).default(''),
  dueOn: isoDate.nullable().default(null),
});

export const finishInput = z.object({ note: text(2000) });

// ---------- inbox ----------

export const inboxKinds = ['review', 'letter', 'disposition'] as const;

export const inboxItem = z.object({
  kind: z.enum(inboxKinds),
  /** The letter to open. */
  letterId: uuid,
  /** The disposition, for kind = disposition. */
  dispositionId: uuid.nullable(),
  positionId: uuid,
  positionTitle: z.string(),
  number: z.string().nullable(),
  subject: z.string(),
  from: z.string(),
  type: z.enum(letterTypes),
  urgency: z.enum(urgencies),
  confidentiality: z.enum(confidentialities),
  at: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  unread: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxQuery = z.object({
  box: z.enum(['todo', 'sent', 'drafts', 'done']).default('todo'),
  positionId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.string().datetime({ offset: true }).optional(),
});

export const myPositionsView = z.array(
  z.object({
    id: uuid,
    title: z.string(),
    opdCode: z.string(),
    opdName: z.string(),
    level: z.enum(positionLevels),
    kind: z.enum(assignmentKinds),
    registersIncoming: z.boolean(),
    open: z.number(),
  }),
);

// ---------- archive ----------

export const retentionFinals = ['musnah', 'permanen', 'dinilai_kembali'] as const;

export const classificationInput = z.object({
  code: z.string().regex(/^\d{3}(\.\d{1,3}){0,3}$/),
  name: text(200),
  activeYears: z.number().int().min(0).max(100),
  inactiveYears: z.number().int().min(0).max(100),
  final: z.enum(retentionFinals),
});

export const archiveQuery = z.object({
  q: z.string().trim().max(200).optional(),
  number: z.string().trim().max(120).optional(),
  classification: z.string().max(20).optional(),
  opdCode: z.string().max(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  direction: z.enum(['out', 'in']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const archiveItem = z.object({
  id: uuid,
  direction: z.enum(['out', 'in']),
  type: z.enum(letterTypes),
  number: z.string().nullable(),
  subject: z.string(),
  from: z.string(),
  classificationCode: z.string(),
  confidentiality: z.enum(confidentialities),
  date: z.string(),
  archiveState: z.enum(['aktif', 'inaktif', 'musnah', 'permanen']),
  snippet: z.string().nullable(),
});

export const retentionProposalView = z.object({
  id: uuid,
  action: z.enum(['inaktif', 'musnah', 'permanen']),
  opdName: z.string().nullable(),
  state: z.enum(['proposed', 'approved', 'rejected']),
  letters: z.number(),
  proposedBy: z.string(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string(),
});

export const eofficeSettings = z.object({
  /**
   * Number of an outgoing letter: {klasifikasi}, {urut} (zero-padded), {unit} (the OPD's short
   * code), {tahun}, {jenis} (the type's code: ND, SD, SE, UND, SK, ST, BA).
   */
  numberPattern: z.string().min(5).max(120).default('{klasifikasi}/{urut}/{unit}/{tahun}'),
  /** One sequence per OPD and year, or per OPD, type and year. */
  seriesBy: z.enum(['opd', 'opd_type']).default('opd'),
  /** Days after an open disposition's deadline before it escalates to the position above its sender (its sender hears at once). */
  escalateAfterDays: z.number().int().min(0).max(30).default(0),
});
