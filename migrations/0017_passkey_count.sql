ALTER TABLE "users" ADD COLUMN "passkey_count" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written: the count of the passkeys already stored.
UPDATE "users" SET "passkey_count" = p.n
FROM (SELECT user_id, count(*)::smallint AS n FROM passkeys GROUP BY user_id) p
WHERE p.user_id = "users"."id";
