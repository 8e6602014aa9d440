import { eq, sql } from 'drizzle-orm';
import type { ActionInput } from '../../../shared/modules/laksa';
import { laksaSettings } from '../../../shared/modules/laksa';
import { calendarFor } from '../../core/calendar/region-calendar';
import { regionArea, regionModule } from '../../core/db/schema';
import type { RegionContext } from '../../core/modules/types';
import { regionBoundsIn } from '../../core/regions/map';
import { applyAction } from './actions';
import { fileReport } from './intake';
import { laksaCategory, laksaReport } from './schema';
import { findReport } from './views';

/** Kota Tangerang's extent, so the demo's report form rejects points outside the city. */

type Sample = {
  category: string;
  description: string;
  address: string;
  lat: number;
  lng: number;
  flow: ActionInput['action'][];
  anonymous?: boolean;
};
const samples: Sample[] = [
  {
    category: 'jalan-rusak',
    description: 'Jalan berlubang cukup dalam di depan pasar, sudah dua motor jatuh minggu ini.',
    address: 'Jl. KH Hasyim Ashari',
    lat: -6.1835,
    lng: 106.6565,
    flow: [],
  },
  {
    category: 'penerangan-jalan',
    description: 'Lampu PJU mati sepanjang 200 meter, jalan gelap dan rawan kejahatan.',
    address: 'Jl. Daan Mogot',
    lat: -6.1747,
    lng: 106.6345,
    flow: ['verify'],
  },
  {
    category: 'sampah',
    description: 'Sampah menumpuk di TPS sementara sudah seminggu belum diangkut, bau menyengat.',
    address: 'Jl. Imam Bonjol',
    lat: -6.1901,
    lng: 106.6213,
    flow: ['verify', 'start'],
  },
  {
    category: 'drainase-banjir',
    description: 'Saluran air tersumbat, setiap hujan deras jalan tergenang setinggi lutut.',
    address: 'Perumnas 1, Karawaci',
    lat: -6.2034,
    lng: 106.6123,
    flow: ['verify', 'start', 'resolve'],
  },
  {
    category: 'ketertiban-umum',
    description: 'Balap liar setiap malam minggu di ruas jalan ini, warga terganggu dan khawatir.',
    address: 'Jl. MH Thamrin',
    lat: -6.2247,
    lng: 106.6482,
    flow: ['verify'],
    anonymous: true,
  },
  {
    category: 'administrasi-kependudukan',
    description: 'Antrean pencetakan KTP-el sangat panjang, mohon ditambah loket layanan.',
    address: 'Kantor Kecamatan Cipondoh',
    lat: -6.1848,
    lng: 106.6842,
    flow: [],
  },
];

/**
 * Demo region: a handful of reports in different states. Runs once. The geofence is the region's
 * own map bounds (core demo seed), so LAKSA keeps `bounds: null`.
 */
export async function seedLaksaDemo({
  tx,
  regionId,
  accounts,
}: RegionContext & { accounts: { role: string; userId: string }[] }) {
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(laksaReport);
  if ((existing?.n ?? 0) > 0) return;
  const [mod] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'laksa'));
  const settings = laksaSettings.parse({ ...(mod?.settings ?? {}), bounds: await regionBoundsIn(tx) });

  const citizen = accounts.find((a) => a.role === 'citizen')?.userId ?? null;
  const operator = accounts.find((a) => a.role === 'operator')?.userId;
  const officer = accounts.find((a) => a.role === 'opd_officer')?.userId;
  const categories = new Map(
    (await tx.select({ id: laksaCategory.id, code: laksaCategory.code }).from(laksaCategory)).map((c) => [
      c.code,
      c.id,
    ]),
  );
  const [kelurahan] = await tx
    .select({ code: regionArea.code })
    .from(regionArea)
    .where(eq(regionArea.level, 'kelurahan'))
    .limit(1);
  const env = {
    regionId,
    regionCode: '36.71',
    settings,
    calendar: await calendarFor(tx, { id: regionId, timeZone: 'WIB' }),
  };
  for (const s of samples) {
    const categoryId = categories.get(s.category);
    if (!categoryId) continue;
    const { id } = await fileReport(
      tx,
      env,
      {
        type: 'pengaduan',
        categoryId,
        description: s.description,
        photoIds: [],
        lat: s.lat,
        lng: s.lng,
        areaCode: kelurahan?.code ?? null,
        address: s.address,
        anonymous: !!s.anonymous,
        confidential: false,
      },
      { reporterId: citizen, source: 'app' },
    );
    for (const action of s.flow) {
      const report = (await findReport(tx, { id }))!;
      const byOpd = action !== 'verify';
      await applyAction(
        tx,
        {
          ...env,
          actor: byOpd
            ? { id: officer ?? '', name: 'Petugas OPD', label: 'Petugas OPD' }
            : { id: operator ?? '', name: 'Operator LIVE Room', label: 'Operator' },
          capacities: new Set([byOpd ? 'opd' : 'operator']),
        },
        report,
        { action, note: action === 'resolve' ? 'Sudah ditangani petugas di lapangan.' : undefined },
      );
    }
  }
}
