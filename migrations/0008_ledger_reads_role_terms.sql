CREATE TYPE "public"."card_freezer" AS ENUM('owner', 'bank', 'limit');--> statement-breakpoint
CREATE TABLE "role_terms" (
	"role" "user_role" PRIMARY KEY NOT NULL,
	"commission_bp" integer NOT NULL,
	"min_amount" bigint NOT NULL,
	"max_amount" bigint NOT NULL,
	"max_cards" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_terms_commission" CHECK ("role_terms"."commission_bp" between 0 and 10000),
	CONSTRAINT "role_terms_bounds" CHECK (0 < "role_terms"."min_amount" and "role_terms"."min_amount" <= "role_terms"."max_amount"),
	CONSTRAINT "role_terms_cards" CHECK ("role_terms"."max_cards" >= 1)
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "frozen_by" "card_freezer";--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "freeze_reason" varchar(32);--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "response_context" jsonb;
--> statement-breakpoint
-- drizzle's index builder cannot express INCLUDE: carrying from_card_id keeps the
-- received-side count of a history page an index-only scan.
DROP INDEX "transactions_to_card_created_idx";--> statement-breakpoint
CREATE INDEX "transactions_to_card_created_idx" ON "transactions" USING btree
  ("to_card_id", "created_at" DESC NULLS FIRST, "id" DESC NULLS FIRST) INCLUDE ("from_card_id")
  WHERE "status" = 'success';--> statement-breakpoint
-- The terms of each role (so'm × 100 = tiyin). The system role owns the platform
-- card and never pays; it has no terms.
INSERT INTO "role_terms" ("role", "commission_bp", "min_amount", "max_amount", "max_cards") VALUES
  ('user', 100, 200000, 200000000, 1),
  ('premium', 0, 200000, 400000000, 5),
  ('admin', 0, 200000, 10000000000, 5);--> statement-breakpoint
-- Who froze the cards frozen today: the bank when an admin's status change was the
-- last one, else the owner (a new card opens frozen by its owner).
UPDATE "cards" c SET "frozen_by" = CASE WHEN EXISTS (
    SELECT 1 FROM "audit_log" a
    WHERE a."entity_type" = 'card' AND a."entity_id" = c."id"::text AND a."action" = 'card.status'
      AND a."after"->>'status' = 'frozen'
      AND a."created_at" >= c."updated_at" - interval '1 second')
  THEN 'bank'::card_freezer ELSE 'owner'::card_freezer END
WHERE c."status" = 'frozen';--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_frozen_by" CHECK (("cards"."status" = 'frozen') = ("cards"."frozen_by" is not null));--> statement-breakpoint
-- The platform card is the system's, not a person's: it shows as "Cho'ntak".
UPDATE "users" SET "full_name" = 'Cho''ntak' WHERE "id" = '00000000-0000-0000-0000-000000000000';--> statement-breakpoint
-- ledger_post now reads the initiator's role and terms itself, and the purchase
-- passes what its answer is rendered with. Their sources are the files in
-- src/features/*/sql/, applied after the migrations.
DROP FUNCTION IF EXISTS ledger_post(transaction_type, uuid, text, text, uuid, uuid, text, bigint, bigint, bigint, bigint, text, text);--> statement-breakpoint
DROP FUNCTION IF EXISTS subscription_purchase(uuid, uuid, text, text, bigint, interval, text, text);
--> statement-breakpoint
-- Stored outcomes from before: the context a replay renders with, from the role today.
UPDATE "idempotency_keys" k SET "response_context" = (
  SELECT jsonb_build_object('role', u."role", 'min', coalesce(t."min_amount", 0)::text,
                            'max', coalesce(t."max_amount", 0)::text)
  FROM "users" u LEFT JOIN "role_terms" t ON t."role" = u."role" WHERE u."id" = k."user_id")
WHERE k."response_context" IS NULL AND k."status_code" <> 0;
