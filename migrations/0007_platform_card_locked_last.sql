-- The platform card is the hot row: every commission credits it. Until now it was
-- locked with the sender and receiver (in id order, and its id sorts first), so each
-- commission-paying transfer held it for the whole function plus the commit and the
-- transfers queued behind one another. Now:
--   * the platform card is locked after every other card, never in the id-ordered
--     set (a transfer or payment TO it locks it last, so the order stays global and
--     nothing can deadlock);
--   * a commission takes no lock up front: its entry is written with the others, and
--     the balance update is the function's last write, so the row is held only for
--     that update and the commit.
-- The platform card is only ever credited (nobody can spend from it), so no check
-- needs its balance under a lock.
CREATE OR REPLACE FUNCTION ledger_post(
  p_type transaction_type,
  p_initiator uuid,
  p_idempotency_key text,       -- NULL: not an idempotent request
  p_request_hash text,
  p_from_card_id uuid,          -- NULL: the money comes from the treasury
  p_sender_owner uuid,          -- the sender card must belong to this user (NULL: any owner)
  p_to_card_number text,
  p_amount bigint,
  p_commission bigint,
  p_min_amount bigint,
  p_max_amount bigint,
  p_platform_card_number text,
  p_description text
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_today date := (now() AT TIME ZONE 'Asia/Tashkent')::date;
  v_existing idempotency_keys%ROWTYPE;
  v_sender cards%ROWTYPE;
  v_receiver cards%ROWTYPE;
  v_platform_id uuid;
  v_failure text;
  v_transaction_id uuid;
  v_snapshot jsonb;
  v_status_code smallint;
BEGIN
  IF p_amount <= 0 OR p_commission < 0 THEN
    RAISE EXCEPTION 'ledger_post: amount must be positive and commission non-negative';
  END IF;

  -- 1. Claim the key. A concurrent request with the same key waits here for
  --    the first to commit, then finds its outcome: exactly once even when
  --    Redis has forgotten the in-flight lock.
  IF p_idempotency_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body, expires_at)
    VALUES (p_initiator, p_idempotency_key, p_request_hash, 0, 'null'::jsonb, now() + interval '24 hours')
    ON CONFLICT (user_id, key) DO NOTHING;
    IF NOT FOUND THEN
      SELECT * INTO v_existing FROM idempotency_keys
      WHERE user_id = p_initiator AND key = p_idempotency_key
      FOR UPDATE;
      IF v_existing.expires_at > now() THEN
        RETURN jsonb_build_object(
          'outcome', 'replay',
          'request_hash', v_existing.request_hash,
          'status_code', v_existing.status_code,
          'transaction', v_existing.response_body);
      END IF;
      -- An expired record (older than 24 h) frees its key for a new request.
      UPDATE idempotency_keys
      SET request_hash = p_request_hash, status_code = 0, response_body = 'null'::jsonb,
          transaction_id = NULL, created_at = now(), expires_at = now() + interval '24 hours'
      WHERE user_id = p_initiator AND key = p_idempotency_key;
    END IF;
  END IF;

  -- 2. Resolve the cards (no locks yet).
  IF p_from_card_id IS NOT NULL THEN
    SELECT * INTO v_sender FROM cards
    WHERE id = p_from_card_id AND (p_sender_owner IS NULL OR user_id = p_sender_owner);
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'SENDER_CARD_NOT_FOUND';
    END IF;
  END IF;
  SELECT * INTO v_receiver FROM cards WHERE card_number = p_to_card_number;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'RECEIVER_CARD_NOT_FOUND';
  END IF;

  -- 3. Checks that need no lock, in the spec's order.
  IF v_sender.id = v_receiver.id THEN
    v_failure := 'SAME_CARD';
  ELSIF (v_sender.id IS NOT NULL AND (v_sender.status <> 'active' OR v_sender.expiry_date < v_today))
     OR v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today THEN
    v_failure := 'CARD_NOT_ACTIVE';
  ELSIF p_amount < p_min_amount THEN
    v_failure := 'AMOUNT_TOO_SMALL';
  ELSIF p_amount > p_max_amount THEN
    v_failure := 'LIMIT_EXCEEDED';
  END IF;

  IF v_failure IS NULL THEN
    IF p_commission > 0 THEN
      SELECT id INTO v_platform_id FROM cards WHERE card_number = p_platform_card_number;
      IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CT503', MESSAGE = 'PLATFORM_CARD_MISSING';
      END IF;
    END IF;

    -- 4. Lock the cards involved in id order, so opposite transfers cannot deadlock;
    --    the platform card always last (see the header).
    PERFORM 1 FROM cards
    WHERE id = ANY (array_remove(ARRAY[v_sender.id, v_receiver.id], NULL))
      AND card_number IS DISTINCT FROM p_platform_card_number
    ORDER BY id
    FOR UPDATE;
    PERFORM 1 FROM cards
    WHERE id = ANY (array_remove(ARRAY[v_sender.id, v_receiver.id], NULL))
      AND card_number IS NOT DISTINCT FROM p_platform_card_number
    FOR UPDATE;

    -- 5. Re-read under the locks: status may have changed, balances surely did.
    IF v_sender.id IS NOT NULL THEN
      SELECT * INTO v_sender FROM cards WHERE id = v_sender.id;
    END IF;
    SELECT * INTO v_receiver FROM cards WHERE id = v_receiver.id;
    IF (v_sender.id IS NOT NULL AND (v_sender.status <> 'active' OR v_sender.expiry_date < v_today))
       OR v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today THEN
      v_failure := 'CARD_NOT_ACTIVE';
    ELSIF v_sender.id IS NOT NULL AND v_sender.balance < p_amount + p_commission THEN
      v_failure := 'INSUFFICIENT_FUNDS';
    END IF;
  END IF;

  -- 6. The transaction row: success, or a recorded refusal with no entries.
  INSERT INTO transactions (type, status, from_card_id, to_card_id, amount, commission,
                            description, failure_reason, initiated_by, completed_at)
  VALUES (p_type,
          CASE WHEN v_failure IS NULL THEN 'success' ELSE 'failed' END::transaction_status,
          v_sender.id, v_receiver.id, p_amount,
          CASE WHEN v_failure IS NULL THEN p_commission ELSE 0 END,
          p_description, v_failure, p_initiator,
          CASE WHEN v_failure IS NULL THEN now() END)
  RETURNING id INTO v_transaction_id;

  IF v_failure IS NULL THEN
    -- 7. Double entry: debit the source, credit the receiver, and the platform's
    --    entry (its balance moves in step 9); the entries sum to zero.
    IF v_sender.id IS NULL THEN
      UPDATE system_accounts SET balance = balance - p_amount WHERE code = 'treasury';
      INSERT INTO ledger_entries (transaction_id, system_account, amount)
      VALUES (v_transaction_id, 'treasury', -p_amount);
    ELSE
      UPDATE cards SET balance = balance - (p_amount + p_commission), updated_at = now()
      WHERE id = v_sender.id;
      INSERT INTO ledger_entries (transaction_id, card_id, amount)
      VALUES (v_transaction_id, v_sender.id, -(p_amount + p_commission));
    END IF;
    UPDATE cards SET balance = balance + p_amount, updated_at = now() WHERE id = v_receiver.id;
    INSERT INTO ledger_entries (transaction_id, card_id, amount)
    VALUES (v_transaction_id, v_receiver.id, p_amount);
    IF p_commission > 0 THEN
      INSERT INTO ledger_entries (transaction_id, card_id, amount)
      VALUES (v_transaction_id, v_platform_id, p_commission);
    END IF;
  END IF;

  -- 8. The outcome, stored under the key in this same transaction.
  v_snapshot := ledger_transaction_snapshot(v_transaction_id);
  v_status_code := CASE WHEN v_failure IS NULL THEN 201 ELSE 400 END;
  IF p_idempotency_key IS NOT NULL THEN
    UPDATE idempotency_keys
    SET status_code = v_status_code, response_body = v_snapshot, transaction_id = v_transaction_id
    WHERE user_id = p_initiator AND key = p_idempotency_key;
  END IF;

  -- 9. Last write: the commission into the platform card's balance, so its row lock
  --    is held only from here to the commit.
  IF v_failure IS NULL AND p_commission > 0 THEN
    UPDATE cards SET balance = balance + p_commission, updated_at = now() WHERE id = v_platform_id;
  END IF;

  RETURN jsonb_build_object('outcome', 'recorded', 'status_code', v_status_code, 'transaction', v_snapshot);
END;
$$;
