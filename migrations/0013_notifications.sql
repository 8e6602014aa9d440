CREATE TABLE "notification" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"topic" text NOT NULL,
	"area_code" text,
	"title" jsonb NOT NULL,
	"body" jsonb,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notification_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "notification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_job" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"email_to" text,
	"cursor" uuid,
	"leased_until" timestamp with time zone,
	"sent" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "notification_job_region_id_id_pk" PRIMARY KEY("region_id","id")
);
--> statement-breakpoint
ALTER TABLE "notification_job" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"region_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	"area_code" text,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preference_region_id_user_id_topic_pk" PRIMARY KEY("region_id","user_id","topic")
);
--> statement-breakpoint
ALTER TABLE "notification_preference" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_read" (
	"region_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"notification_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_read_region_id_user_id_notification_id_pk" PRIMARY KEY("region_id","user_id","notification_id")
);
--> statement-breakpoint
ALTER TABLE "notification_read" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_retry" (
	"region_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"attempts" smallint DEFAULT 1 NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	"last_error" text,
	CONSTRAINT "notification_retry_region_id_job_id_subscription_id_pk" PRIMARY KEY("region_id","job_id","subscription_id")
);
--> statement-breakpoint
ALTER TABLE "notification_retry" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "push_subscription" (
	"region_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"topics" text[] NOT NULL,
	"area_code" text,
	"lang" text DEFAULT 'id' NOT NULL,
	"base_path" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sent_at" timestamp with time zone,
	CONSTRAINT "push_subscription_region_id_id_pk" PRIMARY KEY("region_id","id"),
	CONSTRAINT "push_subscription_endpoint_uq" UNIQUE("region_id","endpoint")
);
--> statement-breakpoint
ALTER TABLE "push_subscription" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "push_vapid" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "push_vapid" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_job" ADD CONSTRAINT "notification_job_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_job" ADD CONSTRAINT "notification_job_region_id_notification_id_notification_region_id_id_fk" FOREIGN KEY ("region_id","notification_id") REFERENCES "public"."notification"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_region_id_notification_id_notification_region_id_id_fk" FOREIGN KEY ("region_id","notification_id") REFERENCES "public"."notification"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_retry" ADD CONSTRAINT "notification_retry_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_retry" ADD CONSTRAINT "notification_retry_region_id_job_id_notification_job_region_id_id_fk" FOREIGN KEY ("region_id","job_id") REFERENCES "public"."notification_job"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_retry" ADD CONSTRAINT "notification_retry_region_id_subscription_id_push_subscription_region_id_id_fk" FOREIGN KEY ("region_id","subscription_id") REFERENCES "public"."push_subscription"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscription" ADD CONSTRAINT "push_subscription_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscription" ADD CONSTRAINT "push_subscription_region_id_user_id_app_user_region_id_id_fk" FOREIGN KEY ("region_id","user_id") REFERENCES "public"."app_user"("region_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("region_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_broadcast_idx" ON "notification" USING btree ("region_id","topic","created_at") WHERE user_id is null;--> statement-breakpoint
CREATE INDEX "notification_job_notification_idx" ON "notification_job" USING btree ("region_id","notification_id");--> statement-breakpoint
CREATE INDEX "notification_job_pending_idx" ON "notification_job" USING btree ("region_id","created_at") WHERE done_at is null;--> statement-breakpoint
CREATE INDEX "notification_read_notification_idx" ON "notification_read" USING btree ("region_id","notification_id");--> statement-breakpoint
CREATE INDEX "notification_retry_due_idx" ON "notification_retry" USING btree ("region_id","next_at");--> statement-breakpoint
CREATE INDEX "notification_retry_subscription_idx" ON "notification_retry" USING btree ("region_id","subscription_id");--> statement-breakpoint
CREATE INDEX "push_subscription_user_idx" ON "push_subscription" USING btree ("region_id","user_id");--> statement-breakpoint
CREATE INDEX "push_subscription_topics_idx" ON "push_subscription" USING gin ("topics");--> statement-breakpoint
CREATE POLICY "notification_region_isolation" ON "notification" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_platform" ON "notification" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "notification_job_region_isolation" ON "notification_job" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_job_platform" ON "notification_job" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "notification_preference_region_isolation" ON "notification_preference" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_preference_platform" ON "notification_preference" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "notification_read_region_isolation" ON "notification_read" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_read_platform" ON "notification_read" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "notification_retry_region_isolation" ON "notification_retry" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_retry_platform" ON "notification_retry" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "push_subscription_region_isolation" ON "push_subscription" AS PERMISSIVE FOR ALL TO "simpul_app" USING (region_id = nullif(current_setting('app.region_id', true), '')::uuid) WITH CHECK (region_id = nullif(current_setting('app.region_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "push_subscription_platform" ON "push_subscription" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "push_vapid_platform" ON "push_vapid" AS PERMISSIVE FOR ALL TO "simpul_platform" USING (true) WITH CHECK (true);