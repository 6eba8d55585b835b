DROP INDEX "audit_log_created_idx";--> statement-breakpoint
DROP INDEX "transactions_from_card_created_idx";--> statement-breakpoint
DROP INDEX "transactions_to_card_created_idx";--> statement-breakpoint
DROP INDEX "transactions_created_idx";--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "transactions_from_card_created_idx" ON "transactions" USING btree ("from_card_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "transactions_to_card_created_idx" ON "transactions" USING btree ("to_card_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "transactions_created_idx" ON "transactions" USING btree ("created_at" DESC NULLS FIRST);