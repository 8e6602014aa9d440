import { eq } from 'drizzle-orm';
import type { LockerDocType, ReviewStep } from '../../../shared/modules/perizinan';
import { todayInRegion } from '../../core/calendar/region-calendar';
import type { TimeZoneCode } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { appUser, region } from '../../core/db/schema';
import { ensureDemoUsers } from '../../core/demo/users';
import { loadPdfKit, pdfBytes } from '../../core/documents/pdf';
import { regionKeySigner } from '../../core/documents/signing';
import type { FileStore } from '../../core/files/store';
import { storeFile } from '../../core/files/upload';
import type { RegionContext } from '../../core/modules/types';
import { attach, createDraft, submit } from './applications';
import { starterCatalogue } from './catalogue-seed';
import { addToLocker, LOCKER_PURPOSE } from './locker';
import { manualCashier } from './payment';
import { approve, checkDocuments } from './review';
import { izinApplication, izinStaff, izinType, izinTypeVersion } from './schema';
import { opdIdsByCode } from './steps';

export const DEMO_FRONT_OFFICE = 'loket.dpmptsp@tangerangkota.demo.simpul.id';
export const DEMO_VERIFIER = 'verifikator.dpmptsp@tangerangkota.demo.simpul.id';
export const DEMO_TECHNICAL = 'teknis.pupr@tangerangkota.demo.simpul.id';
export const DEMO_SIGNER = 'kadis.dpmptsp@tangerangkota.demo.simpul.id';

/** Every region starts with the starter catalogue (where its OPDs exist). Idempotent. */
export async function seedCatalogue({ tx, regionId }: RegionContext) {
  const opds = await opdIdsByCode(tx, [...new Set(starterCatalogue.map((t) => t.opdCode))]);
  for (const t of starterCatalogue) {
    const opdId = opds.get(t.opdCode);
    if (!opdId) continue;
    const [row] = await tx
      .insert(izinType)
      .values({ regionId, code: t.code, opdId })
      .onConflictDoNothing()
      .returning();
    if (row)
      await tx
        .insert(izinTypeVersion)
        .values({ regionId, typeId: row.id, version: 1, definition: t.definition });
  }
}

/**
 * The demo's DPMPTSP: a front-office clerk who is also the cashier, a verifier, the head who signs,
 * and a technical officer of Dinas PUPR for billboards, each assigned to their steps.
 */
export async function seedPerizinanDemo(ctx: RegionContext & { files?: FileStore }) {
  const { tx, regionId } = ctx;
  await seedCatalogue(ctx);
  const people = [
    { email: DEMO_FRONT_OFFICE, name: 'Rina Loket DPMPTSP', role: 'opd_officer', opdCode: 'dpmptsp' },
    { email: DEMO_VERIFIER, name: 'Agus Verifikator', role: 'opd_officer', opdCode: 'dpmptsp' },
    { email: DEMO_TECHNICAL, name: 'Teguh Tim Teknis PUPR', role: 'opd_officer', opdCode: 'dpupr' },
    { email: DEMO_SIGNER, name: 'Dra. Hj. Kepala DPMPTSP', role: 'opd_admin', opdCode: 'dpmptsp' },
  ] as const;
  const ids = await ensureDemoUsers(tx, regionId, [...people]);
  const opds = await opdIdsByCode(tx, ['dpmptsp', 'dpupr']);
  const assignments: [string, ReviewStep, string][] = [
    [DEMO_FRONT_OFFICE, 'front_office', 'dpmptsp'],
    [DEMO_FRONT_OFFICE, 'cashier', 'dpmptsp'],
    [DEMO_VERIFIER, 'verifier', 'dpmptsp'],
    [DEMO_TECHNICAL, 'technical', 'dpupr'],
    [DEMO_SIGNER, 'signer', 'dpmptsp'],
  ];
  for (const [email, step, opdCode] of assignments) {
    const userId = ids.get(email);
    const opdId = opds.get(opdCode);
    if (userId && opdId)
      await tx.insert(izinStaff).values({ regionId, userId, step, opdId }).onConflictDoNothing();
  }
  const staff = new Map(people.map((p) => [p.email, { id: ids.get(p.email)!, name: p.name }]));
  if (ctx.files) await seedApplications(tx, regionId, ctx.files, staff);
}

/** A one-page PDF marked as sample data (no real person's document is ever in the demo). */
async function samplePdf(title: string): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A5', margin: 40 });
  const done = pdfBytes(doc);
  doc.fontSize(16).text(title).moveDown().fontSize(10).text('CONTOH — data fiktif untuk demo Simpul.');
  doc.end();
  return done;
}

