import { type SQL, sql } from 'drizzle-orm';
import type { MatchExplanation } from '../../../shared/modules/siap-kerja';

/**
 * The match score (0–100) of a seeker and a vacancy, computed by the database so a list of
 * thousands of open vacancies (or a vacancy's applicants) sorts by it in one query:
 *
 * | criterion  | points | met when                                                        |
 * | ---------- | -----: | --------------------------------------------------------------- |
 * | pendidikan |     30 | the seeker's education rank ≥ the vacancy's (SMA = SMK)          |
 * | keahlian   |     25 | share of the vacancy's skills the seeker has (all when it asks none) |
 * | lokasi     |     20 | same kecamatan, one the seeker prefers, or the vacancy names none |
 * | pengalaman |     15 | the seeker's years ≥ the vacancy's                               |
 * | gaji       |      5 | the vacancy's top wage reaches the seeker's minimum (or either is unknown) |
 * | jenis      |      5 | the job type is one the seeker prefers (or they prefer none)      |
 *
 * Each side is given as SQL (a column or a bound value), so the same expression ranks vacancies
 * for one seeker and applicants for one vacancy.
 */
export type Side = {
  educationRank: SQL;
  skills: SQL;
  /** The skills themselves when this side is one known seeker or vacancy (bound values). */
  skillList?: readonly string[];
  kecamatan: SQL;
  experienceYears: SQL;
};
export type SeekerSide = Side & { prefKecamatan: SQL; prefSalaryMin: SQL; prefTypes: SQL };
export type VacancySide = Side & { wageMax: SQL; type: SQL };

/**
 * Slots for the known side's skills, padded with NULL (never contained) to 4, 8, 16 or 32, so a
 * handful of statement shapes cover every profile (prepared statements, pgbench).
 */
const slots = (n: number) => (n <= 4 ? 4 : n <= 8 ? 8 : n <= 16 ? 16 : 32);

/**
 * How many of `list` the other side's array holds: one `@>` per skill, no subquery per row. A
 * padding slot stops at `is not null` (each `@>` unpacks the row's array again: bench:kerja).
 */
function hits(list: readonly string[], other: SQL): SQL {
  const padded: (string | null)[] = [...list, ...Array<null>(slots(list.length) - list.length).fill(null)];
  return sql`(${sql.join(
    padded.map((x) => sql`(${x}::text is not null and ${other} @> array[${x}::text])::int`),
    sql` + `,
  )})`;
}

/**
 * The share of the vacancy's skills the seeker has. Skills are distinct on both sides (saved so), so
 * the count of the known side's skills found in the other side is the overlap.
 */
function skillShare(v: VacancySide, s: SeekerSide): SQL {
  // Most rows share no skill with the known side: one `&&` answers them before any `@>`.
  if (s.skillList)
    return sql`(case when cardinality(${v.skills}) = 0 then 1.0 when not (${v.skills} && ${s.skills}) then 0.0 else
      ${hits(s.skillList, v.skills)}::float8 / cardinality(${v.skills}) end)`;
  if (v.skillList)
    return v.skillList.length === 0
      ? sql`1.0`
      : sql`(case when not (${s.skills} && ${v.skills}) then 0.0 else
      ${hits(v.skillList, s.skills)}::float8 / ${v.skillList.length}::int end)`;
  return sql`(case when cardinality(${v.skills}) = 0 then 1.0 else
    (select count(*) from unnest(${v.skills}) k where k = any(${s.skills}))::float8 / cardinality(${v.skills}) end)`;
}

export function matchScore(v: VacancySide, s: SeekerSide): SQL<number> {
  return sql<number>`(
    (case when ${s.educationRank} >= ${v.educationRank} then 30 else 0 end)
    + round(25 * ${skillShare(v, s)})
    + (case when ${v.kecamatan} is null or ${v.kecamatan} = ${s.kecamatan} or ${v.kecamatan} = any(${s.prefKecamatan}) then 20 else 0 end)
    + (case when ${s.experienceYears} >= ${v.experienceYears} then 15 else 0 end)
    + (case when ${s.prefSalaryMin} is null or ${v.wageMax} is null or ${v.wageMax} >= ${s.prefSalaryMin} then 5 else 0 end)
    + (case when cardinality(${s.prefTypes}) = 0 or ${v.type} = any(${s.prefTypes}) then 5 else 0 end)
  )::int`;
}

