CREATE TABLE "usage_daily" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"module" text NOT NULL,
	"metric" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_region_id_day_module_metric_pk" PRIMARY KEY("region_id","day","module","metric")
);
--> statement-breakpoint
ALTER TABLE "usage_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_stat_day" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"opd_id" uuid NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"sla_met" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"response_minutes" integer[] DEFAULT '{}' NOT NULL,
	"resolution_minutes" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "laksa_stat_day_region_id_day_opd_id_pk" PRIMARY KEY("region_id","day","opd_id")
);
--> statement-breakpoint
ALTER TABLE "laksa_stat_day" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "laksa_stat_intake" (
	"region_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category_id" uuid NOT NULL,
	"kecamatan" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "laksa_stat_intake_region_id_day_category_id_kecamatan_pk" PRIMARY KEY("region_id","day","category_id","kecamatan")
);
--> statement-breakpoint
ALTER TABLE "laksa_stat_intake" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_stat_day" ADD CONSTRAINT "laksa_stat_day_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laksa_stat_intake" ADD CONSTRAINT "laksa_stat_intake_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "laksa_report_open_idx" ON "laksa_report" USING btree ("region_id","updated_at" DESC NULLS LAST,"status","responded_at","verify_due_at","follow_up_due_at","resolve_due_at") WHERE status not in ('selesai', 'ditolak', 'dialihkan');--> statement-breakpoint
CREATE POLICY "usage_daily_region_isolation" ON "usage_daily" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "usage_daily_platform" ON "usage_daily" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_stat_day_region_isolation" ON "laksa_stat_day" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_stat_day_platform" ON "laksa_stat_day" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "laksa_stat_intake_region_isolation" ON "laksa_stat_intake" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "laksa_stat_intake_platform" ON "laksa_stat_intake" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);