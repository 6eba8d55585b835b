-- Buys premium in one statement: the payment (through ledger_post) and its
-- effect (subscription row, role, period) commit together or not at all, so a
-- crash can never leave money taken without premium granted.
--
-- Lock order, as in card opening: the user row first, then ledger_post's card
-- locks in id order. Refusals that move no money raise SQLSTATE CT404 / CT409 /
-- CT503 with the problem code as the message; nothing is written then.
CREATE OR REPLACE FUNCTION subscription_purchase(
  p_user_id uuid,
  p_card_id uuid,
  p_idempotency_key text,
  p_request_hash text,
  p_price bigint,
  p_period interval,
  p_platform_card_number text,
  p_description text,
  p_response_context jsonb DEFAULT NULL
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_role user_role;
  v_outcome jsonb;
  v_subscription_id uuid;
BEGIN
  -- Serializes one user's purchases whatever their keys: the second waits
  -- here, then sees the first one's subscription and is refused.
  SELECT role INTO v_role FROM users WHERE id = p_user_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'USER_NOT_FOUND';
  END IF;

  -- Unless the key already has an outcome (ledger_post replays it, and the
  -- caller checks the payload hash: the checks below would wrongly refuse the
  -- replay of a purchase that succeeded), the purchase must make sense.
  IF NOT EXISTS (SELECT 1 FROM idempotency_keys
                 WHERE user_id = p_user_id AND key = p_idempotency_key AND expires_at > now()) THEN
    IF NOT EXISTS (SELECT 1 FROM cards WHERE id = p_card_id AND user_id = p_user_id) THEN
      RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'CARD_NOT_FOUND';
    END IF;
    IF v_role = 'admin' THEN
      RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'ADMIN_CANNOT_SUBSCRIBE';
    END IF;
    -- Premium without a subscription is an admin's grant: a purchase would only
    -- end it when the paid period runs out.
    IF v_role <> 'user'
       OR EXISTS (SELECT 1 FROM subscriptions WHERE user_id = p_user_id AND status = 'active') THEN
      RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'ALREADY_SUBSCRIBED';
    END IF;
    -- ledger_post would call a missing platform card RECEIVER_CARD_NOT_FOUND.
    IF NOT EXISTS (SELECT 1 FROM cards WHERE card_number = p_platform_card_number) THEN
      RAISE EXCEPTION USING ERRCODE = 'CT503', MESSAGE = 'PLATFORM_CARD_MISSING';
    END IF;
  END IF;

  v_outcome := ledger_post(
    p_type => 'subscription', p_initiator => p_user_id, p_from_card_id => p_card_id,
    p_to_card_number => p_platform_card_number, p_amount => p_price,
    p_platform_card_number => p_platform_card_number, p_description => p_description,
    p_idempotency_key => p_idempotency_key, p_request_hash => p_request_hash,
    p_response_context => p_response_context);
  IF v_outcome->>'outcome' = 'recorded' AND (v_outcome->>'status_code')::int = 201 THEN
    INSERT INTO subscriptions (user_id, card_id, status, price, auto_renew,
                               current_period_start, current_period_end)
    VALUES (p_user_id, p_card_id, 'active', p_price, true, now(), now() + p_period)
    RETURNING id INTO v_subscription_id;
    INSERT INTO subscription_payments (transaction_id, subscription_id, period_start, period_end)
    VALUES ((v_outcome->'transaction'->>'id')::uuid, v_subscription_id, now(), now() + p_period);
    UPDATE users SET role = 'premium', updated_at = now() WHERE id = p_user_id;
  END IF;
  RETURN v_outcome;
END;
$$;
