import { z } from 'zod';
import { isoDate } from '../dates';
import { nikSchema } from '../indonesia';

/**
 * Perizinan contracts: the region's non-OSS permits (reklame, izin keramaian, SIP tenaga
 * kesehatan, penelitian…) from a versioned catalogue, applied for online, reviewed by steps whose
 * order is data (`WORKFLOW`), paid and signed through adapters, issued as a verifiable PDF.
 */

const label = z.object({ id: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and _ (2–40), starting with a letter');

// ---------- catalogue ----------

/** File formats an applicant may upload for a requirement (checked from the bytes on the server). */
export const documentFormats = ['pdf', 'jpg', 'png'] as const;
export type DocumentFormat = (typeof documentFormats)[number];
export const formatMime: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** Kinds of document the locker knows: the same KTP serves every application that asks for one. */
export const lockerDocTypes = [
  'ktp',
  'kk',
  'npwp',
  'nib',
  'akta_pendirian',
  'domisili',
  'foto',
  'ijazah',
  'str',
  'surat_rekomendasi',
  'desain',
  'denah_lokasi',
  'surat_pernyataan',
  'proposal',
  'lainnya',
] as const;
export type LockerDocType = (typeof lockerDocTypes)[number];
export const lockerDocLabels: Record<LockerDocType, { id: string; en: string }> = {
  ktp: { id: 'KTP', en: 'Identity card (KTP)' },
  kk: { id: 'Kartu Keluarga', en: 'Family card (KK)' },
  npwp: { id: 'NPWP', en: 'Tax number (NPWP)' },
  nib: { id: 'NIB', en: 'Business number (NIB)' },
  akta_pendirian: { id: 'Akta pendirian', en: 'Deed of establishment' },
  domisili: { id: 'Surat keterangan domisili', en: 'Certificate of domicile' },
  foto: { id: 'Pas foto', en: 'Passport photo' },
  ijazah: { id: 'Ijazah', en: 'Diploma' },
  str: { id: 'STR', en: 'Registration certificate (STR)' },
  surat_rekomendasi: { id: 'Surat rekomendasi', en: 'Letter of recommendation' },
  desain: { id: 'Desain / gambar', en: 'Design / drawing' },
  denah_lokasi: { id: 'Denah lokasi', en: 'Site plan' },
  surat_pernyataan: { id: 'Surat pernyataan', en: 'Signed statement' },
  proposal: { id: 'Proposal', en: 'Proposal' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

export const requirementSchema = z.object({
  key,
  label,
  docType: z.enum(lockerDocTypes),
  mandatory: z.boolean(),
  formats: z.array(z.enum(documentFormats)).min(1),
  maxKb: z.number().int().min(50).max(10_240),
  /** "dated no more than N days before submission" (e.g. surat domisili ≤ 3 months = 90). */
  maxAgeDays: z.number().int().min(1).max(3650).nullable().default(null),
  note: label.nullable().default(null),
  /** A blank form to download (a stored file id), e.g. the surat pernyataan template. */
  templateFileId: z.string().uuid().nullable().default(null),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const fieldKinds = ['text', 'number', 'date', 'choice', 'address', 'point'] as const;
export const formFieldSchema = z.object({
  key,
  label,
  kind: z.enum(fieldKinds),
  required: z.boolean(),
  /** For `choice`. */
  options: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  /** For `number`: the unit shown beside it (m², hari, orang). */
  unit: z.string().max(20).nullable().default(null),
  /** Printed on the permit (e.g. the billboard's size and place). */
  onPermit: z.boolean().default(false),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const feeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('fixed'),
    amount: z.number().int().min(1).max(10_000_000_000),
    retributionCode: z.string().trim().min(1).max(40),
  }),
  z.object({
    kind: z.literal('per_unit'),
    amount: z.number().int().min(1).max(10_000_000_000),
    /** The number field whose value multiplies the amount (e.g. luas_m2). */
    unitField: key,
    retributionCode: z.string().trim().min(1).max(40),
  }),
]);
export type Fee = z.infer<typeof feeSchema>;

/** Who acts at each review step: an OPD (by code) whose staff are assigned to that step. */
export const reviewSteps = ['front_office', 'technical', 'cashier', 'verifier', 'signer'] as const;
export type ReviewStep = (typeof reviewSteps)[number];
export const stepLabels: Record<ReviewStep, { id: string; en: string }> = {
  front_office: { id: 'Front office (pemeriksaan berkas)', en: 'Front office (document check)' },
  technical: { id: 'Tim teknis / survei lapangan', en: 'Technical team / field survey' },
  cashier: { id: 'Kasir (retribusi)', en: 'Cashier (fees)' },
  verifier: { id: 'Verifikator (persetujuan)', en: 'Verifier (approval)' },
  signer: { id: 'Penandatangan', en: 'Signer' },
};

export const typeDefinition = z.object({
  name: label,
  /** Dasar hukum: the regulations the permit rests on. */
  legalBasis: z.array(z.string().trim().min(1).max(300)).min(1).max(20),
  description: label,
  applicantKinds: z.array(z.enum(['individual', 'company'])).min(1),
  requirements: z.array(requirementSchema).min(1).max(30),
  fields: z.array(formFieldSchema).max(30),
  fee: feeSchema,
  /** Working days from "berkas lengkap dan benar" to the signed permit. */
  slaDays: z.number().int().min(1).max(120),
  /** Which optional steps the type has; front office, verifier and signer always act. */
  technicalReview: z.object({ opdCode: z.string().min(1).max(40), fieldSurvey: z.boolean() }).nullable(),
  output: z.object({
    title: label,
    /** Conditions printed on the permit, one per line. */
    conditions: z.array(z.string().trim().min(1).max(400)).max(20),
  }),
  /** How long the permit is valid (null: no end date). */
  validityMonths: z.number().int().min(1).max(120).nullable(),
});
export type TypeDefinition = z.infer<typeof typeDefinition>;

export const typeInput = z
  .object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/), opdCode: z.string().min(1).max(40) })
  .extend(typeDefinition.shape);

export const typeView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    version: z.number().int(),
    active: z.boolean(),
    opd: z.object({ code: z.string(), name: z.string() }),
    definition: typeDefinition,
  })
  .meta({ id: 'PermitType' });
