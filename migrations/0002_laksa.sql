CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE TABLE "laksa_api_key" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "laksa_api_key_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "laksa_api_key_hash_uq" UNIQUE("region_id","key_hash")
);
--> statement-breakpoint
ALTER TABLE "laksa_api_key" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_category" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"kamtibmas" boolean DEFAULT false NOT NULL,
	"resolve_days" integer DEFAULT 14 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "laksa_category_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "laksa_category_code_uq" UNIQUE("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "laksa_category" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_holiday" (
	"region_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "laksa_holiday_region_id_date_pk" PRIMARY KEY("region_id","date")
);
--> statement-breakpoint
ALTER TABLE "laksa_holiday" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_notification" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "laksa_notification_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "laksa_notification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_report" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket" text NOT NULL,
	"type" text NOT NULL,
	"category_id" uuid NOT NULL,
	"status" text DEFAULT 'menunggu_verifikasi' NOT NULL,
	"paused_from" text,
	"paused_at" timestamp with time zone,
	"description" text NOT NULL,
	"original_description" text,
	"address" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"kecamatan" text,
	"kelurahan" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"reporter_id" uuid,
	"contact" jsonb,
	"source" text DEFAULT 'app' NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"support_count" integer DEFAULT 0 NOT NULL,
	"duplicate_of_id" uuid,
	"rating" smallint,
	"rating_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	"disposed_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"verify_due_at" timestamp with time zone,
	"follow_up_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"overdue_level" smallint DEFAULT 0 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "laksa_report"."ticket" || ' ' || "laksa_report"."description" || ' ' || coalesce("laksa_report"."address", ''))) STORED NOT NULL,
	CONSTRAINT "laksa_report_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "laksa_report_ticket_uq" UNIQUE("region_id","ticket"),
	CONSTRAINT "laksa_report_idempotency_uq" UNIQUE("region_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "laksa_report" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_report_opd" (
	"region_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"opd_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_report_opd_region_id_report_id_opd_id_pk" PRIMARY KEY("region_id","report_id","opd_id")
);
--> statement-breakpoint
ALTER TABLE "laksa_report_opd" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_report_photo" (
	"region_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_report_photo_region_id_report_id_file_id_pk" PRIMARY KEY("region_id","report_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "laksa_report_photo" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_report_step" (
	"region_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "laksa_report_step_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"actor_name" text,
	"actor_label" text,
	"note" text,
	"photo_ids" uuid[] DEFAULT '{}' NOT NULL,
	"visibility" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_report_step_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "laksa_report_step" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_routing_rule" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"kecamatan" text,
	"opd_id" uuid NOT NULL,
	CONSTRAINT "laksa_routing_rule_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "laksa_routing_rule_uq" UNIQUE NULLS NOT DISTINCT("region_id","category_id","kecamatan","opd_id")
);
--> statement-breakpoint
ALTER TABLE "laksa_routing_rule" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_support" (
	"region_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_support_region_id_report_id_user_id_pk" PRIMARY KEY("region_id","report_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "laksa_support" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_template" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_template_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "laksa_template" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_ticket_counter" (
	"region_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "laksa_ticket_counter_region_id_year_pk" PRIMARY KEY("region_id","year")
);
--> statement-breakpoint
ALTER TABLE "laksa_ticket_counter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_webhook" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"secret" text NOT NULL,
	"event_types" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_webhook_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "laksa_webhook" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_webhook_delivery" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laksa_webhook_delivery_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "laksa_webhook_delivery_event_uq" UNIQUE("region_id","webhook_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "laksa_webhook_delivery" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "laksa_api_key" ADD CONSTRAINT "laksa_api_key_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_category" ADD CONSTRAINT "laksa_category_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_holiday" ADD CONSTRAINT "laksa_holiday_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_notification" ADD CONSTRAINT "laksa_notification_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_notification" ADD CONSTRAINT "laksa_notification_region_id_report_id_laksa_report_region_id_id_fk" FOREIGN KEY ("region_id","report_id") REFERENCES "public"."laksa_report"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_notification" ADD CONSTRAINT "laksa_notification_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report" ADD CONSTRAINT "laksa_report_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report" ADD CONSTRAINT "laksa_report_region_id_category_id_laksa_category_region_id_id_fk" FOREIGN KEY ("region_id","category_id") REFERENCES "public"."laksa_category"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report" ADD CONSTRAINT "laksa_report_region_id_reporter_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","reporter_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report" ADD CONSTRAINT "laksa_report_region_id_duplicate_of_id_laksa_report_region_id_id_fk" FOREIGN KEY ("region_id","duplicate_of_id") REFERENCES "public"."laksa_report"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_opd" ADD CONSTRAINT "laksa_report_opd_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_opd" ADD CONSTRAINT "laksa_report_opd_region_id_report_id_laksa_report_region_id_id_fk" FOREIGN KEY ("region_id","report_id") REFERENCES "public"."laksa_report"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_opd" ADD CONSTRAINT "laksa_report_opd_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_photo" ADD CONSTRAINT "laksa_report_photo_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_photo" ADD CONSTRAINT "laksa_report_photo_region_id_report_id_laksa_report_region_id_id_fk" FOREIGN KEY ("region_id","report_id") REFERENCES "public"."laksa_report"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_photo" ADD CONSTRAINT "laksa_report_photo_region_id_file_id_stored_file_region_id_id_fk" FOREIGN KEY ("region_id","file_id") REFERENCES "public"."stored_file"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_step" ADD CONSTRAINT "laksa_report_step_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_report_step" ADD CONSTRAINT "laksa_report_step_region_id_report_id_laksa_report_region_id_id_fk" FOREIGN KEY ("region_id","report_id") REFERENCES "public"."laksa_report"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_routing_rule" ADD CONSTRAINT "laksa_routing_rule_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_routing_rule" ADD CONSTRAINT "laksa_routing_rule_region_id_category_id_laksa_category_region_id_id_fk" FOREIGN KEY ("region_id","category_id") REFERENCES "public"."laksa_category"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_routing_rule" ADD CONSTRAINT "laksa_routing_rule_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_support" ADD CONSTRAINT "laksa_support_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_support" ADD CONSTRAINT "laksa_support_region_id_report_id_laksa_report_region_id_id_fk" FOREIGN KEY ("region_id","report_id") REFERENCES "public"."laksa_report"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_support" ADD CONSTRAINT "laksa_support_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_template" ADD CONSTRAINT "laksa_template_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_ticket_counter" ADD CONSTRAINT "laksa_ticket_counter_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_webhook" ADD CONSTRAINT "laksa_webhook_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_webhook_delivery" ADD CONSTRAINT "laksa_webhook_delivery_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_webhook_delivery" ADD CONSTRAINT "laksa_webhook_delivery_region_id_webhook_id_laksa_webhook_region_id_id_fk" FOREIGN KEY ("region_id","webhook_id") REFERENCES "public"."laksa_webhook"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "laksa_notification_user_idx" ON "laksa_notification" USING btree ("region_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "laksa_notification_report_idx" ON "laksa_notification" USING btree ("region_id","report_id");--> statement-breakpoint
CREATE INDEX "laksa_report_inbox_idx" ON "laksa_report" USING btree ("region_id","status","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "laksa_report_created_idx" ON "laksa_report" USING btree ("region_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "laksa_report_category_idx" ON "laksa_report" USING btree ("region_id","category_id","status");--> statement-breakpoint
CREATE INDEX "laksa_report_reporter_idx" ON "laksa_report" USING btree ("region_id","reporter_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "laksa_report_duplicate_idx" ON "laksa_report" USING btree ("region_id","duplicate_of_id");--> statement-breakpoint
CREATE INDEX "laksa_report_search_idx" ON "laksa_report" USING gin ("region_id","search");--> statement-breakpoint
CREATE INDEX "laksa_report_opd_opd_idx" ON "laksa_report_opd" USING btree ("region_id","opd_id","active");--> statement-breakpoint
CREATE INDEX "laksa_report_photo_file_idx" ON "laksa_report_photo" USING btree ("region_id","file_id");--> statement-breakpoint
CREATE INDEX "laksa_report_step_report_idx" ON "laksa_report_step" USING btree ("region_id","report_id","id");--> statement-breakpoint
CREATE INDEX "laksa_routing_rule_opd_idx" ON "laksa_routing_rule" USING btree ("region_id","opd_id");--> statement-breakpoint
CREATE INDEX "laksa_support_user_idx" ON "laksa_support" USING btree ("region_id","user_id");--> statement-breakpoint
CREATE INDEX "laksa_webhook_delivery_due_idx" ON "laksa_webhook_delivery" USING btree ("region_id","status","next_attempt_at");--> statement-breakpoint
CREATE POLICY "laksa_api_key_region_isolation" ON "laksa_api_key" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_api_key_platform" ON "laksa_api_key" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_category_region_isolation" ON "laksa_category" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_category_platform" ON "laksa_category" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_holiday_region_isolation" ON "laksa_holiday" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_holiday_platform" ON "laksa_holiday" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_notification_region_isolation" ON "laksa_notification" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_notification_platform" ON "laksa_notification" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_report_region_isolation" ON "laksa_report" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_report_platform" ON "laksa_report" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_report_opd_region_isolation" ON "laksa_report_opd" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_report_opd_platform" ON "laksa_report_opd" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_report_photo_region_isolation" ON "laksa_report_photo" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_report_photo_platform" ON "laksa_report_photo" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_report_step_region_isolation" ON "laksa_report_step" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_report_step_platform" ON "laksa_report_step" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_routing_rule_region_isolation" ON "laksa_routing_rule" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_routing_rule_platform" ON "laksa_routing_rule" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_support_region_isolation" ON "laksa_support" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_support_platform" ON "laksa_support" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_template_region_isolation" ON "laksa_template" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_template_platform" ON "laksa_template" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_ticket_counter_region_isolation" ON "laksa_ticket_counter" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_ticket_counter_platform" ON "laksa_ticket_counter" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_webhook_region_isolation" ON "laksa_webhook" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_webhook_platform" ON "laksa_webhook" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_webhook_delivery_region_isolation" ON "laksa_webhook_delivery" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_webhook_delivery_platform" ON "laksa_webhook_delivery" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);