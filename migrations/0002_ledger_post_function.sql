-- This migration created the ledger's functions (ledger_post and
-- ledger_transaction_snapshot). They are source code now, one file per function
-- in src/features/ledger/sql/, applied after the numbered migrations on every
-- migrate; a database that ran this migration earlier has them replaced there.
SELECT 1;
