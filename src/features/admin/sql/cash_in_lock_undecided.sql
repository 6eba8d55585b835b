-- Locks a pending cash-in for a decision by p_admin and returns it, or raises
-- why no decision can be taken: unknown (CT404), the deciding user is not an
-- admin (CT403), or it was already approved, rejected or has expired (CT409).
-- The row lock orders concurrent decisions: whichever commits first decides,
-- the other then sees the decided row and answers 409.
CREATE OR REPLACE FUNCTION cash_in_lock_undecided(p_id uuid, p_admin uuid)
RETURNS pending_cash_ins
LANGUAGE plpgsql
AS $$
DECLARE
  v_pending pending_cash_ins%ROWTYPE;
  v_role user_role;
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
  RETURN v_pending;
END;
$$;
