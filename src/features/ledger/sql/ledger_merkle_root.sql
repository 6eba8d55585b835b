-- The Merkle root of the leaves in the order given: each level hashes pairs,
-- sha256(0x01 ‖ left ‖ right); an odd last node moves up unchanged. No leaves:
-- sha256 of the empty string. A level is built by one set operation over its
-- nodes (not element by element), so a million chains cost n log n, not n².
CREATE OR REPLACE FUNCTION ledger_merkle_root(p_leaves bytea[])
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  v_level bytea[] := coalesce(p_leaves, '{}');
BEGIN
  IF cardinality(v_level) = 0 THEN
    RETURN sha256(''::bytea);
  END IF;
  WHILE cardinality(v_level) > 1 LOOP
    SELECT array_agg(CASE WHEN cardinality(pair) = 2 THEN sha256('\x01'::bytea || pair[1] || pair[2])
                          ELSE pair[1] END
                     ORDER BY k)
    INTO v_level
    FROM (SELECT (o - 1) / 2 AS k, array_agg(node ORDER BY o) AS pair
          FROM unnest(v_level) WITH ORDINALITY AS u(node, o)
          GROUP BY 1) pairs;
  END LOOP;
  RETURN v_level[1];
END;
$$;
