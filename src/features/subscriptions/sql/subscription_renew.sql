-- Renews (or ends) one due subscription in one statement. Returns 'renewed',
-- 'expired' (renewal was cancelled), 'payment_failed' (the card was refused:
-- not active, insufficient funds; nothing charged) or 'skipped' (another run
-- holds it or already renewed it). When premium ends, the card limit of the
-- user role applies at once (ledger_enforce_card_limit).
--
-- Lock order: the subscription row, then the user row, then ledger_post's card
-- locks; nothing locks a user and then an existing subscription, so no cycle.
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
    v_outcome := ledger_post(
      p_type => 'subscription', p_initiator => v_sub.user_id, p_from_card_id => v_sub.card_id,
      p_to_card_number => p_platform_card_number, p_amount => v_sub.price,
      p_platform_card_number => p_platform_card_number, p_description => p_description);
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
  PERFORM ledger_enforce_card_limit(v_sub.user_id, p_platform_card_number);
  RETURN CASE WHEN v_sub.auto_renew THEN 'payment_failed' ELSE 'expired' END;
END;
$$;
