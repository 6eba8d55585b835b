-- A cash-in awaiting (or past) approval as the API shows it: the cards with
-- their owners, who created and who decided it, and its status as of now (a
-- pending one past its expiry reads as expired before the hourly job marks it).
CREATE OR REPLACE FUNCTION cash_in_snapshot(p_id uuid) RETURNS jsonb
LANGUAGE sql STABLE
AS $$
  SELECT jsonb_build_object(
    'id', p.id,
    'status', CASE WHEN p.status = 'pending' AND p.expires_at <= now() THEN 'expired'
                   ELSE p.status::text END,
    'amount', p.amount::text,
    'to_card', jsonb_build_object('id', tc.id, 'card_number', tc.card_number,
                                  'owner_id', tu.id, 'owner_name', tu.full_name),
    'from_card', CASE WHEN fc.id IS NULL THEN NULL ELSE
                   jsonb_build_object('id', fc.id, 'card_number', fc.card_number,
                                      'owner_id', fu.id, 'owner_name', fu.full_name) END,
    'description', p.description,
    'created_by', jsonb_build_object('id', cu.id, 'full_name', cu.full_name),
    'decided_by', CASE WHEN du.id IS NULL THEN NULL ELSE
                    jsonb_build_object('id', du.id, 'full_name', du.full_name) END,
    'reject_reason', p.reject_reason,
    'transaction_id', p.transaction_id,
    'created_at', p.created_at,
    'expires_at', p.expires_at,
    'decided_at', p.decided_at)
  FROM pending_cash_ins p
  JOIN cards tc ON tc.id = p.to_card_id
  JOIN users tu ON tu.id = tc.user_id
  JOIN users cu ON cu.id = p.created_by
  LEFT JOIN cards fc ON fc.id = p.from_card_id
  LEFT JOIN users fu ON fu.id = fc.user_id
  LEFT JOIN users du ON du.id = p.decided_by
  WHERE p.id = p_id
$$;
