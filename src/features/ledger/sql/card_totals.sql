-- Every card's balance and history counters. They live in the card's row,
-- except what was credited to its shards (the platform card's commissions and
-- premium payments, spread so that concurrent payments never wait on one row):
-- a card's figures are its row plus its shards. Read balances here, never from
-- cards.balance alone.
--
-- One SELECT, STABLE: the planner inlines it, so a filter on card_id or
-- user_id reaches the cards indexes.
CREATE OR REPLACE FUNCTION card_totals()
RETURNS TABLE (
  card_id uuid,
  user_id uuid,
  balance bigint,
  sent_count bigint,
  sent_success_count bigint,
  received_success_count bigint,
  received_from_own_success_count bigint
)
LANGUAGE sql
STABLE
AS $$
  SELECT c.id, c.user_id,
         c.balance + coalesce(s.balance, 0),
         c.sent_count, c.sent_success_count,
         c.received_success_count + coalesce(s.received_success_count, 0),
         c.received_from_own_success_count + coalesce(s.received_from_own_success_count, 0)
  FROM cards c
  LEFT JOIN (
    SELECT sh.card_id,
           sum(sh.balance)::bigint AS balance,
           sum(sh.received_success_count)::bigint AS received_success_count,
           sum(sh.received_from_own_success_count)::bigint AS received_from_own_success_count
    FROM card_credit_shards sh
    GROUP BY sh.card_id
  ) s ON s.card_id = c.id
$$;
