-- The Merkle root of the leaves in the order given: each level hashes pairs,
-- sha256(0x01 ‖ left ‖ right); an odd last node moves up unchanged. No leaves:
-- sha256 of the empty string.
CREATE OR REPLACE FUNCTION ledger_merkle_root(p_leaves bytea[])
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  v_level bytea[] := coalesce(p_leaves, '{}');
  v_next bytea[];
  v_count int;
BEGIN
  v_count := coalesce(array_length(v_level, 1), 0);
  IF v_count = 0 THEN
    RETURN sha256(''::bytea);
  END IF;
  WHILE v_count > 1 LOOP
    v_next := '{}';
    FOR i IN 1 .. v_count BY 2 LOOP
      IF i = v_count THEN
        v_next := v_next || v_level[i];
      ELSE
        v_next := v_next || sha256('\x01'::bytea || v_level[i] || v_level[i + 1]);
      END IF;
    END LOOP;
    v_level := v_next;
    v_count := array_length(v_level, 1);
  END LOOP;
  RETURN v_level[1];
END;
$$;
