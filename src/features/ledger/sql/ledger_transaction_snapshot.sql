-- A transaction as the ledger recorded it, with both cards and their owners:
-- what the API renders (masking is the API's job) and what an idempotent replay
-- answers again.
CREATE OR REPLACE FUNCTION ledger_transaction_snapshot(p_transaction_id uuid)
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
  SELECT jsonb_build_object(
    'id', t.id,
    'type', t.type,
    'status', t.status,
    'from_card', CASE WHEN fc.id IS NULL THEN NULL ELSE jsonb_build_object(
      'id', fc.id, 'card_number', fc.card_number, 'owner_id', fu.id, 'owner_name', fu.full_name) END,
    'to_card', jsonb_build_object(
      'id', tc.id, 'card_number', tc.card_number, 'owner_id', tu.id, 'owner_name', tu.full_name),
    'to_phone_number', t.to_phone_number,
    'amount', t.amount::text,
    'commission', t.commission::text,
    'description', t.description,
    'failure_reason', t.failure_reason,
    'created_at', t.created_at,
    'completed_at', t.completed_at)
  FROM transactions t
  JOIN cards tc ON tc.id = t.to_card_id
  JOIN users tu ON tu.id = tc.user_id
  LEFT JOIN cards fc ON fc.id = t.from_card_id
  LEFT JOIN users fu ON fu.id = fc.user_id
  WHERE t.id = p_transaction_id
$$;
