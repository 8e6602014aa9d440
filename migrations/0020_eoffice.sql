CREATE TABLE "eoffice_assignment" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"position_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text DEFAULT 'definitif' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eoffice_assignment_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "eoffice_assignment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_classification" (
	"region_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active_years" smallint NOT NULL,
	"inactive_years" smallint NOT NULL,
	"final" text NOT NULL,
	CONSTRAINT "eoffice_classification_region_id_code_pk" PRIMARY KEY("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "eoffice_classification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_disposition" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"letter_id" uuid NOT NULL,
	"parent_id" uuid,
	"from_position_id" uuid NOT NULL,
	"to_position_id" uuid NOT NULL,
	"instructions" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"due_on" date,
	"state" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"done_note" text,
	"overdue_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "eoffice_disposition_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "eoffice_disposition" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_letter" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"direction" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"opd_id" uuid NOT NULL,
	"from_position_id" uuid,
	"author_id" uuid,
	"subject" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"classification_code" text NOT NULL,
	"urgency" text DEFAULT 'biasa' NOT NULL,
	"confidentiality" text DEFAULT 'biasa' NOT NULL,
	"signer_position_id" uuid,
	"number" text,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"signed_by_name" text,
	"signed_as" text,
	"document_id" uuid,
	"file_id" uuid,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"attachment_text" text,
	"refers_to_id" uuid,
	"sender_name" text,
	"sender_number" text,
	"sender_date" date,
	"received_on" date,
	"round" smallint DEFAULT 1 NOT NULL,
	"dated" date,
	"archive_state" text DEFAULT 'aktif' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce("eoffice_letter"."number", '') || ' ' || "eoffice_letter"."subject" || ' ' || "eoffice_letter"."body_text" || ' ' || coalesce("eoffice_letter"."sender_name", '') || ' ' || coalesce("eoffice_letter"."sender_number", '') || ' ' || left(coalesce("eoffice_letter"."attachment_text", ''), 200000))) STORED NOT NULL,
	CONSTRAINT "eoffice_letter_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "eoffice_letter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_position" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"opd_id" uuid NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" uuid,
	"registers_incoming" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eoffice_position_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "eoffice_position" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_recipient" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"letter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position_id" uuid,
	"external_name" text,
	"external_email" text,
	"agenda_number" text,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"read_by" uuid,
	"done_at" timestamp with time zone,
	CONSTRAINT "eoffice_recipient_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "eoffice_recipient" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_retention" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"action" text NOT NULL,
	"opd_id" uuid,
	"state" text DEFAULT 'proposed' NOT NULL,
	"letter_ids" uuid[] NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_by_name" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eoffice_retention_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "eoffice_retention" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_review" (
	"region_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"round" smallint NOT NULL,
	"seq" smallint NOT NULL,
	"position_id" uuid NOT NULL,
	"role" text NOT NULL,
	"state" text NOT NULL,
	"acted_by" uuid,
	"acted_by_name" text,
	"acted_as" text,
	"acted_at" timestamp with time zone,
	"comment" text,
	"pending_since" timestamp with time zone,
	CONSTRAINT "eoffice_review_region_id_letter_id_round_seq_pk" PRIMARY KEY("region_id","letter_id","round","seq")
);
--> statement-breakpoint
ALTER TABLE "eoffice_review" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "eoffice_series" (
	"region_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" smallint NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "eoffice_series_region_id_series_year_pk" PRIMARY KEY("region_id","series","year")
);
--> statement-breakpoint
ALTER TABLE "eoffice_series" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "eoffice_assignment" ADD CONSTRAINT "eoffice_assignment_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_assignment" ADD CONSTRAINT "eoffice_assignment_region_id_position_id_eoffice_position_region_id_id_fk" FOREIGN KEY ("region_id","position_id") REFERENCES "public"."eoffice_position"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_assignment" ADD CONSTRAINT "eoffice_assignment_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_classification" ADD CONSTRAINT "eoffice_classification_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_disposition" ADD CONSTRAINT "eoffice_disposition_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_disposition" ADD CONSTRAINT "eoffice_disposition_region_id_letter_id_eoffice_letter_region_id_id_fk" FOREIGN KEY ("region_id","letter_id") REFERENCES "public"."eoffice_letter"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_disposition" ADD CONSTRAINT "eoffice_disposition_region_id_parent_id_eoffice_disposition_region_id_id_fk" FOREIGN KEY ("region_id","parent_id") REFERENCES "public"."eoffice_disposition"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_disposition" ADD CONSTRAINT "eoffice_disposition_region_id_to_position_id_eoffice_position_region_id_id_fk" FOREIGN KEY ("region_id","to_position_id") REFERENCES "public"."eoffice_position"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_letter" ADD CONSTRAINT "eoffice_letter_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_letter" ADD CONSTRAINT "eoffice_letter_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_letter" ADD CONSTRAINT "eoffice_letter_region_id_from_position_id_eoffice_position_region_id_id_fk" FOREIGN KEY ("region_id","from_position_id") REFERENCES "public"."eoffice_position"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_letter" ADD CONSTRAINT "eoffice_letter_region_id_refers_to_id_eoffice_letter_region_id_id_fk" FOREIGN KEY ("region_id","refers_to_id") REFERENCES "public"."eoffice_letter"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_position" ADD CONSTRAINT "eoffice_position_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_position" ADD CONSTRAINT "eoffice_position_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_position" ADD CONSTRAINT "eoffice_position_region_id_parent_id_eoffice_position_region_id_id_fk" FOREIGN KEY ("region_id","parent_id") REFERENCES "public"."eoffice_position"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_recipient" ADD CONSTRAINT "eoffice_recipient_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_recipient" ADD CONSTRAINT "eoffice_recipient_region_id_letter_id_eoffice_letter_region_id_id_fk" FOREIGN KEY ("region_id","letter_id") REFERENCES "public"."eoffice_letter"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_recipient" ADD CONSTRAINT "eoffice_recipient_region_id_position_id_eoffice_position_region_id_id_fk" FOREIGN KEY ("region_id","position_id") REFERENCES "public"."eoffice_position"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_retention" ADD CONSTRAINT "eoffice_retention_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_review" ADD CONSTRAINT "eoffice_review_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_review" ADD CONSTRAINT "eoffice_review_region_id_letter_id_eoffice_letter_region_id_id_fk" FOREIGN KEY ("region_id","letter_id") REFERENCES "public"."eoffice_letter"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eoffice_series" ADD CONSTRAINT "eoffice_series_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eoffice_assignment_user_idx" ON "eoffice_assignment" USING btree ("region_id","user_id");--> statement-breakpoint
CREATE INDEX "eoffice_assignment_position_idx" ON "eoffice_assignment" USING btree ("region_id","position_id");--> statement-breakpoint
CREATE INDEX "eoffice_disposition_letter_idx" ON "eoffice_disposition" USING btree ("region_id","letter_id");--> statement-breakpoint
CREATE INDEX "eoffice_disposition_parent_idx" ON "eoffice_disposition" USING btree ("region_id","parent_id") WHERE parent_id is not null;--> statement-breakpoint
CREATE INDEX "eoffice_disposition_inbox_idx" ON "eoffice_disposition" USING btree ("region_id","to_position_id","state","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "eoffice_disposition_due_idx" ON "eoffice_disposition" USING btree ("region_id","due_on") WHERE state = 'open' and due_on is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "eoffice_letter_number_uq" ON "eoffice_letter" USING btree ("region_id","opd_id","direction","number") WHERE number is not null;--> statement-breakpoint
CREATE INDEX "eoffice_letter_author_idx" ON "eoffice_letter" USING btree ("region_id","from_position_id","status","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "eoffice_letter_archive_idx" ON "eoffice_letter" USING btree ("region_id","opd_id","dated" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "eoffice_letter_dated_idx" ON "eoffice_letter" USING btree ("region_id","dated" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "eoffice_letter_search_idx" ON "eoffice_letter" USING gin ("region_id","search");--> statement-breakpoint
CREATE INDEX "eoffice_letter_number_idx" ON "eoffice_letter" USING btree ("region_id","number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "eoffice_letter_sender_number_idx" ON "eoffice_letter" USING btree ("region_id","sender_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "eoffice_letter_refers_idx" ON "eoffice_letter" USING btree ("region_id","refers_to_id") WHERE refers_to_id is not null;--> statement-breakpoint
CREATE INDEX "eoffice_position_opd_idx" ON "eoffice_position" USING btree ("region_id","opd_id");--> statement-breakpoint
CREATE INDEX "eoffice_position_parent_idx" ON "eoffice_position" USING btree ("region_id","parent_id");--> statement-breakpoint
CREATE INDEX "eoffice_recipient_letter_idx" ON "eoffice_recipient" USING btree ("region_id","letter_id");--> statement-breakpoint
CREATE INDEX "eoffice_recipient_done_idx" ON "eoffice_recipient" USING btree ("region_id","position_id","delivered_at" DESC NULLS LAST) WHERE delivered_at is not null and done_at is not null;--> statement-breakpoint
CREATE INDEX "eoffice_recipient_todo_idx" ON "eoffice_recipient" USING btree ("region_id","position_id","delivered_at" DESC NULLS LAST) WHERE delivered_at is not null and done_at is null;--> statement-breakpoint
CREATE INDEX "eoffice_review_pending_idx" ON "eoffice_review" USING btree ("region_id","position_id","pending_since" DESC NULLS LAST) WHERE state = 'pending';--> statement-breakpoint
CREATE POLICY "eoffice_assignment_region_isolation" ON "eoffice_assignment" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_assignment_platform" ON "eoffice_assignment" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_classification_region_isolation" ON "eoffice_classification" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_classification_platform" ON "eoffice_classification" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_disposition_region_isolation" ON "eoffice_disposition" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_disposition_platform" ON "eoffice_disposition" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_letter_region_isolation" ON "eoffice_letter" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_letter_platform" ON "eoffice_letter" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_position_region_isolation" ON "eoffice_position" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_position_platform" ON "eoffice_position" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_recipient_region_isolation" ON "eoffice_recipient" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_recipient_platform" ON "eoffice_recipient" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_retention_region_isolation" ON "eoffice_retention" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_retention_platform" ON "eoffice_retention" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_review_region_isolation" ON "eoffice_review" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_review_platform" ON "eoffice_review" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "eoffice_series_region_isolation" ON "eoffice_series" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "eoffice_series_platform" ON "eoffice_series" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- A signed (or registered) letter is immutable: a correction is a new letter referring to it. Only
-- its read state, archive state and — when an approved retention destroys it (musnah) — the purge
-- of its content may change; the record of what was destroyed stays. Drafts may be discarded.
CREATE FUNCTION eoffice_letter_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF OLD.status NOT IN ('signed', 'registered') THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'eoffice: a signed or registered letter is never deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'eoffice_letter_immutable';
  END IF;
  IF NEW.archive_state = 'musnah' AND OLD.archive_state <> 'musnah' THEN
    NEW.body := ''; NEW.body_text := ''; NEW.attachment_ids := '{}'; NEW.attachment_text := NULL; NEW.file_id := NULL;
    RETURN NEW;
  END IF;
  IF (NEW.direction, NEW.type, NEW.status, NEW.opd_id, NEW.from_position_id, NEW.subject, NEW.body, NEW.body_text,
      NEW.classification_code, NEW.urgency, NEW.confidentiality, NEW.signer_position_id, NEW.number, NEW.signed_at,
      NEW.signed_by, NEW.signed_as, NEW.document_id, NEW.file_id, NEW.attachment_ids, NEW.refers_to_id,
      NEW.sender_name, NEW.sender_number, NEW.sender_date, NEW.received_on, NEW.dated)
     IS DISTINCT FROM
     (OLD.direction, OLD.type, OLD.status, OLD.opd_id, OLD.from_position_id, OLD.subject, OLD.body, OLD.body_text,
      OLD.classification_code, OLD.urgency, OLD.confidentiality, OLD.signer_position_id, OLD.number, OLD.signed_at,
      OLD.signed_by, OLD.signed_as, OLD.document_id, OLD.file_id, OLD.attachment_ids, OLD.refers_to_id,
      OLD.sender_name, OLD.sender_number, OLD.sender_date, OLD.received_on, OLD.dated) THEN
    RAISE EXCEPTION 'eoffice: a signed or registered letter is immutable; write a correction that refers to it' USING ERRCODE = 'check_violation', CONSTRAINT = 'eoffice_letter_immutable';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER eoffice_letter_guard BEFORE UPDATE OR DELETE ON eoffice_letter
  FOR EACH ROW EXECUTE FUNCTION eoffice_letter_guard();--> statement-breakpoint
-- Archive search: the one door to the (region_id, search) GIN index under row-level security, as
-- laksa_search_door (0019): owned by simpul_search, which may read only these columns, filtering
-- by the transaction's app.region_id. Returns the ids of the newest k (≤ 2,000) matches of the
-- region (of one OPD when opd is given); the caller applies who may see what under RLS.
GRANT SELECT ("region_id", "id", "opd_id", "dated", "search") ON "eoffice_letter" TO simpul_search;--> statement-breakpoint
CREATE POLICY "eoffice_letter_search_door" ON "eoffice_letter" AS PERMISSIVE FOR SELECT TO simpul_search USING (true);--> statement-breakpoint
CREATE FUNCTION eoffice_search_door(q text, opd uuid, k integer)
RETURNS TABLE (id uuid, dated date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
ROWS 100
AS $$
DECLARE
  region uuid := nullif(current_setting('app.region_id', true), '')::uuid;
  query tsquery := websearch_to_tsquery('simple', q);
  wanted integer := least(greatest(k, 0), 2000);
  found_n integer;
BEGIN
  -- A common term fills its k among the 5,000 newest letters (an index walk); a rare one is
  -- answered by the GIN index, which then holds few matches. Two spellings of the walk, so each
  -- keeps its own index in a cached plan.
  IF opd IS NULL THEN
    RETURN QUERY
      SELECT w.id, w.dated FROM (
        SELECT l.id, l.dated, l.search FROM public.eoffice_letter l
        WHERE l.region_id = region AND l.dated IS NOT NULL
        ORDER BY l.dated DESC NULLS LAST, l.id DESC NULLS LAST
        LIMIT 5000
      ) w
      WHERE w.search @@ query
      LIMIT wanted;
  ELSE
    RETURN QUERY
      SELECT w.id, w.dated FROM (
        SELECT l.id, l.dated, l.search FROM public.eoffice_letter l
        WHERE l.region_id = region AND l.opd_id = opd AND l.dated IS NOT NULL
        ORDER BY l.dated DESC NULLS LAST, l.id DESC NULLS LAST
        LIMIT 5000
      ) w
      WHERE w.search @@ query
      LIMIT wanted;
  END IF;
  GET DIAGNOSTICS found_n = ROW_COUNT;
  IF found_n = wanted THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT m.id, m.dated FROM (
      SELECT l.id, l.dated FROM public.eoffice_letter l
      WHERE l.region_id = region AND l.search @@ query AND (opd IS NULL OR l.opd_id = opd) AND l.dated IS NOT NULL
      OFFSET 0
    ) m
    ORDER BY m.dated DESC NULLS LAST, m.id DESC NULLS LAST
    OFFSET found_n
    LIMIT wanted - found_n;
END
$$;--> statement-breakpoint
GRANT CREATE ON SCHEMA public TO simpul_search;--> statement-breakpoint
ALTER FUNCTION eoffice_search_door(text, uuid, integer) OWNER TO simpul_search;--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM simpul_search;--> statement-breakpoint
REVOKE ALL ON FUNCTION eoffice_search_door(text, uuid, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION eoffice_search_door(text, uuid, integer) TO simpul_app;
