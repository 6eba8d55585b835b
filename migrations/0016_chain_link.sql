-- hand-written:
-- ledger_post moves a chain's head in the same UPDATE as the balance, through
-- ledger_chain_link (its function file creates it): the old helper goes.
DROP FUNCTION IF EXISTS ledger_chain_append(uuid, transaction_type, bigint, uuid, text, smallint);
