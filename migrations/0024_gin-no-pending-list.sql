-- GIN indexes without a pending list (api/core/db/indexes.ts `ginIndex`): every search read the
-- whole list of entries not yet merged (up to 4 MB), and one insert paid for the merge. Set in
-- place, no rebuild; the entries already pending are merged now rather than at the next vacuum.
ALTER INDEX "push_subscription_topics_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "eoffice_letter_search_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "laksa_report_search_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('push_subscription_topics_idx'), gin_clean_pending_list('eoffice_letter_search_idx'), gin_clean_pending_list('laksa_report_search_idx');
