-- The card a payment by phone number goes to: the one its owner chose if it
-- can receive (active and not past expiry), else their oldest card that can;
-- NULL when none can. Nothing is written when the chosen card is frozen or
-- closed: payments simply fall back until it is active again.
CREATE OR REPLACE FUNCTION receiving_card_id(p_user_id uuid)
RETURNS uuid
LANGUAGE sql STABLE
AS $$
  SELECT c.id
  FROM users u JOIN cards c ON c.user_id = u.id
  WHERE u.id = p_user_id AND c.status = 'active' AND c.expiry_date >= tashkent_today()
  ORDER BY c.id IS NOT DISTINCT FROM u.receiving_card_id DESC, c.created_at, c.id
  LIMIT 1
$$;
