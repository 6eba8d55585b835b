-- The link of a hash chain: sha256(previous hash ‖ canonical entry), where the
-- previous hash of a chain's first entry is 32 zero bytes and the canonical
-- entry is the UTF-8 text
--   chontak-ledger-v1|<entry id>|<transaction id>|<transaction type>|<account>|<position>|<amount>|<created_at>
-- entry id, position and amount (signed tiyin, negative = debit) in decimal,
-- the transaction id as a lower-case uuid, the account as ledger_chain_account
-- names it, created_at as integer microseconds since 1970-01-01 UTC. Every
-- field is from an alphabet without '|', so the text is unambiguous.
CREATE OR REPLACE FUNCTION ledger_entry_hash(
  p_prev bytea,
  p_entry_id bigint,
  p_transaction_id uuid,
  p_type text,
  p_account text,
  p_position bigint,
  p_amount bigint,
  p_created_at timestamptz
) RETURNS bytea
LANGUAGE sql STABLE
AS $$
  SELECT sha256(
    coalesce(p_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
    || convert_to(
      'chontak-ledger-v1|' || p_entry_id::text || '|' || p_transaction_id::text || '|' || p_type
      || '|' || p_account || '|' || p_position::text || '|' || p_amount::text
      || '|' || (extract(epoch FROM p_created_at) * 1000000)::bigint::text,
      'UTF8'))
$$;
