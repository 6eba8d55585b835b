-- Writes one ledger entry as the next link of its account's hash chain and
-- moves the chain's head. The caller holds the lock on the head row (the card,
-- the platform card's credit shard, or the system account) — ledger_post takes
-- it for the balance anyway — so chaining adds no lock and no shared row.
--
-- The session setting chontak.ledger_chain = 'off' writes a plain, unchained
-- entry: the benchmark uses it, inside a transaction it rolls back, to measure
-- what the chain costs. The proof reports such an entry as a broken link.
CREATE OR REPLACE FUNCTION ledger_chain_append(
  p_transaction_id uuid,
  p_type transaction_type,
  p_amount bigint,
  p_card_id uuid DEFAULT NULL,
  p_system_account text DEFAULT NULL,
  p_shard smallint DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  v_id bigint;
  v_prev bytea;
  v_position bigint;
  v_hash bytea;
  v_now timestamptz := now();
BEGIN
  IF current_setting('chontak.ledger_chain', true) = 'off' THEN
    INSERT INTO ledger_entries (transaction_id, card_id, system_account, shard, amount)
    VALUES (p_transaction_id, p_card_id, p_system_account, p_shard, p_amount);
    RETURN;
  END IF;
  IF p_card_id IS NULL THEN
    SELECT chain_head, chain_length + 1 INTO v_prev, v_position
    FROM system_accounts WHERE code = p_system_account;
  ELSIF p_shard IS NULL THEN
    SELECT chain_head, chain_length + 1 INTO v_prev, v_position
    FROM cards WHERE id = p_card_id;
  ELSE
    SELECT chain_head, chain_length + 1 INTO v_prev, v_position
    FROM card_credit_shards WHERE card_id = p_card_id AND shard = p_shard;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger_chain_append: no account % % %', p_card_id, p_system_account, p_shard;
  END IF;
  -- The id is part of the hash, so it is drawn before the row is written.
  v_id := nextval('ledger_entries_id_seq');
  v_hash := ledger_entry_hash(v_prev, v_id, p_transaction_id, p_type::text,
                              ledger_chain_account(p_card_id, p_system_account, p_shard),
                              v_position, p_amount, v_now);
  INSERT INTO ledger_entries (id, transaction_id, card_id, system_account, shard, amount,
                              created_at, chain_position, hash)
  OVERRIDING SYSTEM VALUE
  VALUES (v_id, p_transaction_id, p_card_id, p_system_account, p_shard, p_amount,
          v_now, v_position, v_hash);
  IF p_card_id IS NULL THEN
    UPDATE system_accounts SET chain_head = v_hash, chain_length = v_position
    WHERE code = p_system_account;
  ELSIF p_shard IS NULL THEN
    UPDATE cards SET chain_head = v_hash, chain_length = v_position WHERE id = p_card_id;
  ELSE
    UPDATE card_credit_shards SET chain_head = v_hash, chain_length = v_position
    WHERE card_id = p_card_id AND shard = p_shard;
  END IF;
END;
$$;
