-- Rejects a pending cash-in with a reason, in one statement: nothing was
-- posted for it, and nothing ever will be. Any admin may reject, its creator
-- too (withdrawing a request moves no money, so it needs no second pair of
-- eyes). The row lock orders a reject against a concurrent approval: whichever
-- commits first decides, the other answers 409.
CREATE OR REPLACE FUNCTION cash_in_reject(
  p_id uuid,
  p_admin uuid,
  p_reason text
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_pending pending_cash_ins%ROWTYPE;
  v_role user_role;
  v_snapshot jsonb;
BEGIN
  SELECT * INTO v_pending FROM pending_cash_ins WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'CT404', MESSAGE = 'CASH_IN_NOT_FOUND';
  END IF;
  SELECT role INTO v_role FROM users WHERE id = p_admin FOR SHARE;
  IF v_role IS DISTINCT FROM 'admin' THEN
    RAISE EXCEPTION USING ERRCODE = 'CT403', MESSAGE = 'FORBIDDEN';
  END IF;
  IF v_pending.status = 'approved' THEN
    RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'CASH_IN_ALREADY_APPROVED';
  ELSIF v_pending.status = 'rejected' THEN
    RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'CASH_IN_ALREADY_REJECTED';
  ELSIF v_pending.status = 'expired' OR v_pending.expires_at <= now() THEN
    RAISE EXCEPTION USING ERRCODE = 'CT409', MESSAGE = 'CASH_IN_EXPIRED';
  END IF;
  UPDATE pending_cash_ins
  SET status = 'rejected', decided_by = p_admin, decided_at = now(), reject_reason = p_reason
  WHERE id = p_id;
  v_snapshot := cash_in_snapshot(p_id);
  INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, before, after)
  VALUES (p_admin, 'cash_in.reject', 'cash_in', p_id::text, NULL, v_snapshot);
  RETURN v_snapshot;
END;
$$;
