ALTER TABLE "laksa_webhook" ADD COLUMN "previous_secret" text;--> statement-breakpoint
ALTER TABLE "laksa_webhook" ADD COLUMN "previous_secret_expires_at" timestamp with time zone;