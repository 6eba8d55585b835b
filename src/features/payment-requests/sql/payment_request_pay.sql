-- Pays a payment request in one statement: the transfer (through ledger_post,
-- priced by the payer's role) and its effect (the payment row; a fixed-amount
-- request becomes paid) commit together or not at all.
--
-- Lock order: the request row, then ledger_post's (the payer's user row, the
-- key, the cards in id order). Nothing locks a user or a card and then a
-- request, so no cycle. A fixed-amount request is locked FOR UPDATE, so its
-- payers queue and the first one's payment is what the next sees; an
-- open-amount request only FOR SHARE, so its payers run side by side while a
-- cancel waits for them.
--
-- A key that already has an outcome is replayed by ledger_post before any
-- check (the caller compares the payload hash): the retry of the payment that
-- made a request paid returns that payment, not PAYMENT_REQUEST_PAID.
-- Refusals that move no money raise SQLSTATE CT404 / CT409 / CT422 with the
-- problem code as the message; nothing is written then.
CREATE OR REPLACE FUNCTION payment_request_pay(
  p_request_id uuid,
  p_payer uuid,
  p_from_card_id uuid,
  p_amount bigint,                          -- NULL: the request's own amount
  p_idempotency_key text,
  p_request_hash text,
  p_platform_card_number text,
  p_response_context jsonb DEFAULT NULL,
  p_step_up_verified boolean DEFAULT false  -- passed on to ledger_post (large payments)
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_fixed bigint;
  v_request payment_requests%ROWTYPE;
  v_to_card_number text;
  v_outcome jsonb;
BEGIN
  -- The amount never changes, so it may choose the lock before the lock is held.
  SELECT amount INTO v_fixed FROM payment_requests WHERE id = p_request_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'PAYMENT_REQUEST_NOT_FOUND';
  END IF;
  IF v_fixed IS NULL THEN
    SELECT * INTO v_request FROM payment_requests WHERE id = p_request_id FOR SHARE;
  ELSE
    SELECT * INTO v_request FROM payment_requests WHERE id = p_request_id FOR UPDATE;
  END IF;

  IF NOT EXISTS (SELECT 1 FROM idempotency_keys
                 WHERE user_id = p_payer AND key = p_idempotency_key AND expires_at > now()) THEN
    IF v_request.status = 'paid' THEN
      RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'PAYMENT_REQUEST_PAID';
    ELSIF v_request.status = 'cancelled' THEN
      RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'PAYMENT_REQUEST_CANCELLED';
    ELSIF v_request.expires_at <= now() THEN
      RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'PAYMENT_REQUEST_EXPIRED';
    ELSIF v_request.amount IS NOT NULL AND p_amount IS NOT NULL AND p_amount <> v_request.amount THEN
      RAISE EXCEPTION USING ERRCODE = 'CT422', MESSAGE = 'PAYMENT_REQUEST_AMOUNT_MISMATCH';
    ELSIF v_request.amount IS NULL AND p_amount IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'CT422', MESSAGE = 'PAYMENT_REQUEST_AMOUNT_REQUIRED';
    END IF;
  END IF;

  SELECT card_number INTO v_to_card_number FROM cards WHERE id = v_request.to_card_id;
  -- A replay returns before ledger_post looks at the amount; it only must be positive.
  v_outcome := ledger_post(
    p_type => 'transfer', p_initiator => p_payer, p_from_card_id => p_from_card_id,
    p_to_card_number => v_to_card_number,
    p_amount => coalesce(v_request.amount, p_amount, 1),
    p_platform_card_number => p_platform_card_number, p_description => v_request.description,
    p_idempotency_key => p_idempotency_key, p_request_hash => p_request_hash,
    p_response_context => p_response_context, p_step_up_verified => p_step_up_verified);

  IF v_outcome->>'outcome' = 'recorded' AND (v_outcome->>'status_code')::int = 201 THEN
    INSERT INTO payment_request_payments (transaction_id, request_id, payer_user_id)
    VALUES ((v_outcome->'transaction'->>'id')::uuid, v_request.id, p_payer);
    -- Only a fixed-amount request changes: its payers hold it FOR UPDATE. An
    -- open-amount one stays as it is (its payers share its lock, and each
    -- writing it would deadlock with the others).
    IF v_request.amount IS NOT NULL THEN
      UPDATE payment_requests SET status = 'paid', paid_at = now() WHERE id = v_request.id;
    END IF;
  END IF;
  RETURN v_outcome;
END;
$$;
