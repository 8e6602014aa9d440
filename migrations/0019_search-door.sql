-- LAKSA search: the one door to the (region_id, search) GIN index under row-level security.
-- As simpul_app, `@@` (not LEAKPROOF) may not be an index condition below the region policy, so
-- a search read the region newest-first until the page was full: a term found nowhere read all of
-- it. This function runs as simpul_search, whose only policy on laksa_report is `true` (which
-- lets the planner use the index) and which may read only region_id, id, created_at and search. Tenancy stays
-- in the database: the function filters by the transaction's app.region_id — the same setting the
-- region policies read, never a value the caller passes — so it can return no more than RLS would.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'simpul_search') THEN
    CREATE ROLE simpul_search NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, 'simpul_search', 'MEMBER') THEN
    EXECUTE format('GRANT simpul_search TO %I', current_user);
  END IF;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO simpul_search;--> statement-breakpoint
GRANT SELECT ("region_id", "id", "created_at", "search") ON "laksa_report" TO simpul_search;--> statement-breakpoint
CREATE POLICY "laksa_report_search_door" ON "laksa_report" AS PERMISSIVE FOR SELECT TO simpul_search USING (true);--> statement-breakpoint
-- The newest k (≤ 5,000) reports of the session's region that match q (websearch syntax) and come
-- before the cursor (before_at, before_id; null = from the newest), newest first. Two bounded ways:
-- a common term fills its k within the 5,000 newest reports before the cursor (an index walk,
-- ≈ 0.4 µs a row); otherwise the GIN index gives every match (≈ 2.5 µs each), which are few for
-- such a term, sorted. At 110,000 reports the two cost the same near 1,000 matches, so any term
-- costs at most about a 5,000-row walk plus 1,000 matches, where a term found nowhere used to read
-- the whole region.
CREATE FUNCTION laksa_search_door(q text, before_at timestamptz, before_id uuid, k integer)
RETURNS TABLE (id uuid, created_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  region uuid := nullif(current_setting('app.region_id', true), '')::uuid;
  query tsquery := websearch_to_tsquery('simple', q);
  wanted integer := least(greatest(k, 0), 5000);
  found_n integer;
BEGIN
  RETURN QUERY
    SELECT w.id, w.created_at FROM (
      SELECT r.id, r.created_at, r.search FROM public.laksa_report r
      WHERE r.region_id = region
        -- written so that `created_at <=` is an index condition in a cached (generic) plan too
        AND r.created_at <= coalesce(before_at, 'infinity')
        AND (r.created_at < coalesce(before_at, 'infinity') OR (r.created_at = before_at AND r.id < before_id))
      ORDER BY r.created_at DESC NULLS LAST, r.id DESC
      LIMIT 5000
    ) w
    WHERE w.search @@ query
    LIMIT wanted;
  GET DIAGNOSTICS found_n = ROW_COUNT;
  IF found_n = wanted THEN
    RETURN;
  END IF;
  -- Fewer than k among those 5,000: the rest come from the index, after those already returned.
  RETURN QUERY
    SELECT m.id, m.created_at FROM (
      SELECT r.id, r.created_at FROM public.laksa_report r
      WHERE r.region_id = region AND r.search @@ query
      OFFSET 0 -- planned on its own: the index, never the walk again
    ) m
    WHERE m.created_at < coalesce(before_at, 'infinity') OR (m.created_at = before_at AND m.id < before_id)
    ORDER BY m.created_at DESC NULLS LAST, m.id DESC
    OFFSET found_n
    LIMIT wanted - found_n;
END
$$;--> statement-breakpoint
-- The owner must be able to create in the schema at the moment of the change (PostgreSQL's rule
-- for ALTER … OWNER); it keeps no such right afterwards.
GRANT CREATE ON SCHEMA public TO simpul_search;--> statement-breakpoint
ALTER FUNCTION laksa_search_door(text, timestamptz, uuid, integer) OWNER TO simpul_search;--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM simpul_search;--> statement-breakpoint
REVOKE ALL ON FUNCTION laksa_search_door(text, timestamptz, uuid, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION laksa_search_door(text, timestamptz, uuid, integer) TO simpul_app;
