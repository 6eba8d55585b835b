-- Writes one ledger entry as the next link of its account's hash chain and
-- returns the chain's new head. The caller holds the lock on the head row (the
-- card, the platform card's credit shard, or the system account), passes its
-- current head, and stores the returned one in the same UPDATE that moves the
-- balance: chaining adds no lock, no shared row and no extra row version (a hot
-- receiver's row is rewritten once per posting, not twice).
--
-- The session setting chontak.ledger_chain = 'off' writes a plain, unchained
-- entry and leaves the head where it was: the benchmark uses it, inside a
-- transaction it rolls back, to measure what the chain costs. The proof reports
-- such an entry as a broken link.
CREATE OR REPLACE FUNCTION ledger_chain_link(
  p_head bytea,
  p_length bigint,
  p_transaction_id uuid,
  p_type transaction_type,
  p_amount bigint,
  p_card_id uuid DEFAULT NULL,
  p_system_account text DEFAULT NULL,
  p_shard smallint DEFAULT NULL,
  OUT head bytea,
  OUT length bigint
)
LANGUAGE plpgsql
AS $$
DECLARE
  v_id bigint;
  v_now timestamptz := now();
BEGIN
  IF current_setting('chontak.ledger_chain', true) = 'off' THEN
    INSERT INTO ledger_entries (transaction_id, card_id, system_account, shard, amount)
    VALUES (p_transaction_id, p_card_id, p_system_account, p_shard, p_amount);
    head := p_head;
    length := p_length;
    RETURN;
  END IF;
  length := p_length + 1;
  -- The id is part of the hash, so it is drawn before the row is written.
  v_id := nextval('ledger_entries_id_seq');
  head := ledger_entry_hash(p_head, v_id, p_transaction_id, p_type::text,
                            ledger_chain_account(p_card_id, p_system_account, p_shard),
                            length, p_amount, v_now);
  INSERT INTO ledger_entries (id, transaction_id, card_id, system_account, shard, amount,
                              created_at, chain_position, hash)
  OVERRIDING SYSTEM VALUE
  VALUES (v_id, p_transaction_id, p_card_id, p_system_account, p_shard, p_amount,
          v_now, length, head);
END;
$$;
