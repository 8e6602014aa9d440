CREATE TABLE "darurat_agency" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "darurat_agency_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "darurat_agency" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_assignment" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"en_route_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	"cleared_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	CONSTRAINT "darurat_assignment_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "darurat_assignment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_block" (
	"region_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "darurat_block_region_id_phone_pk" PRIMARY KEY("region_id","phone")
);
--> statement-breakpoint
ALTER TABLE "darurat_block" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_call" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid,
	"classification" text NOT NULL,
	"source" text NOT NULL,
	"caller_phone" text,
	"caller_name" text,
	"caller_user_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"taken_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "darurat_call_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "darurat_call" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_counter" (
	"region_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "darurat_counter_region_id_year_pk" PRIMARY KEY("region_id","year")
);
--> statement-breakpoint
ALTER TABLE "darurat_counter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_incident" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"status" text DEFAULT 'baru' NOT NULL,
	"priority" text NOT NULL,
	"type_id" uuid NOT NULL,
	"police" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text,
	"kecamatan" text,
	"kelurahan" text,
	"description" text,
	"victims" integer,
	"reporter_id" uuid,
	"disposition" text,
	"close_note" text,
	"merged_into_id" uuid,
	"call_received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"en_route_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "darurat_incident_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "darurat_incident_number_uq" UNIQUE("region_id","number")
);
--> statement-breakpoint
ALTER TABLE "darurat_incident" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_log" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid,
	"unit_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "darurat_log_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "darurat_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_note" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_kind" text NOT NULL,
	"text" text,
	"photo_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "darurat_note_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "darurat_note" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_type" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"default_priority" text NOT NULL,
	"unit_kinds" text[] NOT NULL,
	"police" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "darurat_type_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "darurat_type_code_uq" UNIQUE("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "darurat_type" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_unit" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"call_sign" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'tersedia' NOT NULL,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"incident_id" uuid,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	CONSTRAINT "darurat_unit_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "darurat_unit_call_sign_uq" UNIQUE("region_id","call_sign")
);
--> statement-breakpoint
ALTER TABLE "darurat_unit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "darurat_unit_member" (
	"region_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "darurat_unit_member_region_id_unit_id_user_id_pk" PRIMARY KEY("region_id","unit_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "darurat_unit_member" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "darurat_agency" ADD CONSTRAINT "darurat_agency_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_assignment" ADD CONSTRAINT "darurat_assignment_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_assignment" ADD CONSTRAINT "darurat_assignment_region_id_incident_id_darurat_incident_region_id_id_fk" FOREIGN KEY ("region_id","incident_id") REFERENCES "public"."darurat_incident"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_assignment" ADD CONSTRAINT "darurat_assignment_region_id_unit_id_darurat_unit_region_id_id_fk" FOREIGN KEY ("region_id","unit_id") REFERENCES "public"."darurat_unit"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_block" ADD CONSTRAINT "darurat_block_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_call" ADD CONSTRAINT "darurat_call_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_call" ADD CONSTRAINT "darurat_call_region_id_incident_id_darurat_incident_region_id_id_fk" FOREIGN KEY ("region_id","incident_id") REFERENCES "public"."darurat_incident"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_counter" ADD CONSTRAINT "darurat_counter_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_incident" ADD CONSTRAINT "darurat_incident_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_incident" ADD CONSTRAINT "darurat_incident_region_id_type_id_darurat_type_region_id_id_fk" FOREIGN KEY ("region_id","type_id") REFERENCES "public"."darurat_type"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_log" ADD CONSTRAINT "darurat_log_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_note" ADD CONSTRAINT "darurat_note_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_note" ADD CONSTRAINT "darurat_note_region_id_incident_id_darurat_incident_region_id_id_fk" FOREIGN KEY ("region_id","incident_id") REFERENCES "public"."darurat_incident"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_type" ADD CONSTRAINT "darurat_type_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_unit" ADD CONSTRAINT "darurat_unit_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_unit" ADD CONSTRAINT "darurat_unit_region_id_agency_id_darurat_agency_region_id_id_fk" FOREIGN KEY ("region_id","agency_id") REFERENCES "public"."darurat_agency"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_unit_member" ADD CONSTRAINT "darurat_unit_member_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "darurat_unit_member" ADD CONSTRAINT "darurat_unit_member_region_id_unit_id_darurat_unit_region_id_id_fk" FOREIGN KEY ("region_id","unit_id") REFERENCES "public"."darurat_unit"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "darurat_assignment_incident_idx" ON "darurat_assignment" USING btree ("region_id","incident_id");--> statement-breakpoint
CREATE INDEX "darurat_assignment_unit_idx" ON "darurat_assignment" USING btree ("region_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "darurat_assignment_active_uq" ON "darurat_assignment" USING btree ("region_id","unit_id") WHERE cleared_at is null and released_at is null;--> statement-breakpoint
CREATE INDEX "darurat_call_incident_idx" ON "darurat_call" USING btree ("region_id","incident_id");--> statement-breakpoint
CREATE INDEX "darurat_call_received_idx" ON "darurat_call" USING btree ("region_id","received_at");--> statement-breakpoint
CREATE INDEX "darurat_incident_status_idx" ON "darurat_incident" USING btree ("region_id","status","created_at");--> statement-breakpoint
CREATE INDEX "darurat_incident_received_idx" ON "darurat_incident" USING btree ("region_id","call_received_at");--> statement-breakpoint
CREATE INDEX "darurat_incident_reporter_idx" ON "darurat_incident" USING btree ("region_id","reporter_id");--> statement-breakpoint
CREATE INDEX "darurat_incident_type_idx" ON "darurat_incident" USING btree ("region_id","type_id");--> statement-breakpoint
CREATE INDEX "darurat_log_incident_idx" ON "darurat_log" USING btree ("region_id","incident_id","at");--> statement-breakpoint
CREATE INDEX "darurat_note_incident_idx" ON "darurat_note" USING btree ("region_id","incident_id");--> statement-breakpoint
CREATE INDEX "darurat_unit_status_idx" ON "darurat_unit" USING btree ("region_id","kind","status");--> statement-breakpoint
CREATE INDEX "darurat_unit_agency_idx" ON "darurat_unit" USING btree ("region_id","agency_id");--> statement-breakpoint
CREATE INDEX "darurat_unit_member_user_idx" ON "darurat_unit_member" USING btree ("region_id","user_id");--> statement-breakpoint
CREATE POLICY "darurat_agency_region_isolation" ON "darurat_agency" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_agency_platform" ON "darurat_agency" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_assignment_region_isolation" ON "darurat_assignment" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_assignment_platform" ON "darurat_assignment" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_block_region_isolation" ON "darurat_block" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_block_platform" ON "darurat_block" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_call_region_isolation" ON "darurat_call" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_call_platform" ON "darurat_call" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_counter_region_isolation" ON "darurat_counter" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_counter_platform" ON "darurat_counter" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_incident_region_isolation" ON "darurat_incident" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_incident_platform" ON "darurat_incident" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_log_region_isolation" ON "darurat_log" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_log_platform" ON "darurat_log" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_note_region_isolation" ON "darurat_note" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_note_platform" ON "darurat_note" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_type_region_isolation" ON "darurat_type" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_type_platform" ON "darurat_type" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_unit_region_isolation" ON "darurat_unit" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_unit_platform" ON "darurat_unit" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "darurat_unit_member_region_isolation" ON "darurat_unit_member" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "darurat_unit_member_platform" ON "darurat_unit_member" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);