-- Spec §11: the system user that owns the platform card, the platform card
-- that collects commissions and subscription payments, and the treasury
-- account that is the source of every so'm entering the system.
-- The system user's password hash is not a bcrypt hash, so it can never log in.
INSERT INTO "users" ("id", "full_name", "phone_number", "password_hash", "role")
VALUES ('00000000-0000-0000-0000-000000000000', 'Chontak Platform', '+998000000000', '!', 'system')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "cards" ("id", "user_id", "card_number", "balance", "status", "expiry_date")
VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000000',
        '7777000000000000', 0, 'active', DATE '2099-12-31')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "system_accounts" ("code", "balance", "description")
VALUES ('treasury', 0, 'Source of cash-in; the only account allowed to go negative')
ON CONFLICT DO NOTHING;
