ALTER TABLE "region_domain" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "region_domain" ADD COLUMN "token" text;--> statement-breakpoint
-- Names that served a region before proofs existed keep serving it.
UPDATE "region_domain" SET "verified_at" = now() WHERE "verified_at" IS NULL;--> statement-breakpoint
-- Any change to a region, its host names or its module switches — by the API, the onboarding CLI or
-- psql — tells every API process to refresh its region directory (NOTIFY is delivered on commit).
CREATE OR REPLACE FUNCTION simpul_region_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('simpul_region_cache', (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END) ->> TG_ARGV[0]);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER region_cache_notify AFTER INSERT OR UPDATE OR DELETE ON "region" FOR EACH ROW EXECUTE FUNCTION simpul_region_cache_notify('id');--> statement-breakpoint
CREATE TRIGGER region_domain_cache_notify AFTER INSERT OR UPDATE OR DELETE ON "region_domain" FOR EACH ROW EXECUTE FUNCTION simpul_region_cache_notify('region_id');--> statement-breakpoint
CREATE TRIGGER region_module_cache_notify AFTER INSERT OR UPDATE OR DELETE ON "region_module" FOR EACH ROW EXECUTE FUNCTION simpul_region_cache_notify('region_id');