export type TypeView = z.infer<typeof typeView>;

// ---------- workflow (data) ----------

export const applicationStates = [
  'draft',
  'submitted',
  'returned',
  'technical',
  'payment',
  'approval',
  'signing',
  'issued',
  'rejected',
  'withdrawn',
  'suspended',
  'revoked',
] as const;
export type ApplicationState = (typeof applicationStates)[number];
export const stateLabels: Record<ApplicationState, { id: string; en: string }> = {
  draft: { id: 'Draf', en: 'Draft' },
  submitted: { id: 'Pemeriksaan berkas', en: 'Document check' },
  returned: { id: 'Perlu perbaikan', en: 'Returned for revision' },
  technical: { id: 'Kajian teknis', en: 'Technical review' },
  payment: { id: 'Menunggu pembayaran retribusi', en: 'Awaiting fee payment' },
  approval: { id: 'Persetujuan', en: 'Approval' },
  signing: { id: 'Penandatanganan', en: 'Signing' },
  issued: { id: 'Terbit', en: 'Issued' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  withdrawn: { id: 'Dibatalkan pemohon', en: 'Withdrawn' },
  suspended: { id: 'Dibekukan', en: 'Suspended' },
  revoked: { id: 'Dicabut', en: 'Revoked' },
};

export const actions = [
  'submit',
  'withdraw',
  'check',
  'resubmit',
  'review',
  'pay',
  'approve',
  'sign',
  'reject',
  'suspend',
  'reinstate',
  'revoke',
] as const;
export type Action = (typeof actions)[number];

/**
 * The state machine, as data: which action may be taken in which state and by whom. Where the
 * next state depends on the type (a technical review, a fee) the service decides it with
 * `nextAfterComplete` / `nextAfterTechnical`; everything else moves to `to`.
 */
export const WORKFLOW: readonly {
  action: Action;
  from: readonly ApplicationState[];
  by: 'applicant' | ReviewStep;
  to: ApplicationState | 'next' | 'back';
}[] = [
  { action: 'submit', from: ['draft'], by: 'applicant', to: 'submitted' },
  { action: 'withdraw', from: ['draft', 'submitted', 'returned'], by: 'applicant', to: 'withdrawn' },
  { action: 'check', from: ['submitted'], by: 'front_office', to: 'next' },
  { action: 'resubmit', from: ['returned'], by: 'applicant', to: 'back' },
  { action: 'review', from: ['technical'], by: 'technical', to: 'next' },
  { action: 'pay', from: ['payment'], by: 'cashier', to: 'approval' },
  { action: 'approve', from: ['approval'], by: 'verifier', to: 'signing' },
  { action: 'sign', from: ['signing'], by: 'signer', to: 'issued' },
  { action: 'reject', from: ['submitted'], by: 'front_office', to: 'rejected' },
  { action: 'reject', from: ['technical'], by: 'technical', to: 'rejected' },
  { action: 'reject', from: ['approval'], by: 'verifier', to: 'rejected' },
  { action: 'reject', from: ['signing'], by: 'signer', to: 'rejected' },
  { action: 'suspend', from: ['issued'], by: 'signer', to: 'suspended' },
  { action: 'reinstate', from: ['suspended'], by: 'signer', to: 'issued' },
  { action: 'revoke', from: ['issued', 'suspended'], by: 'signer', to: 'revoked' },
];

/** The step whose inbox holds an application in this state (null: nobody on staff is waited on). */
export const stepOfState: Partial<Record<ApplicationState, ReviewStep>> = {
  submitted: 'front_office',
  technical: 'technical',
  payment: 'cashier',
  approval: 'verifier',
  signing: 'signer',
};

/** States in which the SLA clock runs (after "berkas lengkap", until a decision). */
export const slaRunningStates: readonly ApplicationState[] = ['technical', 'payment', 'approval', 'signing'];

// ---------- applications ----------

export const applicantInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('individual'), name: z.string().trim().min(2).max(120), nik: nikSchema }),
  z.object({
    kind: z.literal('company'),
    name: z.string().trim().min(2).max(120),
    nik: nikSchema,
    companyName: z.string().trim().min(2).max(200),
    nib: z.string().regex(/^\d{13}$/, 'NIB: 13 digits'),
  }),
]);

