-- Premium (spec §10). Both functions wrap ledger_post (migration 0002) in one
-- statement, so the payment and its effect (subscription row, role, period)
-- commit together or not at all: a crash can never leave money taken without
-- premium granted, nor a period extended without being paid.
--
-- Lock order, as in card opening: the user row first, then ledger_post's card
-- locks in id order. The renewal locks its subscription row before the user;
-- nothing locks a user and then an existing subscription, so no cycle.
--
-- Refusals that move no money raise SQLSTATE CT404 / CT409 / CT503 with the
-- problem code as the message; nothing is written then.
CREATE OR REPLACE FUNCTION subscription_purchase(
  p_user_id uuid,
  p_card_id uuid,
  p_idempotency_key text,
  p_request_hash text,
  p_price bigint,
  p_period interval,
  p_platform_card_number text,
  p_description text
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

  -- A key with a stored outcome: ledger_post replays it (the caller checks the
  -- payload hash). The checks below would wrongly refuse the replay of a
  -- purchase that succeeded.
  IF EXISTS (SELECT 1 FROM idempotency_keys
             WHERE user_id = p_user_id AND key = p_idempotency_key AND expires_at > now()) THEN
    RETURN ledger_post('subscription', p_user_id, p_idempotency_key, p_request_hash, p_card_id,
                       p_user_id, p_platform_card_number, p_price, 0, p_price, p_price,
                       p_platform_card_number, p_description);
  END IF;

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

  v_outcome := ledger_post('subscription', p_user_id, p_idempotency_key, p_request_hash, p_card_id,
                           p_user_id, p_platform_card_number, p_price, 0, p_price, p_price,
                           p_platform_card_number, p_description);
  IF (v_outcome->>'status_code')::int = 201 THEN
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
--> statement-breakpoint
-- Renews (or ends) one due subscription. Returns 'renewed', 'expired'
-- (renewal was cancelled), 'payment_failed' (the card was refused: not
-- active, insufficient funds; nothing charged) or 'skipped' (another run holds
-- it or already renewed it).
CREATE OR REPLACE FUNCTION subscription_renew(
  p_subscription_id uuid,
  p_now timestamptz,
  p_period interval,
  p_platform_card_number text,
  p_description text
) RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
  v_sub subscriptions%ROWTYPE;
  v_outcome jsonb;
  v_start timestamptz;
BEGIN
  -- A concurrent run holding the row is renewing it: skip rather than wait.
  SELECT * INTO v_sub FROM subscriptions WHERE id = p_subscription_id FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN 'skipped';
  END IF;
  -- Re-checked under the lock: a run that came first has moved the period on,
  -- so the same period is never charged twice.
  IF v_sub.status <> 'active' OR v_sub.current_period_end > p_now THEN
    RETURN 'skipped';
  END IF;
  PERFORM 1 FROM users WHERE id = v_sub.user_id FOR UPDATE;

  IF v_sub.auto_renew THEN
    -- The price the subscriber agreed to; ledger_post refuses (and records) a
    -- frozen, closed or expired card or short funds without moving money.
    v_outcome := ledger_post('subscription', v_sub.user_id, NULL, NULL, v_sub.card_id,
                             v_sub.user_id, p_platform_card_number, v_sub.price, 0, v_sub.price,
                             v_sub.price, p_platform_card_number, p_description);
    IF (v_outcome->>'status_code')::int = 201 THEN
      -- Periods follow each other; after an outage longer than a period the
      -- new one starts now instead of charging for the missed ones.
      v_start := CASE WHEN v_sub.current_period_end + p_period > p_now
                      THEN v_sub.current_period_end ELSE p_now END;
      INSERT INTO subscription_payments (transaction_id, subscription_id, period_start, period_end)
      VALUES ((v_outcome->'transaction'->>'id')::uuid, v_sub.id, v_start, v_start + p_period);
      UPDATE subscriptions
      SET current_period_start = v_start, current_period_end = v_start + p_period, updated_at = now()
      WHERE id = v_sub.id;
      RETURN 'renewed';
    END IF;
  END IF;

  -- Cancelled, or the payment was refused: premium ends. An admin keeps its role.
  UPDATE subscriptions SET status = 'expired', updated_at = now() WHERE id = v_sub.id;
  UPDATE users SET role = 'user', updated_at = now() WHERE id = v_sub.user_id AND role = 'premium';
  RETURN CASE WHEN v_sub.auto_renew THEN 'payment_failed' ELSE 'expired' END;
END;
$$;
