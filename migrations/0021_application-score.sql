ALTER TABLE "siap_kerja_application" ADD COLUMN "score" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "siap_kerja_application_rank_idx" ON "siap_kerja_application" USING btree ("region_id","vacancy_id","score" DESC NULLS LAST,"created_at","id") WHERE status <> 'ditarik';--> statement-breakpoint
-- The match score of an application, kept by the database (the same formula as matchScore in
-- api/modules/siap-kerja/matching.ts, both sides as columns; a test compares the two on every
-- application). A vacancy's ranked applicant list then reads siap_kerja_application_rank_idx in
-- order instead of scoring every applicant: a popular vacancy has thousands.
CREATE FUNCTION siap_kerja_match_score(v siap_kerja_vacancy, s siap_kerja_seeker) RETURNS smallint
LANGUAGE sql STABLE SET search_path = pg_catalog, public
AS $$
  SELECT (
    (case when s.education_rank >= v.education_rank then 30 else 0 end)
    + round(25 * (case when cardinality(v.skills) = 0 then 1.0 else
    (select count(*) from unnest(v.skills) k where k = any(s.skills))::float8 / cardinality(v.skills) end))
    + (case when v.kecamatan is null or v.kecamatan = s.kecamatan or v.kecamatan = any(s.pref_kecamatan) then 20 else 0 end)
    + (case when s.experience_years >= v.experience_years then 15 else 0 end)
    + (case when s.pref_salary_min is null or v.wage_max is null or v.wage_max >= s.pref_salary_min then 5 else 0 end)
    + (case when cardinality(s.pref_types) = 0 or v.type = any(s.pref_types) then 5 else 0 end)
  )::smallint
$$;--> statement-breakpoint
-- A new application (or one moved to another vacancy or seeker) is scored as it is written.
CREATE FUNCTION siap_kerja_application_score() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public
AS $$
BEGIN
  SELECT siap_kerja_match_score(v, s) INTO NEW.score
  FROM siap_kerja_vacancy v, siap_kerja_seeker s
  WHERE v.region_id = NEW.region_id AND v.id = NEW.vacancy_id
    AND s.region_id = NEW.region_id AND s.id = NEW.seeker_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER siap_kerja_application_score BEFORE INSERT OR UPDATE OF vacancy_id, seeker_id
  ON siap_kerja_application FOR EACH ROW EXECUTE FUNCTION siap_kerja_application_score();--> statement-breakpoint
-- A vacancy whose matched fields change rescores its applications.
CREATE FUNCTION siap_kerja_vacancy_rescore() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public
AS $$
BEGIN
  UPDATE siap_kerja_application a SET score = siap_kerja_match_score(NEW, s)
  FROM siap_kerja_seeker s
  WHERE a.region_id = NEW.region_id AND a.vacancy_id = NEW.id
    AND s.region_id = a.region_id AND s.id = a.seeker_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER siap_kerja_vacancy_rescore AFTER UPDATE ON siap_kerja_vacancy FOR EACH ROW
  WHEN ((OLD.education_rank, OLD.skills, OLD.kecamatan, OLD.experience_years, OLD.wage_max, OLD.type)
    IS DISTINCT FROM (NEW.education_rank, NEW.skills, NEW.kecamatan, NEW.experience_years, NEW.wage_max, NEW.type))
  EXECUTE FUNCTION siap_kerja_vacancy_rescore();--> statement-breakpoint
-- A seeker whose matched fields change rescores their applications.
CREATE FUNCTION siap_kerja_seeker_rescore() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public
AS $$
BEGIN
  UPDATE siap_kerja_application a SET score = siap_kerja_match_score(v, NEW)
  FROM siap_kerja_vacancy v
  WHERE a.region_id = NEW.region_id AND a.seeker_id = NEW.id
    AND v.region_id = a.region_id AND v.id = a.vacancy_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER siap_kerja_seeker_rescore AFTER UPDATE ON siap_kerja_seeker FOR EACH ROW
  WHEN ((OLD.education_rank, OLD.skills, OLD.kecamatan, OLD.experience_years, OLD.pref_kecamatan,
    OLD.pref_salary_min, OLD.pref_types)
    IS DISTINCT FROM (NEW.education_rank, NEW.skills, NEW.kecamatan, NEW.experience_years,
    NEW.pref_kecamatan, NEW.pref_salary_min, NEW.pref_types))
  EXECUTE FUNCTION siap_kerja_seeker_rescore();--> statement-breakpoint
UPDATE siap_kerja_application a SET score = siap_kerja_match_score(v, s)
FROM siap_kerja_vacancy v, siap_kerja_seeker s
WHERE v.region_id = a.region_id AND v.id = a.vacancy_id AND s.region_id = a.region_id AND s.id = a.seeker_id;
