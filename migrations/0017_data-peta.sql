CREATE TABLE "data_peta_dataset" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"opd_id" uuid,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"license_id" text DEFAULT 'CC-BY-4.0' NOT NULL,
	"frequency" text DEFAULT 'irregular' NOT NULL,
	"temporal_start" date,
	"temporal_end" date,
	"spatial" text,
	"contact_name" text,
	"contact_email" text,
	"visibility" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_peta_dataset_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "data_peta_dataset_name_uq" UNIQUE("region_id","name")
);
--> statement-breakpoint
ALTER TABLE "data_peta_dataset" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "data_peta_feature" (
	"region_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"feature_no" integer NOT NULL,
	"geometry" jsonb NOT NULL,
	"properties" jsonb NOT NULL,
	"minx" double precision NOT NULL,
	"miny" double precision NOT NULL,
	"maxx" double precision NOT NULL,
	"maxy" double precision NOT NULL,
	"at" timestamp with time zone,
	CONSTRAINT "data_peta_feature_region_id_resource_id_feature_no_pk" PRIMARY KEY("region_id","resource_id","feature_no")
);
--> statement-breakpoint
ALTER TABLE "data_peta_feature" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "data_peta_resource" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"format" text NOT NULL,
	"url" text,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"size" integer,
	"color" text,
	"extent" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_peta_resource_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "data_peta_resource" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "data_peta_row" (
	"region_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "data_peta_row_region_id_resource_id_row_no_pk" PRIMARY KEY("region_id","resource_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "data_peta_row" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "data_peta_dataset" ADD CONSTRAINT "data_peta_dataset_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_peta_feature" ADD CONSTRAINT "data_peta_feature_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_peta_feature" ADD CONSTRAINT "data_peta_feature_region_id_resource_id_data_peta_resource_region_id_id_fk" FOREIGN KEY ("region_id","resource_id") REFERENCES "public"."data_peta_resource"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_peta_resource" ADD CONSTRAINT "data_peta_resource_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_peta_resource" ADD CONSTRAINT "data_peta_resource_region_id_dataset_id_data_peta_dataset_region_id_id_fk" FOREIGN KEY ("region_id","dataset_id") REFERENCES "public"."data_peta_dataset"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_peta_row" ADD CONSTRAINT "data_peta_row_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_peta_row" ADD CONSTRAINT "data_peta_row_region_id_resource_id_data_peta_resource_region_id_id_fk" FOREIGN KEY ("region_id","resource_id") REFERENCES "public"."data_peta_resource"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_peta_dataset_public_idx" ON "data_peta_dataset" USING btree ("region_id","modified_at" DESC NULLS LAST) WHERE visibility = 'public';--> statement-breakpoint
CREATE INDEX "data_peta_feature_bbox_idx" ON "data_peta_feature" USING btree ("region_id","resource_id","minx","miny");--> statement-breakpoint
CREATE INDEX "data_peta_resource_dataset_idx" ON "data_peta_resource" USING btree ("region_id","dataset_id","position");--> statement-breakpoint
CREATE INDEX "laksa_report_public_point_idx" ON "laksa_report" USING btree ("region_id","lng","lat") WHERE not confidential and status not in ('menunggu_verifikasi', 'ditolak');--> statement-breakpoint
CREATE POLICY "data_peta_dataset_region_isolation" ON "data_peta_dataset" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "data_peta_dataset_platform" ON "data_peta_dataset" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "data_peta_feature_region_isolation" ON "data_peta_feature" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "data_peta_feature_platform" ON "data_peta_feature" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "data_peta_resource_region_isolation" ON "data_peta_resource" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "data_peta_resource_platform" ON "data_peta_resource" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "data_peta_row_region_isolation" ON "data_peta_row" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "data_peta_row_platform" ON "data_peta_row" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);