/** The parts of the score, for the rows of one page (then turned into words by `explain`). */
export function matchParts(v: VacancySide, s: SeekerSide): SQL<MatchParts> {
  return sql<MatchParts>`json_build_object(
    'edu', ${s.educationRank} >= ${v.educationRank},
    'missingSkills', coalesce((select array_agg(k) from unnest(${v.skills}) k where not (k = any(${s.skills}))), '{}'),
    'skills', cardinality(${v.skills}) > 0,
    'loc', ${v.kecamatan} is null or ${v.kecamatan} = ${s.kecamatan} or ${v.kecamatan} = any(${s.prefKecamatan}),
    'expGap', greatest(${v.experienceYears} - ${s.experienceYears}, 0),
    'wage', ${s.prefSalaryMin} is null or ${v.wageMax} is null or ${v.wageMax} >= ${s.prefSalaryMin},
    'type', cardinality(${s.prefTypes}) = 0 or ${v.type} = any(${s.prefTypes})
  )`;
}

export type MatchParts = {
  edu: boolean;
  missingSkills: string[];
  skills: boolean;
  loc: boolean;
  expGap: number;
  wage: boolean;
  type: boolean;
};

/** "cocok: pendidikan, lokasi; kurang: pengalaman 2 tahun" as data (the web words it per language). */
export function explain(p: MatchParts): MatchExplanation {
  const matched: string[] = [];
  const missing: MatchExplanation['missing'] = [];
  if (p.edu) matched.push('pendidikan');
  else missing.push({ key: 'pendidikan' });
  if (p.missingSkills.length === 0) {
    if (p.skills) matched.push('keahlian');
  } else missing.push({ key: 'keahlian', skills: p.missingSkills });
  if (p.loc) matched.push('lokasi');
  else missing.push({ key: 'lokasi' });
  if (p.expGap === 0) matched.push('pengalaman');
  else missing.push({ key: 'pengalaman', years: p.expGap });
  if (p.wage) matched.push('gaji');
  else missing.push({ key: 'gaji' });
  if (p.type) matched.push('jenis');
  else missing.push({ key: 'jenis' });
  return { matched, missing };
}

/** Bound values of one seeker (for ranking vacancies). */
export function seekerValues(s: {
  educationRank: number;
  skills: string[];
  kecamatan: string;
  experienceYears: number;
  prefKecamatan: string[];
  prefSalaryMin: number | null;
  prefTypes: string[];
}): SeekerSide {
  const arr = (a: string[]) =>
    sql`${`{${a.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
  return {
    educationRank: sql`${s.educationRank}::int`,
    skills: arr(s.skills),
    skillList: s.skills,
    kecamatan: sql`${s.kecamatan}::text`,
    experienceYears: sql`${s.experienceYears}::int`,
    prefKecamatan: arr(s.prefKecamatan),
    prefSalaryMin: sql`${s.prefSalaryMin}::int`,
    prefTypes: arr(s.prefTypes),
  };
}

/** Columns of a vacancy row aliased `v`. */
export const vacancyColumns: VacancySide = {
  educationRank: sql`v.education_rank`,
  skills: sql`v.skills`,
  kecamatan: sql`v.kecamatan`,
  experienceYears: sql`v.experience_years`,
  wageMax: sql`v.wage_max`,
  type: sql`v.type`,
};

/** Columns of a seeker row aliased `s`. */
export const seekerColumns: SeekerSide = {
  educationRank: sql`s.education_rank`,
  skills: sql`s.skills`,
  kecamatan: sql`s.kecamatan`,
  experienceYears: sql`s.experience_years`,
  prefKecamatan: sql`s.pref_kecamatan`,
  prefSalaryMin: sql`s.pref_salary_min`,
  prefTypes: sql`s.pref_types`,
};

/** Bound values of one vacancy (for the explanation of its applicants' scores). */
export function vacancyValues(v: {
  educationRank: number;
  skills: string[];
  kecamatan: string | null;
  experienceYears: number;
  wageMax: number | null;
  type: string;
}): VacancySide {
  const arr = (a: string[]) =>
    sql`${`{${a.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
  return {
    educationRank: sql`${v.educationRank}::int`,
    skills: arr(v.skills),
    skillList: v.skills,
    kecamatan: sql`${v.kecamatan}::text`,
    experienceYears: sql`${v.experienceYears}::int`,
    wageMax: sql`${v.wageMax}::int`,
    type: sql`${v.type}::text`,
  };
}
