ALTER TABLE "region" ADD COLUMN "map" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "region_area" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "region_area" ADD COLUMN "lng" double precision;--> statement-breakpoint
ALTER TABLE "region_area" ADD COLUMN "boundary" jsonb;