-- A leaf of the daily digest: sha256(0x00 ‖ UTF-8 "<account>|<length>|" ‖ head),
-- the 0x00 prefix keeping leaves apart from inner nodes (0x01).
CREATE OR REPLACE FUNCTION ledger_digest_leaf(p_account text, p_length bigint, p_head bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $$
  SELECT sha256('\x00'::bytea || convert_to(p_account || '|' || p_length::text || '|', 'UTF8')
                || coalesce(p_head, ''::bytea))
$$;
