-- Recomputes every card's history counters from the transactions table, for
-- rows written outside ledger_post (a bulk load, a repair). The counts land in
-- the card rows and the shards' counts are zeroed (card_totals() adds both).
--
-- Safe while payments run: every posting holds a lock on cards until it
-- commits (its card row locks, or the foreign-key checks of the rows it
-- inserts), so once this lock is granted no posting is half-way; the counts
-- below see every committed row, and postings wait for this to commit.
CREATE OR REPLACE FUNCTION ledger_rebuild_card_counters() RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  LOCK TABLE cards IN EXCLUSIVE MODE;
  UPDATE card_credit_shards SET received_success_count = 0, received_from_own_success_count = 0
  WHERE received_success_count <> 0 OR received_from_own_success_count <> 0;
  UPDATE cards c
  SET sent_count = n.sent, sent_success_count = n.sent_success,
      received_success_count = n.received, received_from_own_success_count = n.received_from_own
  FROM (
    SELECT k.id,
           coalesce(s.sent, 0) AS sent, coalesce(s.sent_success, 0) AS sent_success,
           coalesce(r.received, 0) AS received, coalesce(r.received_from_own, 0) AS received_from_own
    FROM cards k
    LEFT JOIN (SELECT t.from_card_id AS card_id, count(*) AS sent,
                      count(*) FILTER (WHERE t.status = 'success') AS sent_success
               FROM transactions t WHERE t.from_card_id IS NOT NULL GROUP BY t.from_card_id) s
      ON s.card_id = k.id
    LEFT JOIN (SELECT t.to_card_id AS card_id, count(*) AS received,
                      count(*) FILTER (WHERE f.user_id = o.user_id) AS received_from_own
               FROM transactions t
               JOIN cards o ON o.id = t.to_card_id
               LEFT JOIN cards f ON f.id = t.from_card_id
               WHERE t.status = 'success' GROUP BY t.to_card_id) r
      ON r.card_id = k.id
  ) n
  WHERE n.id = c.id
    AND (c.sent_count, c.sent_success_count, c.received_success_count, c.received_from_own_success_count)
        IS DISTINCT FROM (n.sent, n.sent_success, n.received, n.received_from_own);
END;
$$;
