import { eq, inArray } from 'drizzle-orm';
import type { ArticleCategory, ArticleStatus } from '../../../shared/modules/info-kota';
import { hashPassword } from '../../core/auth/password';
import { appUser, opd, regionArea, userRole } from '../../core/db/schema';
import { DEMO_PASSWORD } from '../../core/demo/seed';
import type { RegionContext } from '../../core/modules/types';
import { slugify } from './articles';
import { sanitizeBody } from './sanitize';
import { ikAnnouncement, ikArticle, ikEvent, ikRevision } from './schema';

export const DEMO_EDITOR = 'redaksi@tangerangkota.demo.simpul.id';
export const DEMO_WRITER = 'humas.dishub@tangerangkota.demo.simpul.id';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type DemoArticle = {
  title: string;
  summary: string;
  body: string;
  category: ArticleCategory;
  tags: string[];
  opd: string;
  status: ArticleStatus;
  /** Hours from now: negative for published articles, positive for scheduled ones. */
  at: number;
  note?: string;
};

const articles: DemoArticle[] = [
  {
    title: 'Pemkot Tangerang Perbaiki 12 Ruas Jalan Rusak Sebelum Musim Hujan',
    summary:
      'Dinas PUPR menargetkan perbaikan 12 ruas jalan di enam kecamatan rampung akhir bulan ini, sebagian dari laporan warga lewat LAKSA.',
    body: `<p>Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kota Tangerang mulai memperbaiki 12 ruas jalan rusak di enam kecamatan. Perbaikan ditargetkan selesai sebelum puncak musim hujan.</p>
<h2>Berawal dari laporan warga</h2>
<p>Sebagian besar titik perbaikan berasal dari laporan warga melalui LAKSA. "Setiap laporan kami verifikasi di lapangan, lalu kami masukkan ke jadwal pemeliharaan," ujar Kepala Dinas PUPR.</p>
<ul><li>Jl. KH Hasyim Ashari (Cipondoh)</li><li>Jl. Raden Saleh (Karang Tengah)</li><li>Jl. Maulana Hasanudin (Batuceper)</li></ul>
<p>Warga dapat terus melaporkan jalan rusak melalui <a href="/layanan/laksa">LAKSA</a>.</p>`,
    category: 'pembangunan',
    tags: ['jalan', 'laksa', 'musim hujan'],
    opd: 'dpupr',
    status: 'published',
    at: -3,
  },
  {
    title: 'Vaksinasi Gratis untuk Balita di 38 Puskesmas Pekan Ini',
    summary: 'Dinas Kesehatan membuka layanan imunisasi kejar bagi balita di seluruh puskesmas, tanpa biaya.',
    body: `<p>Dinas Kesehatan Kota Tangerang membuka imunisasi kejar untuk balita di 38 puskesmas mulai Senin hingga Sabtu, pukul 08.00–12.00 WIB.</p>
<p>Orang tua cukup membawa buku KIA dan kartu keluarga. Layanan ini <strong>gratis</strong>.</p>
<blockquote><p>Imunisasi lengkap melindungi anak dari penyakit yang bisa dicegah.</p></blockquote>`,
    category: 'kesehatan',
    tags: ['imunisasi', 'puskesmas'],
    opd: 'dinkes',
    status: 'published',
    at: -20,
  },
  {
    title: 'Car Free Day Jalan Sudirman Kembali Digelar Setiap Minggu Pagi',
    summary:
      'Dishub menutup Jalan Jenderal Sudirman untuk kendaraan bermotor setiap Minggu pukul 06.00–09.00 WIB.',
    body: `<p>Dinas Perhubungan Kota Tangerang kembali menggelar Hari Bebas Kendaraan Bermotor (Car Free Day) di Jalan Jenderal Sudirman setiap Minggu pagi.</p>
<p>Pengendara diminta melewati jalur alternatif melalui Jl. Daan Mogot dan Jl. MH Thamrin.</p>`,
    category: 'lingkungan',
    tags: ['car free day', 'lalu lintas'],
    opd: 'dishub',
    status: 'published',
    at: -30,
  },
  {
    title: 'Pendaftaran Pelatihan Kerja Gratis Disnaker Dibuka',
    summary:
      'Sebanyak 600 kursi pelatihan menjahit, las, barista dan pemasaran digital tersedia bagi pencari kerja ber-KTP Kota Tangerang.',
    body: `<p>Dinas Ketenagakerjaan membuka pendaftaran pelatihan berbasis kompetensi gratis. Peserta mendapat sertifikat dan uang transport.</p>
<ol><li>Daftar melalui aplikasi Siap Kerja.</li><li>Ikuti tes minat dan bakat.</li><li>Mulai pelatihan bulan depan.</li></ol>`,
    category: 'ekonomi',
    tags: ['pelatihan', 'siap kerja'],
    opd: 'disnaker',
    status: 'published',
    at: -52,
  },
  {
    title: 'Wali Kota Resmikan Taman Tematik Baru di Kecamatan Periuk',
    summary: 'Taman seluas 4.000 m² dilengkapi area bermain anak, jalur lari dan ruang baca terbuka.',
    body: `<p>Wali Kota Tangerang meresmikan taman tematik baru di Kecamatan Periuk. Taman ini dapat dikunjungi setiap hari pukul 06.00–21.00 WIB.</p>`,
    category: 'pemerintahan',
    tags: ['taman', 'ruang publik'],
    opd: 'diskominfo',
    status: 'published',
    at: -80,
  },
  {
    title: 'Rekayasa Lalu Lintas Selama Pembangunan Flyover Cikokol',
    summary: 'Dishub memberlakukan pengalihan arus di simpang Cikokol selama tiga bulan.',
    body: `<p>Mulai pekan depan, arus kendaraan dari arah Jl. MH Thamrin dialihkan ke Jl. Perintis Kemerdekaan selama pembangunan flyover.</p>`,
    category: 'pembangunan',
    tags: ['lalu lintas', 'flyover'],
    opd: 'dishub',
    status: 'review',
    at: 0,
  },
  {
    title: 'Jadwal Uji Emisi Kendaraan Dinas Gratis',
    summary: 'Uji emisi untuk kendaraan pribadi dan dinas di halaman Puspemkot.',
    body: '<p>Draf: lengkapi jadwal dan lokasi uji emisi.</p>',
    category: 'lingkungan',
    tags: ['emisi'],
    opd: 'dishub',
    status: 'draft',
    at: 0,
    note: 'Tambahkan jam layanan dan persyaratan, lalu ajukan lagi.',
  },
  {
    title: 'Festival Budaya Cisadane Digelar Akhir Pekan Ini',
    summary: 'Lomba perahu naga, pawai budaya dan bazar UMKM di bantaran Sungai Cisadane.',
    body: `<p>Festival Budaya Cisadane kembali hadir dengan lomba perahu naga, pawai budaya dan bazar UMKM di bantaran Sungai Cisadane.</p>`,
    category: 'budaya-pariwisata',
    tags: ['festival', 'cisadane'],
    opd: 'diskominfo',
    status: 'scheduled',
    at: 20,
  },
];