/**
 * The demo citizen's applications, made through the module's own functions so every row is one
 * the workflow could have made: a keramaian waiting at the front office, a reklame with Dinas
 * PUPR's technical team, and a penelitian waiting for the head of office's signature. Only when
 * the demo has a file store (npm start), and only once.
 */
async function seedApplications(
  tx: Tx,
  regionId: string,
  files: FileStore,
  staff: Map<string, { id: string; name: string }>,
) {
  const [citizen] = await tx
    .select({ id: appUser.id, name: appUser.name })
    .from(appUser)
    .where(eq(appUser.phone, '+6281234567890'));
  if (!citizen) return;
  const [any] = await tx
    .select({ id: izinApplication.id })
    .from(izinApplication)
    .where(eq(izinApplication.applicantId, citizen.id))
    .limit(1);
  if (any) return;
  const [reg] = await tx.select().from(region).where(eq(region.id, regionId));
  if (!reg) return;
  const regionView = { id: reg.id, code: reg.code, name: reg.name, timeZone: reg.timeZone as TimeZoneCode };
  const actor = { id: citizen.id, name: citizen.name };
  const locker = new Map<string, string>();
  const today = await todayInRegion(tx);
  const keep = async (docType: LockerDocType, title: string) => {
    const hit = locker.get(docType);
    if (hit) return hit;
    const file = await storeFile(tx, files, regionId, citizen.id, LOCKER_PURPOSE, {
      bytes: await samplePdf(title),
      mime: 'application/pdf',
      width: null,
      height: null,
    });
    const item = await addToLocker(tx, regionId, citizen.id, {
      fileId: file.id,
      docType,
      label: title,
      documentDate: today,
    });
    locker.set(docType, item.id);
    return item.id;
  };
  const apply = async (
    typeCode: string,
    form: Record<string, string | number>,
    docs: [string, LockerDocType, string][],
  ) => {
    const id = await createDraft(tx, regionId, actor, {
      typeCode,
      applicant: { kind: 'individual', name: 'Budi Santoso', nik: '3671011505980001' },
      form,
    });
    for (const [key, docType, title] of docs) await attach(tx, actor, id, key, await keep(docType, title));
    await submit(tx, regionView, actor, id);
    return id;
  };
  const adapters = { files, signer: regionKeySigner, payment: manualCashier };
  const as = (email: string) => staff.get(email)!;

  await apply(
    'keramaian',
    {
      nama_acara: 'Festival Kuliner Cisadane',
      tanggal: '2026-12-20',
      peserta: 800,
      tempat: 'Taman Elektrik, Tangerang',
    },
    [
      ['ktp', 'ktp', 'KTP Budi Santoso'],
      ['proposal', 'proposal', 'Proposal Festival Kuliner'],
    ],
  );
  const reklame = await apply(
    'reklame',
    { naskah: 'Warung Kopi Budi', jenis: 'Neon box', luas_m2: 3, alamat: 'Jl. Daan Mogot No. 12' },
    [
      ['ktp', 'ktp', 'KTP Budi Santoso'],
      ['desain', 'desain', 'Desain neon box'],
      ['denah', 'denah_lokasi', 'Denah lokasi toko'],
      ['pernyataan', 'surat_pernyataan', 'Surat pernyataan bermeterai'],
    ],
  );
  await checkDocuments(tx, regionView, adapters, as(DEMO_FRONT_OFFICE), reklame, {
    items: ['ktp', 'desain', 'denah', 'pernyataan'].map((key) => ({
      key,
      status: 'ok' as const,
      note: null,
    })),
    note: null,
  });
  const penelitian = await apply(
    'penelitian',
    { judul: 'Pemanfaatan aplikasi layanan publik', lokasi: 'Diskominfo', mulai: '2026-12-10' },
    [
      ['ktp', 'ktp', 'KTP Budi Santoso'],
      ['rekomendasi', 'surat_rekomendasi', 'Surat pengantar kampus'],
      ['proposal', 'proposal', 'Proposal penelitian'],
    ],
  );
  await checkDocuments(tx, regionView, adapters, as(DEMO_FRONT_OFFICE), penelitian, {
    items: ['ktp', 'rekomendasi', 'proposal'].map((key) => ({ key, status: 'ok' as const, note: null })),
    note: null,
  });
  await approve(tx, as(DEMO_VERIFIER), penelitian, null);
}
