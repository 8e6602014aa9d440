import type { ReviewStep } from '../../../shared/modules/perizinan';
import { ensureDemoUsers } from '../../core/demo/users';
import type { RegionContext } from '../../core/modules/types';
import { starterCatalogue } from './catalogue-seed';
import { izinStaff, izinType, izinTypeVersion } from './schema';
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
export async function seedPerizinanDemo(ctx: RegionContext) {
  const { tx, regionId } = ctx;
  await seedCatalogue(ctx);
  const ids = await ensureDemoUsers(tx, regionId, [
    { email: DEMO_FRONT_OFFICE, name: 'Rina Loket DPMPTSP', role: 'opd_officer', opdCode: 'dpmptsp' },
    { email: DEMO_VERIFIER, name: 'Agus Verifikator', role: 'opd_officer', opdCode: 'dpmptsp' },
    { email: DEMO_TECHNICAL, name: 'Teguh Tim Teknis PUPR', role: 'opd_officer', opdCode: 'dpupr' },
    { email: DEMO_SIGNER, name: 'Dra. Hj. Kepala DPMPTSP', role: 'opd_admin', opdCode: 'dpmptsp' },
  ]);
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
}
