CREATE TABLE "info_kota_announcement" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"area_code" text,
	"audience" text DEFAULT 'semua' NOT NULL,
	"audience_module" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"opd_id" uuid,
	"created_by" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_kota_announcement_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "info_kota_announcement" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "info_kota_article" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cover_file_id" uuid,
	"cover_caption" text,
	"opd_id" uuid,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_note" text,
	"seo_title" text,
	"seo_description" text,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_kota_article_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "info_kota_article_slug_uq" UNIQUE("region_id","slug")
);
--> statement-breakpoint
ALTER TABLE "info_kota_article" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "info_kota_article_file" (
	"region_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "info_kota_article_file_region_id_article_id_file_id_pk" PRIMARY KEY("region_id","article_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "info_kota_article_file" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "info_kota_event" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"opd_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_kota_event_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "info_kota_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "info_kota_revision" (
	"region_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"snapshot" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_kota_revision_region_id_article_id_seq_pk" PRIMARY KEY("region_id","article_id","seq")
);
--> statement-breakpoint
ALTER TABLE "info_kota_revision" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "info_kota_announcement" ADD CONSTRAINT "info_kota_announcement_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_announcement" ADD CONSTRAINT "info_kota_announcement_region_id_area_code_region_area_region_id_code_fk" FOREIGN KEY ("region_id","area_code") REFERENCES "public"."region_area"("region_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_announcement" ADD CONSTRAINT "info_kota_announcement_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_article" ADD CONSTRAINT "info_kota_article_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_article" ADD CONSTRAINT "info_kota_article_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_article_file" ADD CONSTRAINT "info_kota_article_file_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_article_file" ADD CONSTRAINT "info_kota_article_file_region_id_article_id_info_kota_article_region_id_id_fk" FOREIGN KEY ("region_id","article_id") REFERENCES "public"."info_kota_article"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_event" ADD CONSTRAINT "info_kota_event_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_event" ADD CONSTRAINT "info_kota_event_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_revision" ADD CONSTRAINT "info_kota_revision_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_kota_revision" ADD CONSTRAINT "info_kota_revision_region_id_article_id_info_kota_article_region_id_id_fk" FOREIGN KEY ("region_id","article_id") REFERENCES "public"."info_kota_article"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "info_kota_announcement_valid_idx" ON "info_kota_announcement" USING btree ("region_id","valid_until");--> statement-breakpoint
CREATE INDEX "info_kota_announcement_area_idx" ON "info_kota_announcement" USING btree ("region_id","area_code");--> statement-breakpoint
CREATE INDEX "info_kota_announcement_opd_idx" ON "info_kota_announcement" USING btree ("region_id","opd_id");--> statement-breakpoint
CREATE INDEX "info_kota_article_public_idx" ON "info_kota_article" USING btree ("region_id","published_at") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "info_kota_article_status_idx" ON "info_kota_article" USING btree ("region_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "info_kota_article_opd_idx" ON "info_kota_article" USING btree ("region_id","opd_id");--> statement-breakpoint
CREATE INDEX "info_kota_article_due_idx" ON "info_kota_article" USING btree ("region_id","publish_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "info_kota_article_file_idx" ON "info_kota_article_file" USING btree ("region_id","file_id");--> statement-breakpoint
CREATE INDEX "info_kota_event_start_idx" ON "info_kota_event" USING btree ("region_id","starts_at");--> statement-breakpoint
CREATE INDEX "info_kota_event_opd_idx" ON "info_kota_event" USING btree ("region_id","opd_id");--> statement-breakpoint
CREATE POLICY "info_kota_announcement_region_isolation" ON "info_kota_announcement" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "info_kota_announcement_platform" ON "info_kota_announcement" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "info_kota_article_region_isolation" ON "info_kota_article" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "info_kota_article_platform" ON "info_kota_article" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "info_kota_article_file_region_isolation" ON "info_kota_article_file" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "info_kota_article_file_platform" ON "info_kota_article_file" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "info_kota_event_region_isolation" ON "info_kota_event" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "info_kota_event_platform" ON "info_kota_event" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "info_kota_revision_region_isolation" ON "info_kota_revision" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "info_kota_revision_platform" ON "info_kota_revision" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);