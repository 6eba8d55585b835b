CREATE TYPE "public"."cash_in_status" AS ENUM('pending', 'approved', 'rejected', 'expired');--> statement-breakpoint
CREATE TABLE "pending_cash_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid NOT NULL,
	"to_card_id" uuid NOT NULL,
	"from_card_id" uuid,
	"amount" bigint NOT NULL,
	"description" varchar(255),
	"status" "cash_in_status" DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reject_reason" varchar(255),
	"transaction_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_cash_ins_transaction_id_unique" UNIQUE("transaction_id"),
	CONSTRAINT "pending_cash_ins_amount_positive" CHECK ("pending_cash_ins"."amount" > 0),
	CONSTRAINT "pending_cash_ins_approved_has_transaction" CHECK (("pending_cash_ins"."status" = 'approved') = ("pending_cash_ins"."transaction_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "pending_cash_ins" ADD CONSTRAINT "pending_cash_ins_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_cash_ins" ADD CONSTRAINT "pending_cash_ins_to_card_id_cards_id_fk" FOREIGN KEY ("to_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_cash_ins" ADD CONSTRAINT "pending_cash_ins_from_card_id_cards_id_fk" FOREIGN KEY ("from_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_cash_ins" ADD CONSTRAINT "pending_cash_ins_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_cash_ins" ADD CONSTRAINT "pending_cash_ins_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_cash_ins_status_created_idx" ON "pending_cash_ins" USING btree ("status","created_at" DESC NULLS LAST);