/**
 * Demo region: an editor at Diskominfo and a writer at Dishub, articles in every state (published
 * ones over the last days, one in review, one returned draft, one scheduled), an urgent flood
 * warning for Kecamatan Ciledug, two other announcements and upcoming city events. Runs once.
 */
export async function seedInfoKotaDemo({ tx, regionId }: RegionContext) {
  const [any] = await tx.select({ id: ikArticle.id }).from(ikArticle).limit(1);
  if (any) return;
  const opds = new Map(
    (await tx.select({ id: opd.id, code: opd.code }).from(opd)).map((o) => [o.code, o.id] as const),
  );
  const present = await tx
    .select({ email: appUser.email, id: appUser.id, name: appUser.name })
    .from(appUser)
    .where(inArray(appUser.email, [DEMO_EDITOR, DEMO_WRITER]));
  const people = [
    { email: DEMO_EDITOR, name: 'Redaktur Diskominfo', role: 'opd_admin' as const, opd: 'diskominfo' },
    { email: DEMO_WRITER, name: 'Humas Dinas Perhubungan', role: 'opd_officer' as const, opd: 'dishub' },
  ];
  const ids = new Map<string, { id: string; name: string }>();
  for (const p of people) {
    const have = present.find((x) => x.email === p.email);
    if (have) {
      ids.set(p.email, { id: have.id, name: have.name });
      continue;
    }
    const [user] = await tx
      .insert(appUser)
      .values({
        regionId,
        name: p.name,
        email: p.email,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        verifiedAt: new Date(),
      })
      .returning({ id: appUser.id });
    await tx
      .insert(userRole)
      .values({ regionId, userId: user!.id, role: p.role, opdId: opds.get(p.opd) ?? null });
    ids.set(p.email, { id: user!.id, name: p.name });
  }
  const editor = ids.get(DEMO_EDITOR)!;
  const writer = ids.get(DEMO_WRITER)!;
  const now = Date.now();

  for (const a of articles) {
    const author = a.opd === 'dishub' ? writer : editor;
    const at = new Date(now + a.at * HOUR);
    const [row] = await tx
      .insert(ikArticle)
      .values({
        regionId,
        slug: slugify(a.title),
        title: a.title,
        summary: a.summary,
        bodyHtml: sanitizeBody(a.body),
        category: a.category,
        tags: a.tags,
        opdId: opds.get(a.opd) ?? null,
        authorId: author.id,
        authorName: author.name,
        status: a.status,
        reviewNote: a.note ?? null,
        publishAt: a.status === 'scheduled' ? at : null,
        publishedAt: a.status === 'published' ? at : null,
        notifiedAt: a.status === 'published' ? at : null,
        createdAt: new Date(at.getTime() - 2 * HOUR),
        updatedAt: a.status === 'published' ? at : new Date(now - HOUR),
      })
      .returning();
    const steps: [string, { id: string; name: string }][] = [['created', author]];
    if (a.status !== 'draft' || a.note) steps.push(['submitted', author]);
    if (a.note) steps.push(['returned', editor]);
    if (a.status === 'published') steps.push(['published', editor]);
    if (a.status === 'scheduled') steps.push(['scheduled', editor]);
    await tx.insert(ikRevision).values(
      steps.map(([action, who], i) => ({
        regionId,
        articleId: row!.id,
        version: 1,
        seq: i + 1,
        action,
        actorId: who.id,
        actorName: who.name,
        fields: action === 'created' ? ['title', 'summary', 'bodyHtml', 'category', 'tags'] : [],
        note: action === 'returned' ? (a.note ?? null) : null,
        snapshot: { title: row!.title, summary: row!.summary, bodyHtml: row!.bodyHtml },
        at: new Date(row!.createdAt.getTime() + i * 20 * 60_000),
      })),
    );
  }

  const areaCode = async (name: string): Promise<string | null> =>
    (await tx.select({ code: regionArea.code }).from(regionArea).where(eq(regionArea.name, name)))[0]?.code ??
    null;
  const ciledug = await areaCode('Ciledug');
  const cipondoh = await areaCode('Cipondoh');
  const diskominfo = opds.get('diskominfo') ?? null;
  await tx.insert(ikAnnouncement).values([
    {
      regionId,
      title: 'Siaga banjir: debit Kali Angke naik',
      body: 'Warga bantaran Kali Angke di Kecamatan Ciledug diminta waspada dan menyiapkan dokumen penting. Posko BPBD siaga 24 jam; darurat hubungi 112.',
      validFrom: new Date(now - 2 * HOUR),
      validUntil: new Date(now + 2 * DAY),
      areaCode: ciledug,
      urgent: true,
      opdId: diskominfo,
      createdBy: editor.id,
      notifiedAt: new Date(now - 2 * HOUR),
    },
    {
      regionId,
      title: 'Pemadaman air PDAM terjadwal di wilayah Cipondoh',
      body: 'Perbaikan pipa distribusi utama: aliran air terhenti Sabtu pukul 22.00 hingga Minggu pukul 04.00 WIB.',
      validFrom: new Date(now - DAY),
      validUntil: new Date(now + 3 * DAY),
      areaCode: cipondoh,
      urgent: false,
      opdId: diskominfo,
      createdBy: editor.id,
      notifiedAt: new Date(now - DAY),
    },
    {
      regionId,
      title: 'Layanan Disdukcapil buka Sabtu selama bulan ini',
      body: 'Perekaman KTP-el dan pencetakan KK dilayani juga hari Sabtu pukul 08.00–12.00 WIB di Mal Pelayanan Publik.',
      validFrom: new Date(now - 3 * DAY),
      validUntil: new Date(now + 20 * DAY),
      areaCode: null,
      urgent: false,
      opdId: diskominfo,
      createdBy: editor.id,
      notifiedAt: new Date(now - 3 * DAY),
    },
  ]);

  const day = (d: number, h: number) => {
    // Local hour h (WIB) d days from today.
    const wib = new Date(now + 7 * HOUR);
    return new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate() + d, h - 7));
  };
  await tx.insert(ikEvent).values([
    {
      regionId,
      title: 'Festival Budaya Cisadane',
      description: 'Lomba perahu naga, pawai budaya dan bazar UMKM.',
      startsAt: day(2, 8),
      endsAt: day(2, 21),
      place: 'Bantaran Sungai Cisadane, Jl. Benteng Jaya',
      lat: -6.1745,
      lng: 106.6368,
      opdId: diskominfo,
      createdBy: editor.id,
    },
    {
      regionId,
      title: 'Car Free Day Jalan Sudirman',
      description: 'Jalan Jenderal Sudirman bebas kendaraan bermotor.',
      startsAt: day(3, 6),
      endsAt: day(3, 9),
      place: 'Jl. Jenderal Sudirman',
      lat: -6.1867,
      lng: 106.6318,
      opdId: opds.get('dishub') ?? null,
      createdBy: writer.id,
    },
    {
      regionId,
      title: 'Musrenbang Kecamatan Karawaci',
      description: 'Musyawarah perencanaan pembangunan tingkat kecamatan; terbuka untuk warga.',
      startsAt: day(6, 9),
      endsAt: day(6, 13),
      place: 'Aula Kantor Kecamatan Karawaci',
      lat: null,
      lng: null,
      opdId: opds.get('bappeda') ?? null,
      createdBy: editor.id,
    },
  ]);
}
