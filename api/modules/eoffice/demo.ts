import { eq } from 'drizzle-orm';
import { todayInRegion } from '../../core/calendar/region-calendar';
import { region } from '../../core/db/schema';
import { ensureDemoUsers } from '../../core/demo/users';
import { regionKeySigner } from '../../core/documents/signing';
import type { FileStore } from '../../core/files/store';
import type { RegionContext } from '../../core/modules/types';
import { viewerOf } from './access';
import { registerIncoming } from './dispositions';
import { createDraft, submitDraft } from './letters';
import { opdByCode } from './org';
import { eofficeAssignment, eofficePosition } from './schema';
import { signLetter } from './sign';

const at = (name: string) => `${name}@tangerangkota.demo.simpul.id`;
export const DEMO_STAF_KOMINFO = at('staf.kominfo');
export const DEMO_KABID_KOMINFO = at('kabid.kominfo');
export const DEMO_KADIS_KOMINFO = at('kadis.kominfo');
export const DEMO_KADIS_DPMPTSP = at('kadis.dpmptsp');
export const DEMO_KASI_DPMPTSP = at('kasi.dpmptsp');
export const DEMO_TU_DPMPTSP = at('tu.dpmptsp');

/** Two offices' positions, top first: [key, opd, title, level, parent key, registers incoming, holder]. */
const positions = [
  [
    'kadis-kominfo',
    'diskominfo',
    'Kepala Dinas Komunikasi dan Informatika',
    'kepala',
    null,
    false,
    DEMO_KADIS_KOMINFO,
  ],
  [
    'sekretaris-kominfo',
    'diskominfo',
    'Sekretaris Dinas Komunikasi dan Informatika',
    'sekretaris',
    'kadis-kominfo',
    true,
    null,
  ],
  [
    'kabid-ikp',
    'diskominfo',
    'Kepala Bidang Informasi dan Komunikasi Publik',
    'kabid',
    'kadis-kominfo',
    false,
    DEMO_KABID_KOMINFO,
  ],
  [
    'pranata-humas',
    'diskominfo',
    'Pranata Humas Ahli Pertama',
    'staf',
    'kabid-ikp',
    false,
    DEMO_STAF_KOMINFO,
  ],
  [
    'kadis-dpmptsp',
    'dpmptsp',
    'Kepala Dinas Penanaman Modal dan PTSP',
    'kepala',
    null,
    false,
    DEMO_KADIS_DPMPTSP,
  ],
  [
    'kasubag-umum-dpmptsp',
    'dpmptsp',
    'Kepala Subbagian Umum dan Kepegawaian DPMPTSP',
    'kasubag',
    'kadis-dpmptsp',
    true,
    DEMO_TU_DPMPTSP,
  ],
  [
    'kasi-pelayanan',
    'dpmptsp',
    'Kepala Seksi Pelayanan Perizinan',
    'kasi',
    'kadis-dpmptsp',
    false,
    DEMO_KASI_DPMPTSP,
  ],
] as const;

/**
 * The demo's correspondence: Diskominfo and DPMPTSP with their positions and holders, a signed
 * circular in the archive, a nota dinas from the Pranata Humas waiting for the Kabid's paraf, and
 * an incoming letter at DPMPTSP waiting for the head's disposition. Made through the module's own
 * use cases, once.
 */
