import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { VacancyCard, VacancyView, vacancySearch } from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import {
  explain,
  type MatchParts,
  matchParts,
  matchScore,
  type SeekerSide,
  seekerValues,
  vacancyColumns,
} from './matching';
import { seekerOf } from './seekers';
import { todayIn } from './settings';

type Query = z.infer<typeof vacancySearch>;
type CardRow = {
  id: string;
  title: string;
  employer_name: string;
  position: string;
  education: VacancyCard['education'];
  kecamatan: string | null;
  kecamatan_name: string | null;
  location: string;
  type: VacancyCard['type'];
  wage_min: number | null;
  wage_max: number | null;
  valid_until: string;
  disability_friendly: boolean;
  score: number | null;
  parts: MatchParts | null;
  total: number;
};

const like = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Open vacancies (verified, within validity), filtered, newest first — or, for a signed-in seeker
 * with a profile and `sort=cocok`, by match score computed in the database (matching.ts). The
 * score ranks every open vacancy in one pass over the partial `siap_kerja_vacancy_open_idx`; the
 * explanation is built only for the rows of the page.
 */
export async function searchVacancies(
  tx: Tx,
  userId: string | null,
  q: Query,
): Promise<{ items: VacancyCard[]; total: number }> {
  const seeker = userId ? await seekerOf(tx, userId) : null;
  const today = await todayIn(tx);
  const res = (await tx.execute(
    vacancyPageSql(seeker ? seekerValues(seeker) : null, q, today),
  )) as unknown as { rows: CardRow[] };
  const rows = res.rows;
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      employerName: r.employer_name,
      position: r.position,
      education: r.education,
      kecamatan: r.kecamatan,
      kecamatanName: r.kecamatan_name,
      location: r.location,
      type: r.type,
      wageMin: r.wage_min,
      wageMax: r.wage_max,
      validUntil: r.valid_until,
      disabilityFriendly: r.disability_friendly,
      score: r.score === null ? null : Number(r.score),
      explanation: r.parts ? explain(r.parts) : null,
    })),
  };
}

/**
 * The one query behind the list (and `npm run bench:kerja`): open vacancies passing the filters,
 * with the seeker's score when `side` is given, one page ordered by it (`sort=cocok`) or newest
 * first; the explanation parts only for the page's rows.
 */
export function vacancyPageSql(side: SeekerSide | null, q: Query, today: string): SQL {
  const filters: SQL[] = [
    sql`v.status = 'terbuka'`,
    sql`v.valid_until >= ${today}`,
    sql`v.valid_from <= ${today}`,
  ];
  if (q.q)
    filters.push(sql`(v.title ilike ${like(q.q)} or v.position ilike ${like(q.q)} or exists (select 1
      from siap_kerja_employer e where e.region_id = v.region_id and e.id = v.employer_id and e.name ilike ${like(q.q)}))`);
  if (q.kecamatan) filters.push(sql`v.kecamatan = ${q.kecamatan}`);
  if (q.position) filters.push(sql`v.position ilike ${like(q.position)}`);
  if (q.education) filters.push(sql`v.education = ${q.education}`);
  if (q.wageMin !== undefined) filters.push(sql`coalesce(v.wage_max, v.wage_min, 0) >= ${q.wageMin}`);
  if (q.type) filters.push(sql`v.type = ${q.type}`);
  if (q.disabilityFriendly === 'true') filters.push(sql`v.disability_friendly`);
  const where = sql.join(filters, sql` and `);
  const score = side ? matchScore(vacancyColumns, side) : sql`null::int`;
  const byScore = side && q.sort === 'cocok';
  const order = byScore ? sql`score desc, published_at desc, id` : sql`published_at desc, id`;
  const parts = side ? matchParts(vacancyColumns, side) : sql`null::json`;
  // Scored in one pass over the open vacancies' covering index (siap_kerja_vacancy_match_idx), only
  // the columns the score reads; the page's 20 rows are then joined to their details.
  return sql`
    with scored as materialized (
      select v.id, v.published_at, ${score} as score
      from siap_kerja_vacancy v
      where ${where}),
    page as (select * from scored order by ${order} limit ${q.limit} offset ${q.offset})
    select v.id, v.title, e.name as employer_name, v.position, v.education, v.kecamatan, v.location, v.type,
      v.wage_min, v.wage_max, v.valid_until::text as valid_until, v.disability_friendly, p.score,
      ${parts} as parts, (select count(*) from scored) as total,
      (select a.name from region_area a where a.region_id = v.region_id and a.code = v.kecamatan) as kecamatan_name
    from page p
    join siap_kerja_vacancy v on v.id = p.id
    join siap_kerja_employer e on e.region_id = v.region_id and e.id = v.employer_id
    order by ${byScore ? sql`p.score desc, p.published_at desc, p.id` : sql`p.published_at desc, p.id`}`;
}

/** Whether a vacancy is open to applications today. */
export const isOpen = (v: Pick<VacancyView, 'status' | 'validFrom' | 'validUntil'>, today: string) =>
  v.status === 'terbuka' && v.validFrom <= today && v.validUntil >= today;

/** schema.org JobPosting (https://schema.org/JobPosting, Google's required + recommended fields). */
export function jobPosting(
  v: VacancyView,
  region: { name: string; code: string },
  url: string,
): Record<string, unknown> {
  const employmentType: Record<VacancyView['type'], string> = {
    penuh_waktu: 'FULL_TIME',
    paruh_waktu: 'PART_TIME',
    kontrak: 'CONTRACTOR',
    magang: 'INTERN',
    harian: 'TEMPORARY',
  };
  const education: Record<VacancyView['education'], string | null> = {
    tidak_sekolah: null,
    sd: 'primary school',
    smp: 'middle school',
    sma: 'high school',
    smk: 'high school',
    d3: 'associate degree',
    s1: 'bachelor degree',
    s2: 'postgraduate degree',
    s3: 'postgraduate degree',
  };
  return {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: v.title,
    description: v.description,
    identifier: { '@type': 'PropertyValue', name: v.employerName, value: v.id },
    datePosted: (v.publishedAt ?? v.createdAt).slice(0, 10),
    validThrough: `${v.validUntil}T23:59:59+07:00`,
    employmentType: employmentType[v.type],
    hiringOrganization: { '@type': 'Organization', name: v.employerName },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        streetAddress: v.location,
        addressLocality: v.kecamatanName ?? region.name,
        addressRegion: region.name,
        addressCountry: 'ID',
      },
    },
    totalJobOpenings: v.count,
    ...(education[v.education]
      ? {
          educationRequirements: {
            '@type': 'EducationalOccupationalCredential',
            credentialCategory: education[v.education],
          },
        }
      : {}),
    ...(v.experienceYears > 0
      ? {
          experienceRequirements: {
            '@type': 'OccupationalExperienceRequirements',
            monthsOfExperience: v.experienceYears * 12,
          },
        }
      : {}),
    ...(v.skills.length ? { skills: v.skills.join(', ') } : {}),
    ...(v.wageMin !== null || v.wageMax !== null
      ? {
          baseSalary: {
            '@type': 'MonetaryAmount',
            currency: 'IDR',
            value: {
              '@type': 'QuantitativeValue',
              ...(v.wageMin !== null ? { minValue: v.wageMin } : {}),
              ...(v.wageMax !== null ? { maxValue: v.wageMax } : {}),
              unitText: 'MONTH',
            },
          },
        }
      : {}),
    ...(v.benefits ? { jobBenefits: v.benefits } : {}),
    ...(v.hours ? { workHours: v.hours } : {}),
    url,
  };
}
