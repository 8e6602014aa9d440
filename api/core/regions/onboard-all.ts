import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { region } from '../db/schema';
import { APP_ROLE } from '../db/tenancy';
import type { SimpulModule } from '../modules/types';
import { allRegions } from './area-data';
import { OnboardingError, type OnboardResult, onboardRegion, resolveRegionCode } from './onboard';

/** A region of the list as onboarding names it ("Provinsi Banten", its slug and time zone). */
export type ListedRegion = ReturnType<typeof resolveRegionCode>;

export type OnboardAllProgress = {
  /** 1-based position in the list. */
  done: number;
  total: number;
  region: ListedRegion;
  /** `added` = onboarded now; `exists` = onboarded before, left as it is. */
  outcome: 'added' | 'exists';
  /** Milliseconds this region took (0 for `exists`). */
  ms: number;
  /** The new region's slug (its `/r/<slug>/` address); null for `exists`. */
  slug: string | null;
  /** The new region's first admin (shown once: the caller keeps it); null for `exists`. */
  admin: OnboardResult['admin'];
};

export type OnboardAllResult = {
  total: number;
  added: { code: string; name: string; slug: string; admin: OnboardResult['admin'] }[];
  existing: number;
  ms: number;
};

export type OnboardAllOptions = {
  /** Only this province (`PP`) and its kabupaten/kota. */
  provinceCode?: string;
  /** Modules for the new regions; default: every module with `enabledByDefault`. */
  modules?: string[];
  actor?: string;
  registry?: readonly SimpulModule[];
  onProgress?: (p: OnboardAllProgress) => void;
};

/** The codes of every onboarded region, in one query (region rows are readable to the app role). */
async function onboardedCodes(database: Database): Promise<Set<string>> {
  const rows = await database.run(() =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
      return tx.select({ code: region.code }).from(region);
    }),
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * Onboards every province and kabupaten/kota of the Kemendagri data (or of one province), one
 * region per transaction, in code order. Idempotent: regions already onboarded are skipped
 * without touching them (found with one query, so a re-run takes well under a second); a run that
 * stops half-way (an error, Ctrl-C) leaves whole regions behind and the next run goes on from
 * there. Stops at the first failure, which is thrown with the region's code.
 */
export async function onboardAll(
  database: Database,
  opts: OnboardAllOptions = {},
): Promise<OnboardAllResult> {
  const started = performance.now();
  const provinceCode = opts.provinceCode?.trim();
  if (provinceCode !== undefined && !/^\d{2}$/.test(provinceCode))
    throw new OnboardingError('VALIDATION_FAILED', {
      id: `Kode provinsi "${provinceCode}" tidak valid; gunakan dua angka, mis. 36`,
      en: `Invalid province code "${provinceCode}"; use two digits, e.g. 36`,
    });
  const targets = allRegions(provinceCode).map((r) => resolveRegionCode(r.code));
  if (targets.length === 0)
    throw new OnboardingError('NOT_FOUND', {
      id: `Kode provinsi ${provinceCode} tidak dikenal di data Kemendagri`,
      en: `Unknown Kemendagri province code ${provinceCode}`,
    });
  const existing = await onboardedCodes(database);
  const result: OnboardAllResult = { total: targets.length, added: [], existing: 0, ms: 0 };
  let done = 0;
  for (const target of targets) {
    done++;
    if (existing.has(target.code)) {
      result.existing++;
      opts.onProgress?.({
        done,
        total: targets.length,
        region: target,
        outcome: 'exists',
        ms: 0,
        slug: null,
        admin: null,
      });
      continue;
    }
    const t0 = performance.now();
    let r: OnboardResult;
    try {
      r = await onboardRegion(database, {
        code: target.code,
        modules: opts.modules,
        actor: opts.actor,
        registry: opts.registry,
      });
    } catch (err) {
      const why = err instanceof OnboardingError ? err.message : String((err as Error).message ?? err);
      throw new OnboardingError(err instanceof OnboardingError ? err.code : 'INTERNAL', {
        id: `Berhenti di ${target.code} ${target.name} (${result.added.length} daerah sudah ditambahkan; jalankan lagi untuk melanjutkan): ${why}`,
        en: `Stopped at ${target.code} ${target.name} (${result.added.length} regions added so far; run again to continue): ${why}`,
      });
    }
    // Another process may have added it meanwhile: then it exists, and its admin is not ours.
    if (r.created)
      result.added.push({ code: r.region.code, name: r.region.name, slug: r.region.slug, admin: r.admin });
    else result.existing++;
    opts.onProgress?.({
      done,
      total: targets.length,
      region: target,
      outcome: r.created ? 'added' : 'exists',
      ms: performance.now() - t0,
      slug: r.created ? r.region.slug : null,
      admin: r.created ? r.admin : null,
    });
  }
  result.ms = performance.now() - started;
  return result;
}

/** One line of progress for a terminal: `[#####-----]  123/552  36.71 Kota Tangerang  0.4 s/daerah  sisa ~2m`. */
export function progressBar(
  p: OnboardAllProgress,
  elapsedMs: number,
  addedSoFar: number,
  width = 30,
): string {
  const filled = Math.round((p.done / p.total) * width);
  const perRegion = addedSoFar > 0 ? elapsedMs / addedSoFar / 1000 : 0;
  const left = p.total - p.done;
  const eta = perRegion > 0 && left > 0 ? `  sisa/left ~${formatDuration(left * perRegion * 1000)}` : '';
  const rate = perRegion > 0 ? `  ${perRegion.toFixed(2)} s/daerah` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(p.done).padStart(String(p.total).length)}/${p.total}  ${p.region.code} ${p.region.name}${rate}${eta}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
