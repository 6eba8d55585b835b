ALTER TABLE "cards" ADD COLUMN "activated" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Cards opened before this column: one frozen by its owner and never changed since
-- it was opened (no status change, no posting) was never activated.
UPDATE "cards" SET "activated" = false
WHERE "status" = 'frozen' AND "frozen_by" = 'owner' AND "updated_at" = "created_at";
