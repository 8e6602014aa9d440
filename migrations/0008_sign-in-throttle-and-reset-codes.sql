CREATE TABLE "sign_in_throttle" (
	"region_id" uuid NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttle_region_id_key_pk" PRIMARY KEY("region_id","key")
);
--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "verification_code" ADD COLUMN "purpose" text DEFAULT 'verify' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_throttle_last_failure_idx" ON "sign_in_throttle" USING btree ("region_id","last_failure_at");--> statement-breakpoint
ALTER TABLE "app_user" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "app_user" DROP COLUMN "locked_until";--> statement-breakpoint
CREATE POLICY "sign_in_throttle_region_isolation" ON "sign_in_throttle" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sign_in_throttle_platform" ON "sign_in_throttle" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);