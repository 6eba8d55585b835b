CREATE TABLE "card_credit_shards" (
	"card_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"received_success_count" bigint DEFAULT 0 NOT NULL,
	"received_from_own_success_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "card_credit_shards_card_id_shard_pk" PRIMARY KEY("card_id","shard"),
	CONSTRAINT "card_credit_shards_balance_non_negative" CHECK ("card_credit_shards"."balance" >= 0)
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "sent_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "sent_success_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "received_success_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "received_from_own_success_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "card_credit_shards" ADD CONSTRAINT "card_credit_shards_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_success_between_two_cards" CHECK ("transactions"."status" = 'failed' or "transactions"."from_card_id" is distinct from "transactions"."to_card_id");--> statement-breakpoint
-- The platform card's credit shards. A posting holds its shard until its commit
-- is durable, so there are more shards than postings commit at once (16 were
-- all held at 32 concurrent payments locally; 64 never were).
INSERT INTO "card_credit_shards" ("card_id", "shard")
SELECT "id", generate_series(0, 63) FROM "cards" WHERE "card_number" = '7777000000000000';--> statement-breakpoint
-- The counters from the rows so far (as ledger_rebuild_card_counters() computes them).
UPDATE "cards" c
SET "sent_count" = n.sent, "sent_success_count" = n.sent_success,
    "received_success_count" = n.received, "received_from_own_success_count" = n.received_from_own
FROM (
  SELECT k."id",
         coalesce(s.sent, 0) AS sent, coalesce(s.sent_success, 0) AS sent_success,
         coalesce(r.received, 0) AS received, coalesce(r.received_from_own, 0) AS received_from_own
  FROM "cards" k
  LEFT JOIN (SELECT "from_card_id" AS card_id, count(*) AS sent,
                    count(*) FILTER (WHERE "status" = 'success') AS sent_success
             FROM "transactions" WHERE "from_card_id" IS NOT NULL GROUP BY "from_card_id") s
    ON s.card_id = k."id"
  LEFT JOIN (SELECT t."to_card_id" AS card_id, count(*) AS received,
                    count(*) FILTER (WHERE f."user_id" = o."user_id") AS received_from_own
             FROM "transactions" t
             JOIN "cards" o ON o."id" = t."to_card_id"
             LEFT JOIN "cards" f ON f."id" = t."from_card_id"
             WHERE t."status" = 'success' GROUP BY t."to_card_id") r
    ON r.card_id = k."id"
) n
WHERE n."id" = c."id" AND (n.sent, n.received) <> (0, 0);
