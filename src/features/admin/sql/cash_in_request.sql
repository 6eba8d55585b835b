-- Records a cash-in above the approval threshold as pending, in one
-- statement: no money moves until a different admin approves it
-- (cash_in_approve). The creator's Idempotency-Key is claimed in
-- idempotency_keys, the same namespace as every posting, so a key names one
-- cash-in whichever way it went: a retry replays the stored answer (202 and
-- the pending cash-in as first answered, or a posting's outcome stored by
-- ledger_post), and ledger_post never posts under a key that holds a pending
-- cash-in.
--
-- The checks a posting would make without locks are made here, so an
-- approver is never asked about a cash-in that could not post: the sender
-- card is the creator's, the receiver exists and is active, the amount is
-- within the admin's bounds. A refusal writes nothing and answers
-- {outcome: 'refused', code, min, max} (the bounds for its message).
--
-- Lock order: the creator's user row (shared), then the key: as ledger_post.
CREATE OR REPLACE FUNCTION cash_in_request(
  p_creator uuid,
  p_to_card_number text,
  p_amount bigint,
  p_idempotency_key text,
  p_request_hash text,
  p_from_card_id uuid DEFAULT NULL,
  p_description text DEFAULT NULL,
  p_response_context jsonb DEFAULT NULL
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_today date := tashkent_today();
  v_role user_role;
  v_terms role_terms%ROWTYPE;
  v_existing idempotency_keys%ROWTYPE;
  v_receiver cards%ROWTYPE;
  v_sender cards%ROWTYPE;
  v_id uuid;
  v_snapshot jsonb;
  v_failure text;
BEGIN
  IF p_amount <= 0 THEN
    RAISE EXCEPTION 'cash_in_request: amount must be positive';
  END IF;
  SELECT role INTO v_role FROM users WHERE id = p_creator FOR SHARE;
  IF NOT FOUND OR v_role <> 'admin' THEN
    RAISE EXCEPTION USING ERRCODE = 'CT403', MESSAGE = 'FORBIDDEN';
  END IF;

  v_existing := idempotency_claim(p_creator, p_idempotency_key, p_request_hash);
  IF v_existing.user_id IS NOT NULL THEN
    RETURN jsonb_build_object(
      'outcome', 'replay',
      'request_hash', v_existing.request_hash,
      'status_code', v_existing.status_code,
      'body', v_existing.response_body,
      'context', v_existing.response_context);
  END IF;

  IF p_from_card_id IS NOT NULL THEN
    SELECT * INTO v_sender FROM cards WHERE id = p_from_card_id AND user_id = p_creator;
    IF NOT FOUND THEN
      v_failure := 'SENDER_CARD_NOT_FOUND';
    END IF;
  END IF;
  IF v_failure IS NULL THEN
    SELECT * INTO v_receiver FROM cards WHERE card_number = p_to_card_number;
    SELECT * INTO v_terms FROM role_terms WHERE role = 'admin';
    IF v_receiver.id IS NULL THEN
      v_failure := 'RECEIVER_CARD_NOT_FOUND';
    ELSIF v_sender.id = v_receiver.id THEN
      v_failure := 'SAME_CARD';
    ELSIF v_receiver.status <> 'active' OR v_receiver.expiry_date < v_today
       OR (v_sender.id IS NOT NULL AND (v_sender.status <> 'active' OR v_sender.expiry_date < v_today)) THEN
      v_failure := 'CARD_NOT_ACTIVE';
    ELSIF p_amount < v_terms.min_amount THEN
      v_failure := 'AMOUNT_TOO_SMALL';
    ELSIF p_amount > v_terms.max_amount THEN
      v_failure := 'LIMIT_EXCEEDED';
    END IF;
  END IF;
  IF v_failure IS NOT NULL THEN
    -- Nothing is kept: the key is free again, as after a refusal that records nothing.
    DELETE FROM idempotency_keys WHERE user_id = p_creator AND key = p_idempotency_key;
    RETURN jsonb_build_object('outcome', 'refused', 'code', v_failure,
                              'min', v_terms.min_amount::text, 'max', v_terms.max_amount::text);
  END IF;

  INSERT INTO pending_cash_ins (created_by, to_card_id, from_card_id, amount, description, expires_at)
  VALUES (p_creator, v_receiver.id, v_sender.id, p_amount, p_description, now() + interval '24 hours')
  RETURNING id INTO v_id;
  v_snapshot := cash_in_snapshot(v_id);

  UPDATE idempotency_keys
  SET status_code = 202, response_body = v_snapshot, response_context = p_response_context
  WHERE user_id = p_creator AND key = p_idempotency_key;
  INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, before, after)
  VALUES (p_creator, 'cash_in.request', 'cash_in', v_id::text, NULL, v_snapshot);

  RETURN jsonb_build_object('outcome', 'recorded', 'status_code', 202, 'body', v_snapshot,
                            'context', p_response_context);
END;
$$;
