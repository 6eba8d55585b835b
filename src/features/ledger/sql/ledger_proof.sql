-- Recomputes every hash chain (or the chains of one card: its own and, for the
-- platform card, its shards') from the entries and their transactions, in one
-- statement: each entry's position must be the next one and its hash must be
-- sha256(stored hash of the entry before it ‖ canonical entry); each head row
-- must name the last entry. The first broken link is reported (chains in the
-- byte order of their names, entries by position), with the hash the entry
-- should have and the one stored. An edited entry breaks at itself; a removed
-- or inserted one at the next position; a rewritten tail at the head.
--
-- Without a card, it also checks a stored daily digest (p_digest_day, else the
-- latest): the Merkle root over the stored hashes at the positions the digest
-- covered must equal the root recorded that day, so rewriting history older
-- than the digest is seen even when every later hash and head was recomputed.
CREATE OR REPLACE FUNCTION ledger_proof(p_card_id uuid DEFAULT NULL, p_digest_day date DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
  v_started timestamptz := clock_timestamp();
  v_result jsonb;
  v_digest ledger_digests%ROWTYPE;
  v_root bytea;
BEGIN
  WITH walked AS (
    SELECT e.id, e.card_id, e.chain_position, e.hash, x.account,
           row_number() OVER w AS expected_position,
           ledger_entry_hash(lag(e.hash) OVER w, e.id, e.transaction_id, t.type::text, x.account,
                             e.chain_position, e.amount, e.created_at) AS expected_hash
    FROM ledger_entries e
    JOIN transactions t ON t.id = e.transaction_id
    CROSS JOIN LATERAL (SELECT ledger_chain_account(e.card_id, e.system_account, e.shard) AS account) x
    WHERE p_card_id IS NULL OR e.card_id = p_card_id
    WINDOW w AS (PARTITION BY e.card_id, e.system_account, e.shard
                 ORDER BY e.chain_position NULLS LAST, e.id)
  ),
  bad_entries AS (
    SELECT account, card_id, id AS entry_id, expected_position AS position,
           CASE WHEN chain_position IS DISTINCT FROM expected_position THEN 'position'
                ELSE 'hash' END AS reason,
           encode(expected_hash, 'hex') AS expected, encode(hash, 'hex') AS stored,
           chain_position AS stored_position
    FROM walked
    WHERE chain_position IS DISTINCT FROM expected_position OR hash IS DISTINCT FROM expected_hash
  ),
  tails AS (
    SELECT DISTINCT ON (account) account, card_id, expected_position AS length, hash
    FROM walked ORDER BY account, expected_position DESC
  ),
  heads AS (
    SELECT * FROM ledger_chain_heads() h WHERE p_card_id IS NULL OR h.card_id = p_card_id
  ),
  bad_heads AS (
    SELECT coalesce(h.account, t.account) AS account, coalesce(h.card_id, t.card_id) AS card_id,
           NULL::bigint AS entry_id, coalesce(t.length, 0) AS position, 'head' AS reason,
           encode(t.hash, 'hex') AS expected, encode(h.head, 'hex') AS stored,
           h.length AS stored_position
    FROM heads h FULL JOIN tails t ON t.account = h.account
    WHERE coalesce(h.length, 0) <> coalesce(t.length, 0) OR h.head IS DISTINCT FROM t.hash
  ),
  first_break AS (
    SELECT * FROM (
      SELECT 0 AS kind, * FROM bad_entries
      UNION ALL
      SELECT 1 AS kind, * FROM bad_heads
    ) b
    ORDER BY account COLLATE "C", position, kind
    LIMIT 1
  )
  SELECT jsonb_build_object(
    'valid', NOT EXISTS (SELECT 1 FROM first_break),
    'card_found', p_card_id IS NULL OR EXISTS (SELECT 1 FROM cards WHERE id = p_card_id),
    'entries', (SELECT count(*) FROM walked),
    'chains', (SELECT count(*) FROM heads WHERE length > 0),
    'broken', (SELECT jsonb_build_object(
                 'account', account, 'card_id', card_id, 'entry_id', entry_id::text,
                 'position', position, 'stored_position', stored_position, 'reason', reason,
                 'expected', expected, 'stored', stored)
               FROM first_break))
  INTO v_result;

  IF p_card_id IS NULL THEN
    SELECT * INTO v_digest FROM ledger_digests
    WHERE day = coalesce(p_digest_day, (SELECT max(day) FROM ledger_digests));
    IF FOUND THEN
      SELECT ledger_merkle_root(array_agg(ledger_digest_leaf(d.key, d.value::bigint, e.hash)
                                          ORDER BY d.key COLLATE "C"))
      INTO v_root
      FROM jsonb_each_text(v_digest.chain_lengths) d
      LEFT JOIN ledger_entries e
        ON ledger_chain_account(e.card_id, e.system_account, e.shard) = d.key
       AND e.chain_position = d.value::bigint;
      v_result := v_result || jsonb_build_object('digest', jsonb_build_object(
        'day', v_digest.day, 'valid', v_root = v_digest.root,
        'stored_root', encode(v_digest.root, 'hex'), 'recomputed_root', encode(v_root, 'hex')));
      IF v_root IS DISTINCT FROM v_digest.root THEN
        v_result := v_result || jsonb_build_object('valid', false);
      END IF;
    ELSE
      v_result := v_result || jsonb_build_object('digest', NULL);
    END IF;
  END IF;

  RETURN v_result || jsonb_build_object(
    'elapsed_ms', round(extract(epoch FROM clock_timestamp() - v_started) * 1000, 1));
END;
$$;