const formValue = z.union([
  z.string().max(2000),
  z.number(),
  z.object({ lat: z.number().min(-11.5).max(6.5), lng: z.number().min(94).max(141.5) }),
  z.null(),
]);
export const formValues = z.record(key, formValue);
export type FormValues = z.infer<typeof formValues>;

/** A draft saves whatever the applicant has so far; submission checks it against the type. */
export const draftInput = z.object({
  typeCode: z.string().regex(/^[a-z0-9-]{2,40}$/),
  applicant: applicantInput.optional(),
  form: formValues.default({}),
});
export const draftUpdate = z.object({ applicant: applicantInput.optional(), form: formValues.optional() });

/** Attaches a locker document to one requirement of an application. */
export const attachInput = z.object({ lockerItemId: z.string().uuid() });

export const itemStatuses = ['pending', 'ok', 'fix'] as const;
export const itemView = z.object({
  key: z.string(),
  label,
  mandatory: z.boolean(),
  docType: z.enum(lockerDocTypes),
  formats: z.array(z.enum(documentFormats)),
  maxKb: z.number(),
  lockerItemId: z.string().uuid().nullable(),
  fileId: z.string().uuid().nullable(),
  fileName: z.string().nullable(),
  status: z.enum(itemStatuses),
  note: z.string().nullable(),
});

