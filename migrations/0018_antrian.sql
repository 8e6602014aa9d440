CREATE TABLE "antrian_clerk_service" (
	"region_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "antrian_clerk_service_region_id_user_id_service_id_pk" PRIMARY KEY("region_id","user_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "antrian_clerk_service" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_counter" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'closed' NOT NULL,
	"clerk_id" uuid,
	"opened_at" timestamp with time zone,
	CONSTRAINT "antrian_counter_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "antrian_counter_number_uq" UNIQUE("region_id","unit_id","number")
);
--> statement-breakpoint
ALTER TABLE "antrian_counter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_day" (
	"region_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "antrian_day_region_id_service_id_day_pk" PRIMARY KEY("region_id","service_id","day")
);
--> statement-breakpoint
ALTER TABLE "antrian_day" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_priority" (
	"region_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"weight" integer NOT NULL,
	CONSTRAINT "antrian_priority_region_id_code_pk" PRIMARY KEY("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "antrian_priority" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_rating" (
	"region_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"elements" jsonb,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "antrian_rating_region_id_ticket_id_pk" PRIMARY KEY("region_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "antrian_rating" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_service" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"number_start" integer DEFAULT 1 NOT NULL,
	"number_end" integer DEFAULT 999 NOT NULL,
	"daily_cap" integer NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"slot_quota" integer DEFAULT 5 NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"standard" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "antrian_service_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "antrian_service_code_uq" UNIQUE("region_id","unit_id","code"),
	CONSTRAINT "antrian_service_prefix_uq" UNIQUE("region_id","unit_id","prefix")
);
--> statement-breakpoint
ALTER TABLE "antrian_service" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_slot" (
	"region_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "antrian_slot_region_id_service_id_slot_start_pk" PRIMARY KEY("region_id","service_id","slot_start")
);
--> statement-breakpoint
ALTER TABLE "antrian_slot" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_ticket" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"seq" integer,
	"number" text,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"priority_code" text,
	"priority_weight" integer DEFAULT 0 NOT NULL,
	"user_id" uuid,
	"nik" text,
	"booking_code" text,
	"slot_start" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"called_at" timestamp with time zone,
	"counter_id" uuid,
	"clerk_id" uuid,
	"call_count" smallint DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"note" text,
	"for_counter_id" uuid,
	"transferred_from_id" uuid,
	"near_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "antrian_ticket_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "antrian_ticket" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "antrian_unit" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'general' NOT NULL,
	"opd_id" uuid,
	"hours" jsonb NOT NULL,
	"order_rule" text DEFAULT 'booking_priority_arrival' NOT NULL,
	"notify_ahead" integer DEFAULT 3 NOT NULL,
	"open_on_holidays" boolean DEFAULT false NOT NULL,
	"kiosk_key_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "antrian_unit_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "antrian_unit_code_uq" UNIQUE("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "antrian_unit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "antrian_clerk_service" ADD CONSTRAINT "antrian_clerk_service_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_clerk_service" ADD CONSTRAINT "antrian_clerk_service_region_id_service_id_antrian_service_region_id_id_fk" FOREIGN KEY ("region_id","service_id") REFERENCES "public"."antrian_service"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_counter" ADD CONSTRAINT "antrian_counter_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_counter" ADD CONSTRAINT "antrian_counter_region_id_unit_id_antrian_unit_region_id_id_fk" FOREIGN KEY ("region_id","unit_id") REFERENCES "public"."antrian_unit"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_day" ADD CONSTRAINT "antrian_day_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_priority" ADD CONSTRAINT "antrian_priority_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_rating" ADD CONSTRAINT "antrian_rating_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_rating" ADD CONSTRAINT "antrian_rating_region_id_ticket_id_antrian_ticket_region_id_id_fk" FOREIGN KEY ("region_id","ticket_id") REFERENCES "public"."antrian_ticket"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_service" ADD CONSTRAINT "antrian_service_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_service" ADD CONSTRAINT "antrian_service_region_id_unit_id_antrian_unit_region_id_id_fk" FOREIGN KEY ("region_id","unit_id") REFERENCES "public"."antrian_unit"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_slot" ADD CONSTRAINT "antrian_slot_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_ticket" ADD CONSTRAINT "antrian_ticket_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_ticket" ADD CONSTRAINT "antrian_ticket_region_id_service_id_antrian_service_region_id_id_fk" FOREIGN KEY ("region_id","service_id") REFERENCES "public"."antrian_service"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_ticket" ADD CONSTRAINT "antrian_ticket_region_id_unit_id_antrian_unit_region_id_id_fk" FOREIGN KEY ("region_id","unit_id") REFERENCES "public"."antrian_unit"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_unit" ADD CONSTRAINT "antrian_unit_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antrian_unit" ADD CONSTRAINT "antrian_unit_region_id_opd_id_opd_region_id_id_fk" FOREIGN KEY ("region_id","opd_id") REFERENCES "public"."opd"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antrian_clerk_service_service_idx" ON "antrian_clerk_service" USING btree ("region_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "antrian_counter_clerk_uq" ON "antrian_counter" USING btree ("region_id","clerk_id") WHERE clerk_id is not null;--> statement-breakpoint
CREATE INDEX "antrian_ticket_token_idx" ON "antrian_ticket" USING btree ("region_id","token");--> statement-breakpoint
CREATE UNIQUE INDEX "antrian_ticket_booking_uq" ON "antrian_ticket" USING btree ("region_id","booking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "antrian_ticket_number_uq" ON "antrian_ticket" USING btree ("region_id","service_id","day","seq") WHERE seq is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "antrian_ticket_counter_active_uq" ON "antrian_ticket" USING btree ("region_id","counter_id") WHERE status in ('called', 'serving');--> statement-breakpoint
CREATE UNIQUE INDEX "antrian_ticket_slot_once_uq" ON "antrian_ticket" USING btree ("region_id","user_id","service_id","slot_start") WHERE slot_start is not null and user_id is not null and status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "antrian_ticket_waiting_idx" ON "antrian_ticket" USING btree ("region_id","unit_id","service_id","issued_at") WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX "antrian_ticket_user_idx" ON "antrian_ticket" USING btree ("region_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "antrian_ticket_day_idx" ON "antrian_ticket" USING btree ("region_id","unit_id","day");--> statement-breakpoint
CREATE INDEX "antrian_unit_opd_idx" ON "antrian_unit" USING btree ("region_id","opd_id");--> statement-breakpoint
CREATE POLICY "antrian_clerk_service_region_isolation" ON "antrian_clerk_service" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_clerk_service_platform" ON "antrian_clerk_service" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_counter_region_isolation" ON "antrian_counter" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_counter_platform" ON "antrian_counter" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_day_region_isolation" ON "antrian_day" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_day_platform" ON "antrian_day" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_priority_region_isolation" ON "antrian_priority" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_priority_platform" ON "antrian_priority" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_rating_region_isolation" ON "antrian_rating" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_rating_platform" ON "antrian_rating" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_service_region_isolation" ON "antrian_service" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_service_platform" ON "antrian_service" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_slot_region_isolation" ON "antrian_slot" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_slot_platform" ON "antrian_slot" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_ticket_region_isolation" ON "antrian_ticket" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_ticket_platform" ON "antrian_ticket" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "antrian_unit_region_isolation" ON "antrian_unit" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "antrian_unit_platform" ON "antrian_unit" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);