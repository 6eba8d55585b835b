-- Approves a pending cash-in and posts it, in one statement: the checks, the
-- ledger posting and the approved mark commit together or not at all.
--
-- The pending row is locked FOR UPDATE first, so of two admins approving at
-- once the second waits and then finds it approved (CASH_IN_ALREADY_APPROVED);
-- the posting's Idempotency-Key is derived from the pending id, so even a
-- second call of ledger_post for it could only replay the first.
--
-- The posting is the creator's cash-in (ledger_post's initiator: their role's
-- bounds, their own card when it was to come from one); the approver is
-- recorded on the row and in the audit log. The ledger re-checks the cards
-- under its locks: a receiving card blocked, closed or expired since, or a
-- source card without the funds now, refuses the approval and nothing is
-- written (the refusal is not recorded as a failed transaction): the cash-in
-- stays pending, to be approved once the card is active again, or rejected.
--
-- Lock order: the pending row, then the approver's user row (shared), then
-- ledger_post's (the creator's user row, the key, the cards in id order).
-- Nothing locks a user or a card and then a pending cash-in, so no cycle.
-- Refusals raise SQLSTATE CT403 / CT404 / CT409 with the problem code as
-- the message.
CREATE OR REPLACE FUNCTION cash_in_approve(
  p_id uuid,
  p_approver uuid,
  p_platform_card_number text
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_pending pending_cash_ins%ROWTYPE;
  v_creator_role user_role;
  v_to_card_number text;
  v_outcome jsonb;
  v_transaction_id uuid;
  v_snapshot jsonb;
BEGIN
  v_pending := cash_in_lock_undecided(p_id, p_approver);
  IF v_pending.created_by = p_approver THEN
    RAISE EXCEPTION USING ERRCODE = 'CT403', MESSAGE = 'CASH_IN_OWN_APPROVAL';
  END IF;
  -- ledger_post would refuse a cash-in by a non-admin with FORBIDDEN, which
  -- would read as the approver's fault.
  SELECT role INTO v_creator_role FROM users WHERE id = v_pending.created_by;
  IF v_creator_role IS DISTINCT FROM 'admin' THEN
    RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'CASH_IN_CREATOR_NOT_ADMIN';
  END IF;

  SELECT card_number INTO v_to_card_number FROM cards WHERE id = v_pending.to_card_id;
  v_outcome := ledger_post(
    p_type => 'deposit', p_initiator => v_pending.created_by,
    p_from_card_id => v_pending.from_card_id, p_to_card_number => v_to_card_number,
    p_amount => v_pending.amount, p_platform_card_number => p_platform_card_number,
    p_description => v_pending.description,
    p_idempotency_key => 'cash-in:' || v_pending.id::text,
    p_request_hash => encode(sha256(convert_to('cash-in:' || v_pending.id::text, 'UTF8')), 'hex'));
  IF (v_outcome->>'status_code')::int <> 201 THEN
    -- Raising undoes the failed transaction ledger_post recorded: the approval did not happen.
    RAISE EXCEPTION USING ERRCODE = 'CT409',
      MESSAGE = coalesce(v_outcome->'transaction'->>'failure_reason', 'CARD_NOT_ACTIVE');
  END IF;
  v_transaction_id := (v_outcome->'transaction'->>'id')::uuid;

  UPDATE pending_cash_ins
  SET status = 'approved', decided_by = p_approver, decided_at = now(),
      transaction_id = v_transaction_id
  WHERE id = p_id;
  v_snapshot := cash_in_snapshot(p_id);
  INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, before, after)
  VALUES (p_approver, 'cash_in.approve', 'cash_in', p_id::text, NULL, v_snapshot);
  RETURN jsonb_build_object('cash_in', v_snapshot, 'transaction', v_outcome->'transaction');
END;
$$;
