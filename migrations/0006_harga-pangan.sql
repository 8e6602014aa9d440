CREATE TABLE "harga_pangan_alert" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"commodity_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"average" integer NOT NULL,
	"reference" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "harga_pangan_alert_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "harga_pangan_alert_uq" UNIQUE("region_id","commodity_id","date","kind")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_alert" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_assignment" (
	"region_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"market_id" uuid NOT NULL,
	CONSTRAINT "harga_pangan_assignment_region_id_user_id_market_id_pk" PRIMARY KEY("region_id","user_id","market_id")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_assignment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_commodity" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"group" text NOT NULL,
	"unit" text NOT NULL,
	"alert_rise_pct" double precision DEFAULT 10 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "harga_pangan_commodity_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "harga_pangan_commodity_code_uq" UNIQUE("region_id","code")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_commodity" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_daily" (
	"region_id" uuid NOT NULL,
	"commodity_id" uuid NOT NULL,
	"price_type" text NOT NULL,
	"date" date NOT NULL,
	"average" double precision NOT NULL,
	"median" double precision NOT NULL,
	"min" integer NOT NULL,
	"max" integer NOT NULL,
	"stddev" double precision NOT NULL,
	"markets" integer NOT NULL,
	CONSTRAINT "harga_pangan_daily_region_id_commodity_id_price_type_date_pk" PRIMARY KEY("region_id","commodity_id","price_type","date")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_entry_key" (
	"region_id" uuid NOT NULL,
	"key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "harga_pangan_entry_key_region_id_key_pk" PRIMARY KEY("region_id","key")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_entry_key" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_import" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"total_rows" integer NOT NULL,
	"rows" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	CONSTRAINT "harga_pangan_import_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_import" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_market" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text DEFAULT 'tradisional' NOT NULL,
	"kecamatan" text,
	"address" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "harga_pangan_market_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "harga_pangan_market_name_uq" UNIQUE("region_id","name")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_market" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_notification" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "harga_pangan_notification_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "harga_pangan_notification_uq" UNIQUE("region_id","user_id","alert_id")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_notification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_price" (
	"region_id" uuid NOT NULL,
	"market_id" uuid NOT NULL,
	"commodity_id" uuid NOT NULL,
	"date" date NOT NULL,
	"price_type" text DEFAULT 'eceran' NOT NULL,
	"price" integer NOT NULL,
	"verified_price" integer,
	"status" text DEFAULT 'menunggu' NOT NULL,
	"outlier_confirmed" boolean DEFAULT false NOT NULL,
	"entered_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	CONSTRAINT "harga_pangan_price_region_id_market_id_commodity_id_date_price_type_pk" PRIMARY KEY("region_id","market_id","commodity_id","date","price_type")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_price" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "harga_pangan_reference" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"commodity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"price" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text,
	CONSTRAINT "harga_pangan_reference_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "harga_pangan_reference" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "harga_pangan_alert" ADD CONSTRAINT "harga_pangan_alert_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_assignment" ADD CONSTRAINT "harga_pangan_assignment_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_assignment" ADD CONSTRAINT "harga_pangan_assignment_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_assignment" ADD CONSTRAINT "harga_pangan_assignment_region_id_market_id_harga_pangan_market_region_id_id_fk" FOREIGN KEY ("region_id","market_id") REFERENCES "public"."harga_pangan_market"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_commodity" ADD CONSTRAINT "harga_pangan_commodity_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_daily" ADD CONSTRAINT "harga_pangan_daily_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_entry_key" ADD CONSTRAINT "harga_pangan_entry_key_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_import" ADD CONSTRAINT "harga_pangan_import_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_market" ADD CONSTRAINT "harga_pangan_market_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_notification" ADD CONSTRAINT "harga_pangan_notification_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_notification" ADD CONSTRAINT "harga_pangan_notification_region_id_alert_id_harga_pangan_alert_region_id_id_fk" FOREIGN KEY ("region_id","alert_id") REFERENCES "public"."harga_pangan_alert"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_price" ADD CONSTRAINT "harga_pangan_price_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_price" ADD CONSTRAINT "harga_pangan_price_region_id_market_id_harga_pangan_market_region_id_id_fk" FOREIGN KEY ("region_id","market_id") REFERENCES "public"."harga_pangan_market"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_price" ADD CONSTRAINT "harga_pangan_price_region_id_commodity_id_harga_pangan_commodity_region_id_id_fk" FOREIGN KEY ("region_id","commodity_id") REFERENCES "public"."harga_pangan_commodity"("region_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_reference" ADD CONSTRAINT "harga_pangan_reference_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harga_pangan_reference" ADD CONSTRAINT "harga_pangan_reference_region_id_commodity_id_harga_pangan_commodity_region_id_id_fk" FOREIGN KEY ("region_id","commodity_id") REFERENCES "public"."harga_pangan_commodity"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "harga_pangan_alert_recent_idx" ON "harga_pangan_alert" USING btree ("region_id","created_at");--> statement-breakpoint
CREATE INDEX "harga_pangan_assignment_market_idx" ON "harga_pangan_assignment" USING btree ("region_id","market_id");--> statement-breakpoint
CREATE INDEX "harga_pangan_daily_date_idx" ON "harga_pangan_daily" USING btree ("region_id","price_type","date");--> statement-breakpoint
CREATE INDEX "harga_pangan_notification_alert_idx" ON "harga_pangan_notification" USING btree ("region_id","alert_id");--> statement-breakpoint
CREATE INDEX "harga_pangan_price_commodity_day_idx" ON "harga_pangan_price" USING btree ("region_id","commodity_id","price_type","date") WHERE verified_price is not null;--> statement-breakpoint
CREATE INDEX "harga_pangan_price_pending_idx" ON "harga_pangan_price" USING btree ("region_id","date") WHERE status = 'menunggu';--> statement-breakpoint
CREATE INDEX "harga_pangan_reference_idx" ON "harga_pangan_reference" USING btree ("region_id","commodity_id","kind","valid_from");--> statement-breakpoint
CREATE POLICY "harga_pangan_alert_region_isolation" ON "harga_pangan_alert" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_alert_platform" ON "harga_pangan_alert" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_assignment_region_isolation" ON "harga_pangan_assignment" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_assignment_platform" ON "harga_pangan_assignment" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_commodity_region_isolation" ON "harga_pangan_commodity" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_commodity_platform" ON "harga_pangan_commodity" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_daily_region_isolation" ON "harga_pangan_daily" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_daily_platform" ON "harga_pangan_daily" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_entry_key_region_isolation" ON "harga_pangan_entry_key" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_entry_key_platform" ON "harga_pangan_entry_key" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_import_region_isolation" ON "harga_pangan_import" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_import_platform" ON "harga_pangan_import" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_market_region_isolation" ON "harga_pangan_market" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_market_platform" ON "harga_pangan_market" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_notification_region_isolation" ON "harga_pangan_notification" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_notification_platform" ON "harga_pangan_notification" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_price_region_isolation" ON "harga_pangan_price" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_price_platform" ON "harga_pangan_price" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "harga_pangan_reference_region_isolation" ON "harga_pangan_reference" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "harga_pangan_reference_platform" ON "harga_pangan_reference" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);