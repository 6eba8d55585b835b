-- This migration created the premium functions (subscription_purchase and
-- subscription_renew). They are source code now, one file per function in
-- src/features/subscriptions/sql/, applied after the numbered migrations on
-- every migrate.
SELECT 1;
