CREATE TABLE "ledger_digests" (
	"day" date PRIMARY KEY NOT NULL,
	"root" "bytea" NOT NULL,
	"chains" integer NOT NULL,
	"entries" bigint NOT NULL,
	"chain_lengths" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "card_credit_shards" ADD COLUMN "chain_head" "bytea";--> statement-breakpoint
ALTER TABLE "card_credit_shards" ADD COLUMN "chain_length" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "chain_head" "bytea";--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "chain_length" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "shard" smallint;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "chain_position" bigint;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "hash" "bytea";--> statement-breakpoint
ALTER TABLE "system_accounts" ADD COLUMN "chain_head" "bytea";--> statement-breakpoint
ALTER TABLE "system_accounts" ADD COLUMN "chain_length" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written:
-- Chains the entries written before this migration, per account in the order
-- they were written (created_at, then id), and sets every head. Entries to the
-- platform card had no shard then: they form its card row's own chain. The
-- encoding is the one ledger_entry_hash documents, written out here because
-- the function files are applied after the migrations.
DO $$
DECLARE
  r record;
  v_account text;
  v_last text := NULL;
  v_prev bytea;
  v_position bigint;
  v_hash bytea;
BEGIN
  FOR r IN
    SELECT e.id, e.transaction_id, e.card_id, e.system_account, e.amount, e.created_at,
           t.type::text AS type
    FROM ledger_entries e JOIN transactions t ON t.id = e.transaction_id
    ORDER BY e.card_id, e.system_account, e.created_at, e.id
  LOOP
    v_account := CASE WHEN r.card_id IS NULL THEN 'system:' || r.system_account
                      ELSE 'card:' || r.card_id::text END;
    IF v_account IS DISTINCT FROM v_last THEN
      v_prev := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
      v_position := 0;
      v_last := v_account;
    END IF;
    v_position := v_position + 1;
    v_hash := sha256(v_prev || convert_to(
      'chontak-ledger-v1|' || r.id::text || '|' || r.transaction_id::text || '|' || r.type
      || '|' || v_account || '|' || v_position::text || '|' || r.amount::text
      || '|' || (extract(epoch FROM r.created_at) * 1000000)::bigint::text, 'UTF8'));
    UPDATE ledger_entries SET chain_position = v_position, hash = v_hash WHERE id = r.id;
    v_prev := v_hash;
  END LOOP;
END;
$$;
--> statement-breakpoint
UPDATE cards c SET chain_head = l.hash, chain_length = l.chain_position
FROM (SELECT DISTINCT ON (card_id) card_id, hash, chain_position FROM ledger_entries
      WHERE card_id IS NOT NULL ORDER BY card_id, chain_position DESC) l
WHERE l.card_id = c.id;
--> statement-breakpoint
UPDATE system_accounts a SET chain_head = l.hash, chain_length = l.chain_position
FROM (SELECT DISTINCT ON (system_account) system_account, hash, chain_position FROM ledger_entries
      WHERE system_account IS NOT NULL ORDER BY system_account, chain_position DESC) l
WHERE l.system_account = a.code;
