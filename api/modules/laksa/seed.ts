import { eq } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { laksaCategory, laksaRoutingRule, laksaTemplate } from './schema';

type CategorySeed = {
  code: string;
  name: string;
  nameEn: string;
  opd: string;
  resolveDays: number;
  kamtibmas?: boolean;
};

/** Categories most regions start with (Tangerang LIVE's common complaints), each routed to its usual OPD. */
export const defaultCategories: CategorySeed[] = [
  { code: 'jalan-rusak', name: 'Jalan Rusak', nameEn: 'Damaged road', opd: 'dpupr', resolveDays: 20 },
  {
    code: 'drainase-banjir',
    name: 'Drainase dan Banjir',
    nameEn: 'Drainage and flooding',
    opd: 'dpupr',
    resolveDays: 20,
  },
  {
    code: 'penerangan-jalan',
    name: 'Penerangan Jalan Umum',
    nameEn: 'Street lighting',
    opd: 'dishub',
    resolveDays: 10,
  },
  {
    code: 'lalu-lintas',
    name: 'Lalu Lintas dan Angkutan',
    nameEn: 'Traffic and transport',
    opd: 'dishub',
    resolveDays: 10,
  },
  {
    code: 'sampah',
    name: 'Sampah dan Kebersihan',
    nameEn: 'Waste and cleanliness',
    opd: 'dlh',
    resolveDays: 5,
  },
  { code: 'kesehatan', name: 'Layanan Kesehatan', nameEn: 'Health services', opd: 'dinkes', resolveDays: 10 },
  { code: 'pendidikan', name: 'Pendidikan', nameEn: 'Education', opd: 'disdik', resolveDays: 14 },
  {
    code: 'administrasi-kependudukan',
    name: 'Administrasi Kependudukan',
    nameEn: 'Civil registration',
    opd: 'disdukcapil',
    resolveDays: 10,
  },
  { code: 'bansos', name: 'Bantuan Sosial', nameEn: 'Social assistance', opd: 'dinsos', resolveDays: 14 },
  {
    code: 'ketertiban-umum',
    name: 'Ketertiban Umum (Kamtibmas)',
    nameEn: 'Public order and security',
    opd: 'satpol-pp',
    resolveDays: 5,
    kamtibmas: true,
  },
  { code: 'perizinan', name: 'Perizinan', nameEn: 'Permits', opd: 'dpmptsp', resolveDays: 14 },
  { code: 'lainnya', name: 'Lainnya', nameEn: 'Other', opd: 'diskominfo', resolveDays: 14 },
];

const defaultTemplates = [
  {
    title: 'Diterima dan ditindaklanjuti',
    body: 'Terima kasih atas laporan Anda. Laporan telah kami terima dan sedang ditindaklanjuti oleh petugas di lapangan.',
  },
  {
    title: 'Selesai ditangani',
    body: 'Laporan Anda telah selesai ditangani. Terima kasih telah berpartisipasi membangun kota. Mohon beri penilaian atas penanganan kami.',
  },
];

/** Seeds categories, routing rules (to the OPD that exist in the region) and reply templates. */
export async function seedLaksa(tx: Tx, regionId: string) {
  const opds = await tx.select({ id: opd.id, code: opd.code }).from(opd).where(eq(opd.regionId, regionId));
  const opdByCode = new Map(opds.map((o) => [o.code, o.id]));
  const fallback = opdByCode.get('diskominfo') ?? opds[0]?.id;
  const categories = await tx
    .insert(laksaCategory)
    .values(
      defaultCategories.map((c, i) => ({
        regionId,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        resolveDays: c.resolveDays,
        kamtibmas: c.kamtibmas ?? false,
        sort: (i + 1) * 10,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: laksaCategory.id, code: laksaCategory.code });
  const rules = categories.flatMap((c) => {
    const seed = defaultCategories.find((d) => d.code === c.code);
    const opdId = (seed && opdByCode.get(seed.opd)) ?? fallback;
    return opdId ? [{ regionId, categoryId: c.id, opdId }] : [];
  });
  if (rules.length > 0) await tx.insert(laksaRoutingRule).values(rules).onConflictDoNothing();
  if (categories.length > 0)
    await tx.insert(laksaTemplate).values(defaultTemplates.map((t) => ({ regionId, ...t })));
}
