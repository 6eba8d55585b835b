-- The ledger's one write path. Every money movement (transfer, cash-in,
-- premium payment, the card-limit consolidation) is a single call of this
-- function: one statement, one round trip, so row locks are held only for the
-- function's own work plus the commit, never across network round trips.
--
-- Order: lock the initiator's user row (shared) and read its role and terms →
-- claim the idempotency key → the step-up check → resolve the cards → checks that need no lock →
-- lock the cards in id order, never the platform card → re-check status,
-- expiry and funds → write the transaction, entries that sum to zero, the
-- balances and the cards' history counters → store the outcome under the key
-- → credit the platform card, last, in one of its shards.
--
-- The platform card only receives, and what it receives goes to one of its
-- credit shards that no other posting holds (card_totals() adds them to its
-- row), so no payment waits for another on the one row they all pay into.
--
-- Pricing comes from role_terms for the role the initiator has inside this
-- transaction: a role change waits for the postings in flight (the share lock)
-- and every posting after it sees the new role.
--
-- A business refusal is recorded as a failed transaction with no entries and
-- replayed like a success. "Not found" raises SQLSTATE CT404, "not allowed"
-- CT403, a missing platform card CT503, each with the problem code as the
-- message; nothing is written then.
--
-- The receiver is addressed by card number or by phone number, exactly one
-- (p_to_card_number NULL for a phone). A phone resolves to its owner's
-- receiving card here, under the same statement: the card they chose if it
-- can receive, else their oldest card that can. A person who turned off being
-- found by phone, or has no card that can receive, answers like an unknown
-- phone (CT404 RECEIVER_PHONE_NOT_FOUND).
--
-- Named arguments (callers write p_amount => …); the defaults make a plain,
-- non-idempotent posting.
CREATE OR REPLACE FUNCTION ledger_post(
  p_type transaction_type,
  p_initiator uuid,
  p_to_card_number text,                     -- NULL when the receiver is addressed by phone
  p_amount bigint,
  p_platform_card_number text,
  p_from_card_id uuid DEFAULT NULL,          -- NULL: the money comes from the treasury
  p_description text DEFAULT NULL,
  p_idempotency_key text DEFAULT NULL,       -- NULL: not an idempotent request
  p_request_hash text DEFAULT NULL,
  p_response_context jsonb DEFAULT NULL,     -- stored for replays (request id, language)
  p_between_own_cards boolean DEFAULT false, -- the card-limit consolidation: no fee, no bounds
  p_to_phone_number text DEFAULT NULL,       -- E.164; then p_to_card_number is NULL
  p_step_up_verified boolean DEFAULT false   -- a fresh step-up confirmation bound to this payment
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_today date := tashkent_today();
  v_role user_role;
  v_step_up_threshold bigint;
  v_terms role_terms%ROWTYPE;
  v_commission bigint := 0;
  v_min bigint := p_amount;
  v_max bigint := p_amount;
  v_context jsonb;
  v_existing idempotency_keys%ROWTYPE;
  v_sender cards%ROWTYPE;
  v_receiver cards%ROWTYPE;
  v_hidden boolean;
  v_to_platform boolean;
  v_own_card smallint := 0;
  v_platform_id uuid;
  v_shard smallint;
  v_head bytea;
  v_length bigint;
  v_failure text;
  v_transaction_id uuid;
  v_snapshot jsonb;
  v_status_code smallint;
BEGIN
  IF p_amount <= 0 THEN
    RAISE EXCEPTION 'ledger_post: amount must be positive';
  END IF;
  IF (p_to_card_number IS NULL) = (p_to_phone_number IS NULL) THEN
    RAISE EXCEPTION 'ledger_post: give exactly one of a card number and a phone number';
  END IF;

  -- 1. The initiator's role, under a share lock taken before any other lock
  --    (user row → key → cards is the order of every path).
  SELECT role, step_up_threshold INTO v_role, v_step_up_threshold
  FROM users WHERE id = p_initiator FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'USER_NOT_FOUND';
  END IF;
  -- Cash-in is an admin's (or the system's own: seeding, funding in tests).
  IF p_type = 'deposit' AND v_role NOT IN ('admin', 'system') THEN
    RAISE EXCEPTION USING ERRCODE = 'CT403', MESSAGE = 'FORBIDDEN';
  END IF;
  -- A premium payment costs its price (bounds and fee do not apply); so do a
  -- consolidation and the system's own cash-in. Transfers and an admin's
  -- cash-in follow the role's terms.
  IF p_type IN ('transfer', 'deposit') AND NOT p_between_own_cards AND v_role <> 'system' THEN
    SELECT * INTO v_terms FROM role_terms WHERE role = v_role;
    IF NOT FOUND THEN
      -- Every role that logs in has terms (migration 0008): a missing row is a broken deploy.
      RAISE EXCEPTION 'ledger_post: role % has no terms', v_role;
    END IF;
    v_min := v_terms.min_amount;
    v_max := v_terms.max_amount;
    IF p_type = 'transfer' THEN
      -- Half-up to the tiyin.
      v_commission := (p_amount * v_terms.commission_bp + 5000) / 10000;
    END IF;
  END IF;
  v_context := coalesce(p_response_context, '{}'::jsonb)
    || jsonb_build_object('role', v_role, 'min', v_min::text, 'max', v_max::text);

  -- 2. Claim the key (idempotency_claim): a request with a used key answers
  --    that key's stored outcome.
  IF p_idempotency_key IS NOT NULL THEN
    v_existing := idempotency_claim(p_initiator, p_idempotency_key, p_request_hash);
    IF v_existing.user_id IS NOT NULL THEN
      RETURN jsonb_build_object(
        'outcome', 'replay',
        'request_hash', v_existing.request_hash,
        'status_code', v_existing.status_code,
        'transaction', v_existing.response_body,
        'context', coalesce(v_existing.response_context, v_context));
    END IF;
  END IF;

  -- 2b. Step-up: a person's transfer above their threshold (unset: 1 000 000
  --     so'm) needs a fresh confirmation. Checked after the claim, so a replay
  --     answers its stored outcome without one; raised, so nothing is written.
  --     The amount compared is the transferred amount (the commission aside).
  --     Above the role's maximum the limit refuses it anyway, recorded as ever.
  IF p_type = 'transfer' AND NOT p_between_own_cards AND v_role <> 'system'
     AND NOT coalesce(p_step_up_verified, false)
     AND p_amount > coalesce(v_step_up_threshold, 100000000) AND p_amount <= v_max THEN
    RAISE EXCEPTION USING ERRCODE = 'CT403', MESSAGE = 'STEP_UP_REQUIRED';
  END IF;

  -- 3. Resolve the cards (no locks yet). The sender card must be the initiator's.
  IF p_from_card_id IS NOT NULL THEN
    SELECT * INTO v_sender FROM cards WHERE id = p_from_card_id AND user_id = p_initiator;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'SENDER_CARD_NOT_FOUND';
    END IF;
    -- Its balance is spread over its shards, so no debit could be checked
    -- against one locked row; nothing pays from it (the system never logs in).
    IF v_sender.card_number = p_platform_card_number THEN
      RAISE EXCEPTION 'ledger_post: the platform card only receives';
    END IF;
  END IF;
  IF p_to_phone_number IS NOT NULL THEN
    -- Unknown, not discoverable, or no card that can receive: one answer.
    SELECT c.* INTO v_receiver
    FROM users u JOIN cards c ON c.id = receiving_card_id(u.id)
    WHERE u.phone_number = p_to_phone_number AND u.discoverable_by_phone AND u.role <> 'system';
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'RECEIVER_PHONE_NOT_FOUND';
    END IF;
  ELSE
    SELECT * INTO v_receiver FROM cards WHERE card_number = p_to_card_number;
  END IF;
  -- One answer for "no such card" and "a card that cannot receive", so nobody
  -- learns that someone's frozen, closed or expired card exists. The owner of
  -- the card and admins are told the real reason.
  v_hidden := v_role <> 'admin' AND v_receiver.user_id IS DISTINCT FROM p_initiator;
  IF v_receiver.id IS NULL
     OR (v_hidden AND (v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today)) THEN
    RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'RECEIVER_CARD_NOT_FOUND';
  END IF;
  IF p_between_own_cards AND v_receiver.user_id <> p_initiator THEN
    RAISE EXCEPTION 'ledger_post: a move between own cards must stay with one owner';
  END IF;
  v_to_platform := v_receiver.card_number IS NOT DISTINCT FROM p_platform_card_number;
  IF v_sender.user_id = v_receiver.user_id THEN
    v_own_card := 1;
  END IF;

  -- 4. Checks that need no lock.
  IF v_sender.id = v_receiver.id THEN
    v_failure := 'SAME_CARD';
  ELSIF (v_sender.id IS NOT NULL AND (v_sender.status <> 'active' OR v_sender.expiry_date < v_today))
     OR v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today THEN
    v_failure := 'CARD_NOT_ACTIVE';
  ELSIF p_amount < v_min THEN
    v_failure := 'AMOUNT_TOO_SMALL';
  ELSIF p_amount > v_max THEN
    v_failure := 'LIMIT_EXCEEDED';
  END IF;

  IF v_failure IS NULL THEN
    IF v_to_platform THEN
      v_platform_id := v_receiver.id;
    ELSIF v_commission > 0 THEN
      SELECT id INTO v_platform_id FROM cards WHERE card_number = p_platform_card_number;
      IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CT503', MESSAGE = 'PLATFORM_CARD_MISSING';
      END IF;
    END IF;
  END IF;

  -- 5. Lock the cards in id order, so opposite transfers cannot deadlock. A
  --    refusal with a sender locks them too: it counts in the sender's history
  --    (step 8), and taking both in the same order as every posting keeps it
  --    out of lock cycles. The platform card is never locked: it only
  --    receives, its status cannot change, and its credit goes to a shard.
  IF v_failure IS NULL OR v_sender.id IS NOT NULL THEN
    PERFORM 1 FROM cards
    WHERE id = ANY (array_remove(ARRAY[v_sender.id, v_receiver.id], NULL))
      AND card_number IS DISTINCT FROM p_platform_card_number
    ORDER BY id
    FOR UPDATE;
  END IF;

  IF v_failure IS NULL THEN
    -- 6. Re-read under the locks: status may have changed, balances surely did.
    IF v_sender.id IS NOT NULL THEN
      SELECT * INTO v_sender FROM cards WHERE id = v_sender.id;
    END IF;
    SELECT * INTO v_receiver FROM cards WHERE id = v_receiver.id;
    IF v_hidden AND (v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today) THEN
      RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = CASE
        WHEN p_to_phone_number IS NULL THEN 'RECEIVER_CARD_NOT_FOUND'
        ELSE 'RECEIVER_PHONE_NOT_FOUND' END;
    END IF;
    IF (v_sender.id IS NOT NULL AND (v_sender.status <> 'active' OR v_sender.expiry_date < v_today))
       OR v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today THEN
      v_failure := 'CARD_NOT_ACTIVE';
    ELSIF v_sender.id IS NOT NULL AND v_sender.balance < p_amount + v_commission THEN
      v_failure := 'INSUFFICIENT_FUNDS';
    END IF;
  END IF;

  -- 7. The transaction row: success, or a recorded refusal with no entries.
  INSERT INTO transactions (type, status, from_card_id, to_card_id, amount, commission,
                            description, failure_reason, initiated_by, completed_at,
                            to_phone_number)
  VALUES (p_type,
          CASE WHEN v_failure IS NULL THEN 'success' ELSE 'failed' END::transaction_status,
          v_sender.id, v_receiver.id, p_amount,
          CASE WHEN v_failure IS NULL THEN v_commission ELSE 0 END,
          p_description, v_failure, p_initiator,
          CASE WHEN v_failure IS NULL THEN now() END,
          p_to_phone_number)
  RETURNING id INTO v_transaction_id;

  IF v_failure IS NULL THEN
    -- 8. Double entry: debit the source, credit the receiver, and the platform's
    --    entry (its balance moves in step 10); the entries sum to zero. The
    --    history counters move with the balances, under the same locks: the
    --    sender's sent, the receiver's received (and whether from its owner's
    --    own card, which a history of all their cards shows once). Each entry
    --    is the next link of its account's hash chain (ledger_chain_link), from
    --    the head read under the lock its balance holds, and the new head is
    --    written by the balance's own UPDATE.
    IF v_sender.id IS NULL THEN
      SELECT chain_head, chain_length INTO v_head, v_length
      FROM system_accounts WHERE code = 'treasury'
      FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'ledger_post: the treasury account is missing';
      END IF;
      SELECT * INTO v_head, v_length
      FROM ledger_chain_link(v_head, v_length, v_transaction_id, p_type, -p_amount,
                             p_system_account => 'treasury');
      UPDATE system_accounts
      SET balance = balance - p_amount, chain_head = v_head, chain_length = v_length
      WHERE code = 'treasury';
    ELSE
      SELECT * INTO v_head, v_length
      FROM ledger_chain_link(v_sender.chain_head, v_sender.chain_length, v_transaction_id,
                             p_type, -(p_amount + v_commission), v_sender.id);
      UPDATE cards
      SET balance = balance - (p_amount + v_commission),
          sent_count = sent_count + 1, sent_success_count = sent_success_count + 1,
          chain_head = v_head, chain_length = v_length,
          updated_at = now()
      WHERE id = v_sender.id;
    END IF;
    IF NOT v_to_platform THEN
      SELECT * INTO v_head, v_length
      FROM ledger_chain_link(v_receiver.chain_head, v_receiver.chain_length, v_transaction_id,
                             p_type, p_amount, v_receiver.id);
      UPDATE cards
      SET balance = balance + p_amount,
          received_success_count = received_success_count + 1,
          received_from_own_success_count = received_from_own_success_count + v_own_card,
          chain_head = v_head, chain_length = v_length,
          updated_at = now()
      WHERE id = v_receiver.id;
    END IF;
    -- The platform card's entries chain in the shard that takes its credit (step 10).
  ELSIF v_sender.id IS NOT NULL THEN
    -- A refusal is the sender's record: it counts in the sender's history only.
    UPDATE cards SET sent_count = sent_count + 1 WHERE id = v_sender.id;
  END IF;

  -- 9. The outcome, stored under the key in this same transaction.
  v_snapshot := ledger_transaction_snapshot(v_transaction_id);
  v_status_code := CASE WHEN v_failure IS NULL THEN 201 ELSE 400 END;
  IF p_idempotency_key IS NOT NULL THEN
    UPDATE idempotency_keys
    SET status_code = v_status_code, response_body = v_snapshot, response_context = v_context,
        transaction_id = v_transaction_id
    WHERE user_id = p_initiator AND key = p_idempotency_key;
  END IF;

  -- 10. Last write: what the platform card receives (the commission, the
  --     payment to it, or both) goes to one of its shards that no other posting
  --     holds, so its lock is taken only here and waits for nobody; only when
  --     every shard is held does it wait for a random one.
  --     The shard's chain head is read under that lock (a waited-for shard is
  --     read as its holder left it).
  IF v_failure IS NULL AND v_platform_id IS NOT NULL THEN
    SELECT shard, chain_head, chain_length INTO v_shard, v_head, v_length
    FROM card_credit_shards
    WHERE card_id = v_platform_id
    ORDER BY random() LIMIT 1
    FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      SELECT shard, chain_head, chain_length INTO v_shard, v_head, v_length
      FROM card_credit_shards
      WHERE card_id = v_platform_id
      ORDER BY random() LIMIT 1
      FOR UPDATE;
    END IF;
    IF NOT FOUND THEN
      -- Migration 0009 gives the platform card its shards: none is a broken deploy.
      RAISE EXCEPTION 'ledger_post: the platform card has no credit shards';
    END IF;
    IF v_to_platform THEN
      SELECT * INTO v_head, v_length
      FROM ledger_chain_link(v_head, v_length, v_transaction_id, p_type, p_amount,
                             v_platform_id, p_shard => v_shard);
    END IF;
    IF v_commission > 0 THEN
      SELECT * INTO v_head, v_length
      FROM ledger_chain_link(v_head, v_length, v_transaction_id, p_type, v_commission,
                             v_platform_id, p_shard => v_shard);
    END IF;
    UPDATE card_credit_shards
    SET balance = balance + v_commission + CASE WHEN v_to_platform THEN p_amount ELSE 0 END,
        received_success_count = received_success_count + CASE WHEN v_to_platform THEN 1 ELSE 0 END,
        received_from_own_success_count = received_from_own_success_count
          + CASE WHEN v_to_platform THEN v_own_card ELSE 0 END,
        chain_head = v_head, chain_length = v_length
    WHERE card_id = v_platform_id AND shard = v_shard;
  END IF;

  RETURN jsonb_build_object('outcome', 'recorded', 'status_code', v_status_code,
                            'transaction', v_snapshot, 'context', v_context);
END;
$$;
