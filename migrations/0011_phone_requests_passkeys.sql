CREATE TYPE "public"."payment_request_status" AS ENUM('open', 'paid', 'cancelled');--> statement-breakpoint
CREATE TABLE "passkeys" (
	"id" varchar(1400) PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" varchar(50) NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" jsonb,
	"device_type" varchar(16) NOT NULL,
	"backed_up" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_request_payments" (
	"transaction_id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"payer_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"to_card_id" uuid NOT NULL,
	"amount" bigint,
	"description" varchar(255),
	"status" "payment_request_status" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_requests_amount_positive" CHECK ("payment_requests"."amount" is null or "payment_requests"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "saved_cards" ALTER COLUMN "card_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "saved_cards" ADD COLUMN "phone_number" varchar(13);--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "to_phone_number" varchar(13);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "discoverable_by_phone" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "receiving_card_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "step_up_threshold" bigint;--> statement-breakpoint
ALTER TABLE "passkeys" ADD CONSTRAINT "passkeys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_request_payments" ADD CONSTRAINT "payment_request_payments_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_request_payments" ADD CONSTRAINT "payment_request_payments_request_id_payment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."payment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_request_payments" ADD CONSTRAINT "payment_request_payments_payer_user_id_users_id_fk" FOREIGN KEY ("payer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_to_card_id_cards_id_fk" FOREIGN KEY ("to_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "passkeys_user_idx" ON "passkeys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "payment_request_payments_request_idx" ON "payment_request_payments" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_requests_requester_created_idx" ON "payment_requests" USING btree ("requester_user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_receiving_card_id_cards_id_fk" FOREIGN KEY ("receiving_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_cards_owner_phone_key" ON "saved_cards" USING btree ("owner_user_id","phone_number");--> statement-breakpoint
ALTER TABLE "saved_cards" ADD CONSTRAINT "saved_cards_one_address" CHECK (num_nonnulls("saved_cards"."card_number", "saved_cards"."phone_number") = 1);--> statement-breakpoint
-- ledger_post takes p_to_phone_number: the old signature goes (the function files create the new one).
DROP FUNCTION IF EXISTS ledger_post(transaction_type, uuid, text, bigint, text, uuid, text, text, text, jsonb, boolean);
