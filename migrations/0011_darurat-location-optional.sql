ALTER TABLE "darurat_incident" ALTER COLUMN "lat" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "darurat_incident" ALTER COLUMN "lng" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "darurat_incident" ADD CONSTRAINT "darurat_incident_location_ck" CHECK (("darurat_incident"."lat" is null) = ("darurat_incident"."lng" is null));