export const historyView = z.object({
  at: z.string(),
  action: z.string(),
  fromState: z.enum(applicationStates).nullable(),
  toState: z.enum(applicationStates),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const applicationView = z
  .object({
    id: z.string().uuid(),
    number: z.string().nullable(),
    type: z.object({ code: z.string(), version: z.number().int(), name: label }),
    state: z.enum(applicationStates),
    step: z.enum(reviewSteps).nullable(),
    applicant: z
      .object({
        kind: z.enum(['individual', 'company']),
        name: z.string(),
        /** Masked except for the applicant and front office. */
        nik: z.string(),
        companyName: z.string().nullable(),
        nib: z.string().nullable(),
      })
      .nullable(),
    form: formValues,
    items: z.array(itemView),
    submittedAt: z.string().nullable(),
    completeAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    paused: z.boolean(),
    overdue: z.boolean(),
    fee: z
      .object({
        amount: z.number().int(),
        retributionCode: z.string(),
        billingCode: z.string().nullable(),
        paidAt: z.string().nullable(),
        receiptNumber: z.string().nullable(),
      })
      .nullable(),
    survey: z.object({ date: z.string().nullable(), note: z.string().nullable() }).nullable(),
    permit: z
      .object({
        number: z.string(),
        code: z.string(),
        validFrom: z.string(),
        validUntil: z.string().nullable(),
        state: z.enum(['valid', 'expired', 'revoked', 'suspended']),
      })
      .nullable(),
    rejectReason: z.string().nullable(),
    history: z.array(historyView),
    createdAt: z.string(),
  })
  .meta({ id: 'PermitApplication' });
export type ApplicationView = z.infer<typeof applicationView>;

export const inboxRow = z.object({
  id: z.string().uuid(),
  number: z.string().nullable(),
  typeName: label,
  applicantName: z.string(),
  state: z.enum(applicationStates),
  step: z.enum(reviewSteps).nullable(),
  submittedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  paused: z.boolean(),
});

// ---------- staff decisions ----------

export const checkInput = z.object({
  items: z
    .array(
      z.object({
        key,
        status: z.enum(['ok', 'fix']),
        note: z.string().trim().max(500).nullable().default(null),
      }),
    )
    .min(1),
  note: z.string().trim().max(1000).nullable().default(null),
});
export const reviewInput = z.object({
  decision: z.enum(['recommend', 'return', 'reject']),
  note: z.string().trim().min(3).max(2000),
  surveyDate: isoDate.nullable().default(null),
  /** With `return`: the items to fix. */
  fix: z.array(z.object({ key, note: z.string().trim().min(3).max(500) })).default([]),
});
export const noteInput = z.object({ note: z.string().trim().max(1000).nullable().default(null) });
export const reasonInput = z.object({ reason: z.string().trim().min(5).max(1000) });
export const payInput = z.object({ receiptNumber: z.string().trim().min(3).max(60) });
export const paymentCallback = z.object({
  billingCode: z.string().regex(/^\d{10,20}$/),
  amount: z.number().int().min(1),
  paidAt: z.iso.datetime({ offset: true }),
  reference: z.string().trim().min(3).max(80),
});

export const lockerItemView = z.object({
  id: z.string().uuid(),
  docType: z.enum(lockerDocTypes),
  label: z.string(),
  fileId: z.string().uuid(),
  mime: z.string(),
  bytes: z.number().int(),
  documentDate: z.string().nullable(),
  createdAt: z.string(),
});
export const lockerInput = z.object({
  fileId: z.string().uuid(),
  docType: z.enum(lockerDocTypes),
  label: z.string().trim().min(1).max(120),
  /** The date printed on the document (for "≤ 3 months" rules). */
  documentDate: isoDate.nullable().default(null),
});

export const staffAssignment = z.object({
  userId: z.string().uuid(),
  step: z.enum(reviewSteps),
  opdCode: z.string().min(1).max(40),
});
export const staffAssignmentView = staffAssignment.extend({ name: z.string() });

/** Public count of permits issued per type per month (open data: no personal data). */
export const issuedStatsRow = z.object({
  month: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  issued: z.number().int(),
});

export const perizinanSettings = z.object({
  /** Shown in every service standard: where to complain (LAKSA by default). */
  complaintsChannel: z
    .string()
    .max(300)
    .default('LAKSA — Layanan Aspirasi dan Kotak Saran Anda, di aplikasi ini'),
  /** Days a returned application waits for the applicant before it lapses (withdrawn). */
  revisionDays: z.number().int().min(1).max(90).default(14),
  /**
   * Shared secret of the payment gateway's paid-callback (HMAC-SHA256 of the body in
   * `X-Simpul-Signature: sha256=<hex>`); none: the callback is off and the cashier confirms.
   */
  paymentCallbackSecret: z.string().min(32).max(200).nullable().default(null),
});
export type PerizinanSettings = z.infer<typeof perizinanSettings>;
