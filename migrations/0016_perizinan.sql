CREATE TABLE "document_signing_key" (
	"region_id" uuid NOT NULL,
	"p12" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_signing_key_region_id_pk" PRIMARY KEY("region_id")
);
--> statement-breakpoint
ALTER TABLE "document_signing_key" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_application" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text,
	"type_id" uuid NOT NULL,
	"type_version" integer NOT NULL,
	"applicant_id" uuid NOT NULL,
	"applicant_kind" text,
	"applicant_name" text,
	"nik" text,
	"company_name" text,
	"nib" text,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"step_opd_id" uuid,
	"returned_from" text,
	"submitted_at" timestamp with time zone,
	"complete_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"survey_date" date,
	"survey_note" text,
	"fee_amount" bigint,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"document_id" uuid,
	"permit_file_id" uuid,
	"suspended" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_application_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "izin_application" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_counter" (
	"region_id" uuid NOT NULL,
	"series" text NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "izin_counter_region_id_series_pk" PRIMARY KEY("region_id","series")
);
--> statement-breakpoint
ALTER TABLE "izin_counter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_history" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_history_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "izin_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_item" (
	"region_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"key" text NOT NULL,
	"locker_item_id" uuid,
	"file_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	CONSTRAINT "izin_item_region_id_application_id_key_pk" PRIMARY KEY("region_id","application_id","key")
);
--> statement-breakpoint
ALTER TABLE "izin_item" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_locker_item" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"label" text NOT NULL,
	"file_id" uuid NOT NULL,
	"document_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_locker_item_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "izin_locker_item" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_payment" (
	"region_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"billing_code" text NOT NULL,
	"amount" bigint NOT NULL,
	"retribution_code" text NOT NULL,
	"provider" text NOT NULL,
	"paid_at" timestamp with time zone,
	"receipt_number" text,
	"reference" text,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_payment_region_id_application_id_pk" PRIMARY KEY("region_id","application_id"),
	CONSTRAINT "izin_payment_billing_uq" UNIQUE("region_id","billing_code")
);
--> statement-breakpoint
ALTER TABLE "izin_payment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_staff" (
	"region_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"step" text NOT NULL,
	"opd_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_staff_region_id_user_id_step_opd_id_pk" PRIMARY KEY("region_id","user_id","step","opd_id")
);
--> statement-breakpoint
ALTER TABLE "izin_staff" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_type" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"opd_id" uuid NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_type_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "izin_type_code_uq" UNIQUE("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "izin_type" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "izin_type_version" (
	"region_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "izin_type_version_region_id_type_id_version_pk" PRIMARY KEY("region_id","type_id","version")
);
--> statement-breakpoint
ALTER TABLE "izin_type_version" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "laksa_holiday" RENAME TO "region_holiday";--> statement-breakpoint
ALTER TABLE "region_holiday" DROP CONSTRAINT "laksa_holiday_region_id_region_id_fk";
--> statement-breakpoint
ALTER TABLE "region_holiday" DROP CONSTRAINT "laksa_holiday_region_id_date_pk";--> statement-breakpoint
ALTER TABLE "region_holiday" ADD CONSTRAINT "region_holiday_region_id_date_pk" PRIMARY KEY("region_id","date");--> statement-breakpoint
ALTER TABLE "issued_document" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "issued_document" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "document_signing_key" ADD CONSTRAINT "document_signing_key_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_application" ADD CONSTRAINT "izin_application_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_application" ADD CONSTRAINT "izin_application_region_id_type_id_type_version_izin_type_version_region_id_type_id_version_fk" FOREIGN KEY ("region_id","type_id","type_version") REFERENCES "public"."izin_type_version"("region_id","type_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_counter" ADD CONSTRAINT "izin_counter_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_history" ADD CONSTRAINT "izin_history_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_history" ADD CONSTRAINT "izin_history_region_id_application_id_izin_application_region_id_id_fk" FOREIGN KEY ("region_id","application_id") REFERENCES "public"."izin_application"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_item" ADD CONSTRAINT "izin_item_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_item" ADD CONSTRAINT "izin_item_region_id_application_id_izin_application_region_id_id_fk" FOREIGN KEY ("region_id","application_id") REFERENCES "public"."izin_application"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_locker_item" ADD CONSTRAINT "izin_locker_item_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_payment" ADD CONSTRAINT "izin_payment_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_payment" ADD CONSTRAINT "izin_payment_region_id_application_id_izin_application_region_id_id_fk" FOREIGN KEY ("region_id","application_id") REFERENCES "public"."izin_application"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_staff" ADD CONSTRAINT "izin_staff_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_staff" ADD CONSTRAINT "izin_staff_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_type" ADD CONSTRAINT "izin_type_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_type" ADD CONSTRAINT "izin_type_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_type_version" ADD CONSTRAINT "izin_type_version_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "izin_type_version" ADD CONSTRAINT "izin_type_version_region_id_type_id_izin_type_region_id_id_fk" FOREIGN KEY ("region_id","type_id") REFERENCES "public"."izin_type"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "izin_application_number_uq" ON "izin_application" USING btree ("region_id","number");--> statement-breakpoint
CREATE INDEX "izin_application_type_idx" ON "izin_application" USING btree ("region_id","type_id","type_version");--> statement-breakpoint
CREATE INDEX "izin_application_applicant_idx" ON "izin_application" USING btree ("region_id","applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "izin_application_inbox_idx" ON "izin_application" USING btree ("region_id","step_opd_id","state","submitted_at") WHERE step_opd_id is not null;--> statement-breakpoint
CREATE INDEX "izin_application_due_idx" ON "izin_application" USING btree ("region_id","due_at") WHERE due_at is not null and overdue_at is null;--> statement-breakpoint
CREATE INDEX "izin_application_document_idx" ON "izin_application" USING btree ("region_id","document_id") WHERE document_id is not null;--> statement-breakpoint
CREATE INDEX "izin_history_application_idx" ON "izin_history" USING btree ("region_id","application_id","at");--> statement-breakpoint
CREATE INDEX "izin_item_locker_idx" ON "izin_item" USING btree ("region_id","locker_item_id");--> statement-breakpoint
CREATE INDEX "izin_item_file_idx" ON "izin_item" USING btree ("region_id","file_id");--> statement-breakpoint
CREATE INDEX "izin_locker_owner_idx" ON "izin_locker_item" USING btree ("region_id","owner_id","doc_type");--> statement-breakpoint
CREATE INDEX "izin_staff_opd_idx" ON "izin_staff" USING btree ("region_id","opd_id","step");--> statement-breakpoint
CREATE INDEX "izin_type_opd_idx" ON "izin_type" USING btree ("region_id","opd_id");--> statement-breakpoint
ALTER TABLE "region_holiday" ADD CONSTRAINT "region_holiday_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP POLICY "laksa_holiday_region_isolation" ON "region_holiday" CASCADE;--> statement-breakpoint
DROP POLICY "laksa_holiday_platform" ON "region_holiday" CASCADE;--> statement-breakpoint
CREATE POLICY "region_holiday_region_isolation" ON "region_holiday" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "region_holiday_platform" ON "region_holiday" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "document_signing_key_region_isolation" ON "document_signing_key" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "document_signing_key_platform" ON "document_signing_key" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_application_region_isolation" ON "izin_application" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_application_platform" ON "izin_application" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_counter_region_isolation" ON "izin_counter" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_counter_platform" ON "izin_counter" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_history_region_isolation" ON "izin_history" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_history_platform" ON "izin_history" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_item_region_isolation" ON "izin_item" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_item_platform" ON "izin_item" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_locker_item_region_isolation" ON "izin_locker_item" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_locker_item_platform" ON "izin_locker_item" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_payment_region_isolation" ON "izin_payment" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_payment_platform" ON "izin_payment" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_staff_region_isolation" ON "izin_staff" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_staff_platform" ON "izin_staff" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_type_region_isolation" ON "izin_type" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_type_platform" ON "izin_type" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "izin_type_version_region_isolation" ON "izin_type_version" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "izin_type_version_platform" ON "izin_type_version" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);