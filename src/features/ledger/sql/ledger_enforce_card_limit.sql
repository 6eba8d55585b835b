-- The card limit after a downgrade (premium ends, an admin demotes): a user
-- never has more active cards than their role allows, and no money is trapped.
-- The card opened first stays active; every other active card hands its whole
-- balance to it (a fee-free move between the owner's own cards, through
-- ledger_post) and is frozen by the limit. The owner may unfreeze such a card
-- again once the role allows it (or after freezing another). Returns how many
-- cards were frozen. Callers hold the user's row lock (user row → cards, the
-- ledger's order).
CREATE OR REPLACE FUNCTION ledger_enforce_card_limit(p_user_id uuid, p_platform_card_number text)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  v_today date := tashkent_today();
  v_max integer;
  v_keep cards%ROWTYPE;
  v_card cards%ROWTYPE;
  v_frozen integer := 0;
BEGIN
  SELECT t.max_cards INTO v_max
  FROM users u JOIN role_terms t ON t.role = u.role
  WHERE u.id = p_user_id
  FOR SHARE OF u;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  -- The user's active cards, locked in id order like every posting.
  PERFORM 1 FROM cards WHERE user_id = p_user_id AND status = 'active' ORDER BY id FOR UPDATE;
  IF (SELECT count(*) FROM cards
      WHERE user_id = p_user_id AND status = 'active' AND expiry_date >= v_today) <= v_max THEN
    RETURN 0;
  END IF;

  SELECT * INTO v_keep FROM cards
  WHERE user_id = p_user_id AND status = 'active' AND expiry_date >= v_today
  ORDER BY created_at, id LIMIT 1;
  FOR v_card IN
    SELECT * FROM cards
    WHERE user_id = p_user_id AND status = 'active' AND expiry_date >= v_today
    ORDER BY created_at, id OFFSET v_max
  LOOP
    IF v_card.balance > 0 THEN
      PERFORM ledger_post(
        p_type => 'transfer', p_initiator => p_user_id, p_from_card_id => v_card.id,
        p_to_card_number => v_keep.card_number, p_amount => v_card.balance,
        p_platform_card_number => p_platform_card_number,
        p_description => 'Karta limiti: qoldiq asosiy kartaga o''tkazildi',
        p_between_own_cards => true);
    END IF;
    UPDATE cards SET status = 'frozen', frozen_by = 'limit', freeze_reason = NULL, updated_at = now()
    WHERE id = v_card.id;
    v_frozen := v_frozen + 1;
  END LOOP;
  RETURN v_frozen;
END;
$$;
