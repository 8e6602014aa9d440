CREATE TABLE "issued_document" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"holder_name" text NOT NULL,
	"subject_id" uuid,
	"photo_file_id" uuid,
	"status" text DEFAULT 'valid' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"code" text NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	CONSTRAINT "issued_document_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "issued_document" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_ak1" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seeker_id" uuid NOT NULL,
	"nik" text NOT NULL,
	"status" text DEFAULT 'diajukan' NOT NULL,
	"number" text,
	"document_id" uuid,
	"note" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"valid_from" date,
	"valid_until" date,
	"last_report_at" timestamp with time zone,
	"next_report_due" date,
	"reminded_for" date,
	CONSTRAINT "siap_kerja_ak1_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_ak1" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_ak1_report" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ak1_id" uuid NOT NULL,
	"status" text NOT NULL,
	"employer_name" text,
	"started_on" date,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_ak1_report_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_ak1_report" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_application" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"seeker_id" uuid NOT NULL,
	"status" text DEFAULT 'dilamar' NOT NULL,
	"message" text,
	"interview_at" timestamp with time zone,
	"employer_note" text,
	"message_to_applicant" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_application_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "siap_kerja_application_uq" UNIQUE("region_id","vacancy_id","seeker_id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_application" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_employer" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"nib" text NOT NULL,
	"kbli" text NOT NULL,
	"sector" text NOT NULL,
	"address" text NOT NULL,
	"kecamatan" text,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"website" text,
	"status" text DEFAULT 'menunggu' NOT NULL,
	"note" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_employer_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "siap_kerja_employer_nib_uq" UNIQUE("region_id","nib")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_employer" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_job_fair" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text,
	"online" boolean DEFAULT false NOT NULL,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_job_fair_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_job_fair" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_job_fair_employer" (
	"region_id" uuid NOT NULL,
	"fair_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	CONSTRAINT "siap_kerja_job_fair_employer_region_id_fair_id_employer_id_pk" PRIMARY KEY("region_id","fair_id","employer_id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_job_fair_employer" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_seeker" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"nik" text NOT NULL,
	"name" text NOT NULL,
	"birth_place" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"marital_status" text NOT NULL,
	"religion" text NOT NULL,
	"address" text NOT NULL,
	"kecamatan" text NOT NULL,
	"kelurahan" text,
	"phone" text,
	"education" text NOT NULL,
	"education_rank" smallint NOT NULL,
	"major" text,
	"school" text,
	"graduation_year" integer,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"experience" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"experience_years" smallint DEFAULT 0 NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"disability" text,
	"photo_file_id" uuid,
	"cv_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"pref_kecamatan" text[] DEFAULT '{}'::text[] NOT NULL,
	"pref_positions" text[] DEFAULT '{}'::text[] NOT NULL,
	"pref_salary_min" integer,
	"pref_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"employed" boolean DEFAULT false NOT NULL,
	"employed_at" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_seeker_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "siap_kerja_seeker_user_uq" UNIQUE("region_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_seeker" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_vacancy" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" text NOT NULL,
	"description" text NOT NULL,
	"count" integer NOT NULL,
	"filled" integer DEFAULT 0 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"age_min" smallint,
	"age_max" smallint,
	"sex" text,
	"education" text NOT NULL,
	"education_rank" smallint NOT NULL,
	"majors" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"experience_years" smallint DEFAULT 0 NOT NULL,
	"wage_min" integer,
	"wage_max" integer,
	"kecamatan" text,
	"location" text NOT NULL,
	"type" text NOT NULL,
	"hours" text,
	"benefits" text,
	"disability_friendly" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'menunggu' NOT NULL,
	"note" text,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_vacancy_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_vacancy" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_webhook" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_webhook_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_webhook" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "siap_kerja_webhook_delivery" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siap_kerja_webhook_delivery_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "siap_kerja_webhook_delivery" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "issued_document" ADD CONSTRAINT "issued_document_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_ak1" ADD CONSTRAINT "siap_kerja_ak1_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_ak1" ADD CONSTRAINT "siap_kerja_ak1_region_id_seeker_id_siap_kerja_seeker_region_id_id_fk" FOREIGN KEY ("region_id","seeker_id") REFERENCES "public"."siap_kerja_seeker"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_ak1_report" ADD CONSTRAINT "siap_kerja_ak1_report_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_ak1_report" ADD CONSTRAINT "siap_kerja_ak1_report_region_id_ak1_id_siap_kerja_ak1_region_id_id_fk" FOREIGN KEY ("region_id","ak1_id") REFERENCES "public"."siap_kerja_ak1"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_application" ADD CONSTRAINT "siap_kerja_application_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_application" ADD CONSTRAINT "siap_kerja_application_region_id_vacancy_id_siap_kerja_vacancy_region_id_id_fk" FOREIGN KEY ("region_id","vacancy_id") REFERENCES "public"."siap_kerja_vacancy"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_application" ADD CONSTRAINT "siap_kerja_application_region_id_seeker_id_siap_kerja_seeker_region_id_id_fk" FOREIGN KEY ("region_id","seeker_id") REFERENCES "public"."siap_kerja_seeker"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_employer" ADD CONSTRAINT "siap_kerja_employer_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_employer" ADD CONSTRAINT "siap_kerja_employer_region_id_owner_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","owner_user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_job_fair" ADD CONSTRAINT "siap_kerja_job_fair_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_job_fair_employer" ADD CONSTRAINT "siap_kerja_job_fair_employer_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_job_fair_employer" ADD CONSTRAINT "siap_kerja_job_fair_employer_region_id_fair_id_siap_kerja_job_fair_region_id_id_fk" FOREIGN KEY ("region_id","fair_id") REFERENCES "public"."siap_kerja_job_fair"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_job_fair_employer" ADD CONSTRAINT "siap_kerja_job_fair_employer_region_id_employer_id_siap_kerja_employer_region_id_id_fk" FOREIGN KEY ("region_id","employer_id") REFERENCES "public"."siap_kerja_employer"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_seeker" ADD CONSTRAINT "siap_kerja_seeker_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_seeker" ADD CONSTRAINT "siap_kerja_seeker_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_vacancy" ADD CONSTRAINT "siap_kerja_vacancy_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_vacancy" ADD CONSTRAINT "siap_kerja_vacancy_region_id_employer_id_siap_kerja_employer_region_id_id_fk" FOREIGN KEY ("region_id","employer_id") REFERENCES "public"."siap_kerja_employer"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_webhook" ADD CONSTRAINT "siap_kerja_webhook_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_webhook_delivery" ADD CONSTRAINT "siap_kerja_webhook_delivery_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siap_kerja_webhook_delivery" ADD CONSTRAINT "siap_kerja_webhook_delivery_region_id_webhook_id_siap_kerja_webhook_region_id_id_fk" FOREIGN KEY ("region_id","webhook_id") REFERENCES "public"."siap_kerja_webhook"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_document_code_uq" ON "issued_document" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_document_number_uq" ON "issued_document" USING btree ("region_id","kind","number");--> statement-breakpoint
CREATE INDEX "issued_document_subject_idx" ON "issued_document" USING btree ("region_id","kind","subject_id") WHERE subject_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "siap_kerja_ak1_live_nik_uq" ON "siap_kerja_ak1" USING btree ("region_id","nik") WHERE status in ('diajukan', 'perlu_datang', 'terbit');--> statement-breakpoint
CREATE INDEX "siap_kerja_ak1_status_idx" ON "siap_kerja_ak1" USING btree ("region_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "siap_kerja_ak1_seeker_idx" ON "siap_kerja_ak1" USING btree ("region_id","seeker_id");--> statement-breakpoint
CREATE INDEX "siap_kerja_ak1_report_ak1_idx" ON "siap_kerja_ak1_report" USING btree ("region_id","ak1_id");--> statement-breakpoint
CREATE INDEX "siap_kerja_application_seeker_idx" ON "siap_kerja_application" USING btree ("region_id","seeker_id","created_at");--> statement-breakpoint
CREATE INDEX "siap_kerja_employer_owner_idx" ON "siap_kerja_employer" USING btree ("region_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "siap_kerja_employer_status_idx" ON "siap_kerja_employer" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "siap_kerja_job_fair_idx" ON "siap_kerja_job_fair" USING btree ("region_id","starts_on");--> statement-breakpoint
CREATE INDEX "siap_kerja_job_fair_employer_idx" ON "siap_kerja_job_fair_employer" USING btree ("region_id","employer_id");--> statement-breakpoint
CREATE INDEX "siap_kerja_seeker_created_idx" ON "siap_kerja_seeker" USING btree ("region_id","created_at");--> statement-breakpoint
CREATE INDEX "siap_kerja_vacancy_employer_idx" ON "siap_kerja_vacancy" USING btree ("region_id","employer_id","created_at");--> statement-breakpoint
CREATE INDEX "siap_kerja_vacancy_open_idx" ON "siap_kerja_vacancy" USING btree ("region_id","published_at" DESC NULLS LAST,"id") WHERE status = 'terbuka';--> statement-breakpoint
CREATE INDEX "siap_kerja_vacancy_status_idx" ON "siap_kerja_vacancy" USING btree ("region_id","status","valid_until");--> statement-breakpoint
CREATE INDEX "siap_kerja_vacancy_match_idx" ON "siap_kerja_vacancy" USING btree ("region_id","valid_until","valid_from","published_at","id","education_rank","experience_years","kecamatan","wage_max","type","skills") WHERE status = 'terbuka';--> statement-breakpoint
CREATE INDEX "siap_kerja_webhook_delivery_due_idx" ON "siap_kerja_webhook_delivery" USING btree ("region_id","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "siap_kerja_webhook_delivery_webhook_idx" ON "siap_kerja_webhook_delivery" USING btree ("region_id","webhook_id");--> statement-breakpoint
CREATE POLICY "issued_document_region_isolation" ON "issued_document" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "issued_document_platform" ON "issued_document" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_ak1_region_isolation" ON "siap_kerja_ak1" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_ak1_platform" ON "siap_kerja_ak1" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_ak1_report_region_isolation" ON "siap_kerja_ak1_report" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_ak1_report_platform" ON "siap_kerja_ak1_report" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_application_region_isolation" ON "siap_kerja_application" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_application_platform" ON "siap_kerja_application" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_employer_region_isolation" ON "siap_kerja_employer" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_employer_platform" ON "siap_kerja_employer" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_job_fair_region_isolation" ON "siap_kerja_job_fair" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_job_fair_platform" ON "siap_kerja_job_fair" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_job_fair_employer_region_isolation" ON "siap_kerja_job_fair_employer" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_job_fair_employer_platform" ON "siap_kerja_job_fair_employer" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_seeker_region_isolation" ON "siap_kerja_seeker" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_seeker_platform" ON "siap_kerja_seeker" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_vacancy_region_isolation" ON "siap_kerja_vacancy" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_vacancy_platform" ON "siap_kerja_vacancy" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_webhook_region_isolation" ON "siap_kerja_webhook" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_webhook_platform" ON "siap_kerja_webhook" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "siap_kerja_webhook_delivery_region_isolation" ON "siap_kerja_webhook_delivery" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "siap_kerja_webhook_delivery_platform" ON "siap_kerja_webhook_delivery" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);