export async function seedEofficeDemo(ctx: RegionContext & { files?: FileStore }) {
  const { tx, regionId } = ctx;
  const [existing] = await tx.select({ id: eofficePosition.id }).from(eofficePosition).limit(1);
  if (existing) return;
  const people = [
    { email: DEMO_STAF_KOMINFO, name: 'Dewi Pranata Humas', role: 'opd_officer', opdCode: 'diskominfo' },
    { email: DEMO_KABID_KOMINFO, name: 'Bambang Kabid IKP', role: 'opd_officer', opdCode: 'diskominfo' },
    { email: DEMO_KADIS_KOMINFO, name: 'Drs. Kepala Diskominfo', role: 'opd_admin', opdCode: 'diskominfo' },
    { email: DEMO_KADIS_DPMPTSP, name: 'Dra. Hj. Kepala DPMPTSP', role: 'opd_admin', opdCode: 'dpmptsp' },
    { email: DEMO_KASI_DPMPTSP, name: 'Fajar Kasi Pelayanan', role: 'opd_officer', opdCode: 'dpmptsp' },
    { email: DEMO_TU_DPMPTSP, name: 'Sri Tata Usaha DPMPTSP', role: 'opd_officer', opdCode: 'dpmptsp' },
  ] as const;
  const ids = await ensureDemoUsers(tx, regionId, [...people]);
  const names = new Map<string, string>(people.map((x) => [x.email, x.name]));
  const today = await todayInRegion(tx);
  const made = new Map<string, string>();
  for (const [key, opdCode, title, level, parent, registersIncoming, holder] of positions) {
    const office = await opdByCode(tx, opdCode);
    const [row] = await tx
      .insert(eofficePosition)
      .values({
        regionId,
        opdId: office.id,
        title,
        level,
        parentId: parent ? made.get(parent) : null,
        registersIncoming,
      })
      .returning({ id: eofficePosition.id });
    made.set(key, row!.id);
    const userId = holder ? ids.get(holder) : undefined;
    if (userId)
      await tx
        .insert(eofficeAssignment)
        .values({ regionId, positionId: row!.id, userId, startsOn: `${today.slice(0, 4)}-01-02` });
  }
  const as = async (email: string) =>
    viewerOf(tx, { id: ids.get(email)!, name: names.get(email)! }, today, new Set());
  const p = (key: string) => made.get(key)!;

  const staf = await as(DEMO_STAF_KOMINFO);
  const draft = await createDraft(tx, regionId, staf, {
    type: 'nota_dinas',
    fromPositionId: p('pranata-humas'),
    subject: 'Permohonan data izin reklame untuk kanal informasi publik',
    body: '<p>Dalam rangka pemutakhiran kanal informasi publik Tangerang LIVE, kami mohon bantuan Saudara untuk menyampaikan data izin reklame yang terbit pada tahun berjalan.</p><ol><li>jumlah izin per kecamatan;</li><li>lokasi titik reklame;</li><li>masa berlaku izin.</li></ol><p>Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.</p>',
    classificationCode: '400.14',
    urgency: 'segera',
    confidentiality: 'biasa',
    to: [p('kadis-dpmptsp')],
    cc: [],
    external: [],
    reviewers: [],
    signerPositionId: p('kadis-kominfo'),
    attachmentIds: [],
    refersToId: null,
  });
  await submitDraft(tx, regionId, staf, draft.id);

  const tu = await as(DEMO_TU_DPMPTSP);
  await registerIncoming(tx, regionId, tu, {
    toPositionId: p('kadis-dpmptsp'),
    senderName: 'Kementerian Investasi/BKPM',
    senderNumber: 'B-1234/A.8/2026',
    senderDate: today,
    receivedOn: today,
    subject: 'Undangan rapat koordinasi percepatan perizinan berusaha berbasis risiko',
    summary: 'Undangan rapat koordinasi pelaksanaan OSS RBA bagi DPMPTSP kabupaten/kota se-Provinsi Banten.',
    classificationCode: '500.16',
    urgency: 'segera',
    confidentiality: 'biasa',
    scanFileId: null,
  });

  if (!ctx.files) return;
  // A signed circular, so the archive and the public check have something to show.
  const [reg] = await tx.select().from(region).where(eq(region.id, regionId));
  const kabid = await as(DEMO_KABID_KOMINFO);
  const circular = await createDraft(tx, regionId, kabid, {
    type: 'surat_edaran',
    fromPositionId: p('kabid-ikp'),
    subject: 'Penggunaan aplikasi Tangerang LIVE untuk layanan informasi publik',
    body: '<p>Seluruh perangkat daerah diminta menggunakan aplikasi Tangerang LIVE sebagai kanal utama informasi publik dan menunjuk satu petugas penghubung.</p>',
    classificationCode: '400.14',
    urgency: 'biasa',
    confidentiality: 'biasa',
    to: [p('kadis-dpmptsp')],
    cc: [],
    external: [],
    reviewers: [],
    signerPositionId: p('kadis-kominfo'),
    attachmentIds: [],
    refersToId: null,
  });
  await submitDraft(tx, regionId, kabid, circular.id);
  const kadis = await as(DEMO_KADIS_KOMINFO);
  await signLetter(
    tx,
    {
      files: ctx.files,
      signer: regionKeySigner,
      region: { id: regionId, name: reg!.name },
      // The QR must work from a phone: the configured public address, else the one npm start prints.
      origin: process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
      settings: { numberPattern: '{klasifikasi}/{urut}/{unit}/{tahun}', seriesBy: 'opd' },
    },
    kadis,
    circular.id,
  );
}
