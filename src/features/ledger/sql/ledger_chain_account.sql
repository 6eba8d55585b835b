-- The name of a hash chain, part of every canonical entry and of every digest
-- leaf: a card's own chain ('card:<uuid>'), one credit shard's chain of the
-- platform card ('card:<uuid>/shard:<n>'), or a system account's
-- ('system:<code>'). Lower-case uuids, decimal shard numbers.
CREATE OR REPLACE FUNCTION ledger_chain_account(p_card_id uuid, p_system_account text, p_shard smallint)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  SELECT CASE
    WHEN p_card_id IS NULL THEN 'system:' || p_system_account
    WHEN p_shard IS NULL THEN 'card:' || p_card_id::text
    ELSE 'card:' || p_card_id::text || '/shard:' || p_shard::text
  END
$$;
