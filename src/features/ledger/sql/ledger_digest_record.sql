-- Records the day's digest once: the Merkle root over the head of every
-- non-empty chain, leaves in the byte order of the account names (COLLATE "C"),
-- with the chain lengths it covers. One statement reads every head from one
-- snapshot, and a posting commits its entries and heads together, so the heads
-- are a state the ledger was really in. A second call for the same day changes
-- nothing and answers the recorded row.
CREATE OR REPLACE FUNCTION ledger_digest_record(p_day date)
RETURNS jsonb
LANGUAGE sql
AS $$
  WITH inserted AS (
    INSERT INTO ledger_digests (day, root, chains, entries, chain_lengths)
    SELECT p_day,
           ledger_merkle_root(array_agg(ledger_digest_leaf(h.account, h.length, h.head)
                                        ORDER BY h.account COLLATE "C")),
           count(*),
           coalesce(sum(h.length), 0),
           coalesce(jsonb_object_agg(h.account, h.length), '{}'::jsonb)
    FROM ledger_chain_heads() h
    WHERE h.length > 0
    ON CONFLICT (day) DO NOTHING
    RETURNING day, root, chains, entries
  )
  SELECT jsonb_build_object('recorded', true, 'day', day, 'root', encode(root, 'hex'),
                            'chains', chains, 'entries', entries)
  FROM inserted
  UNION ALL
  SELECT jsonb_build_object('recorded', false, 'day', d.day, 'root', encode(d.root, 'hex'),
                            'chains', d.chains, 'entries', d.entries)
  FROM ledger_digests d
  WHERE d.day = p_day AND NOT EXISTS (SELECT 1 FROM inserted)
$$;
