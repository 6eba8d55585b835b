-- Claims an Idempotency-Key for a money request, inside the statement that will
-- move the money. A concurrent request with the same key waits on the first one's
-- row until it commits, then finds its outcome: exactly once even when Redis has
-- forgotten the in-flight lock.
--
-- Returns the live record when the key was already used (the caller replays it),
-- or NULL when the key is now this request's: new, or freed because its record
-- is older than 24 hours. The caller stores its outcome in the claimed row.
CREATE OR REPLACE FUNCTION idempotency_claim(
  p_user_id uuid,
  p_key text,
  p_request_hash text
) RETURNS idempotency_keys
LANGUAGE plpgsql
AS $$
DECLARE
  v_existing idempotency_keys%ROWTYPE;
BEGIN
  INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body, expires_at)
  VALUES (p_user_id, p_key, p_request_hash, 0, 'null'::jsonb, now() + interval '24 hours')
  ON CONFLICT (user_id, key) DO NOTHING;
  IF FOUND THEN
    RETURN NULL;
  END IF;
  SELECT * INTO v_existing FROM idempotency_keys
  WHERE user_id = p_user_id AND key = p_key
  FOR UPDATE;
  IF v_existing.expires_at > now() THEN
    RETURN v_existing;
  END IF;
  UPDATE idempotency_keys
  SET request_hash = p_request_hash, status_code = 0, response_body = 'null'::jsonb,
      response_context = NULL, transaction_id = NULL, created_at = now(),
      expires_at = now() + interval '24 hours'
  WHERE user_id = p_user_id AND key = p_key;
  RETURN NULL;
END;
$$;
