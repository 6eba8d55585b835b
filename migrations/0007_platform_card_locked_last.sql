-- This migration changed ledger_post so the platform card is locked after every
-- other card and credited by the posting's last write. The function is source
-- code now (src/features/ledger/sql/ledger_post.sql), applied after the numbered
-- migrations on every migrate.
SELECT 1;
