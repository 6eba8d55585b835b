-- Rejects a pending cash-in with a reason, in one statement: nothing was
-- posted for it, and nothing ever will be. Any admin may reject, its creator
-- too (withdrawing a request moves no money, so it needs no second pair of
-- eyes). Concurrent decisions are ordered by the row lock
-- cash_in_lock_undecided takes.
CREATE OR REPLACE FUNCTION cash_in_reject(
  p_id uuid,
  p_admin uuid,
  p_reason text
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_pending pending_cash_ins%ROWTYPE;
  v_snapshot jsonb;
BEGIN
  v_pending := cash_in_lock_undecided(p_id, p_admin);
  UPDATE pending_cash_ins
  SET status = 'rejected', decided_by = p_admin, decided_at = now(), reject_reason = p_reason
  WHERE id = p_id;
  v_snapshot := cash_in_snapshot(p_id);
  INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, before, after)
  VALUES (p_admin, 'cash_in.reject', 'cash_in', p_id::text, NULL, v_snapshot);
  RETURN v_snapshot;
END;
$$;
