-- hand-written:
-- ledger_post and payment_request_pay take p_step_up_verified: the old signatures go
-- (the function files create the new ones).
DROP FUNCTION IF EXISTS ledger_post(transaction_type, uuid, text, bigint, text, uuid, text, text, text, jsonb, boolean, text);--> statement-breakpoint
DROP FUNCTION IF EXISTS payment_request_pay(uuid, uuid, uuid, bigint, text, text, text, jsonb);
