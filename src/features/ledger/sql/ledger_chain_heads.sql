-- Every hash chain's head as its row stores it: cards, the platform card's
-- credit shards, system accounts (card_id is null for those).
CREATE OR REPLACE FUNCTION ledger_chain_heads()
RETURNS TABLE (account text, card_id uuid, length bigint, head bytea)
LANGUAGE sql STABLE
AS $$
  SELECT ledger_chain_account(c.id, NULL, NULL), c.id, c.chain_length, c.chain_head FROM cards c
  UNION ALL
  SELECT ledger_chain_account(s.card_id, NULL, s.shard), s.card_id, s.chain_length, s.chain_head
  FROM card_credit_shards s
  UNION ALL
  SELECT ledger_chain_account(NULL, a.code, NULL), NULL, a.chain_length, a.chain_head
  FROM system_accounts a
$$;
