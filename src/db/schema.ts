/**
 * The data model. Money is bigint tiyin; every timestamp is
 * timestamptz. Balances change only through the ledger module.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

const money = (name: string) => bigint(name, { mode: "bigint" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const counter = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);
/** A SHA-256 value (32 bytes), read and written as a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
/**
 * The head of an account's hash chain (see ledger_entries.hash): the hash of its
 * last entry and how many entries the chain has, kept by the ledger under the
 * lock the posting already holds on the row.
 */
const chainHead = () => ({
  chainHead: bytea("chain_head"),
  chainLength: bigint("chain_length", { mode: "number" }).notNull().default(0),
});

/** "system" owns the platform card; it never logs in. */
export const userRole = pgEnum("user_role", ["user", "premium", "admin", "system"]);
export const cardStatus = pgEnum("card_status", ["active", "frozen", "expired", "closed"]);
export const transactionType = pgEnum("transaction_type", ["transfer", "deposit", "subscription"]);
export const transactionStatus = pgEnum("transaction_status", ["success", "failed"]);
export const subscriptionStatus = pgEnum("subscription_status", ["active", "cancelled", "expired"]);
/**
 * Who froze a card: its owner (they may unfreeze it), the bank (only an admin
 * reopens it) or the card limit of the owner's role (the card is over the
 * number of active cards the role allows).
 */
export const cardFreezer = pgEnum("card_freezer", ["owner", "bank", "limit"]);
/** Why the bank blocked a card: a closed list, each shown to the owner in their language. */
export const BANK_FREEZE_REASONS = [
  "suspicious_activity",
  "documents_required",
  "owner_request",
  "court_order",
  "other",
] as const;
export type BankFreezeReason = (typeof BANK_FREEZE_REASONS)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  fullName: varchar("full_name", { length: 50 }).notNull(),
  phoneNumber: varchar("phone_number", { length: 13 }).notNull().unique("users_phone_number_key"),
  passwordHash: text("password_hash").notNull(),
  role: userRole("role").notNull().default("user"),
  /** False: nobody finds this person by phone number (a lookup or a payment by phone). */
  discoverableByPhone: boolean("discoverable_by_phone").notNull().default(true),
  /**
   * The card a payment by phone number goes to; null (or not active): the
   * owner's oldest active card.
   */
  receivingCardId: uuid("receiving_card_id").references((): AnyPgColumn => cards.id),
  /**
   * A transfer above this many tiyin needs a fresh step-up confirmation; null:
   * the default (1 000 000 so'm), never above the role's maximum.
   */
  stepUpThreshold: bigint("step_up_threshold", { mode: "bigint" }),
  /**
   * How many passkeys this person has, kept by the statements that add and delete
   * them: adding one bumps it under the row's lock only while it is below the
   * limit, so two registrations at once cannot both take the last place.
   */
  passkeyCount: smallint("passkey_count").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const cards = pgTable(
  "cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    cardNumber: char("card_number", { length: 16 }).notNull().unique("cards_card_number_key"),
    balance: money("balance").notNull().default(sql`0`),
    status: cardStatus("status").notNull().default("frozen"),
    /** Set while the card is frozen: who froze it, and the bank's reason code. */
    frozenBy: cardFreezer("frozen_by"),
    freezeReason: varchar("freeze_reason", { length: 32 }).$type<BankFreezeReason>(),
    /**
     * False from opening until the owner first activates the card: a new card opens
     * frozen, and "not activated yet" is not the same state as "frozen by its owner".
     */
    activated: boolean("activated").notNull().default(true),
    expiryDate: date("expiry_date").notNull(),
    /**
     * History counters, kept by ledger_post under the card's lock, so a history's
     * total is read instead of counted: transactions sent (refusals included, they
     * are the sender's record), sent successfully, received successfully, and of
     * those the ones sent from another card of the same owner. A card with credit
     * shards has part of its received counts there (card_totals()).
     */
    sentCount: counter("sent_count"),
    sentSuccessCount: counter("sent_success_count"),
    receivedSuccessCount: counter("received_success_count"),
    receivedFromOwnSuccessCount: counter("received_from_own_success_count"),
    ...chainHead(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // Last line of defence for invariant 3: no card ever goes negative.
    check("cards_balance_non_negative", sql`${table.balance} >= 0`),
    check("cards_frozen_by", sql`(${table.status} = 'frozen') = (${table.frozenBy} is not null)`),
    index("cards_user_id_idx").on(table.userId),
    index("cards_expiry_active_idx")
      .on(table.expiryDate)
      .where(sql`${table.status} in ('active', 'frozen')`),
  ],
);

/**
 * Credits to the platform card (every commission, every premium payment) land
 * in one of its shards, one that no other posting holds, instead of in its row,
 * so concurrent payments never wait on one row lock. A card's balance and
 * received counts are its row plus its shards: read them through card_totals().
 */
export const cardCreditShards = pgTable(
  "card_credit_shards",
  {
    cardId: uuid("card_id")
      .notNull()
      .references(() => cards.id),
    shard: smallint("shard").notNull(),
    balance: money("balance").notNull().default(sql`0`),
    receivedSuccessCount: counter("received_success_count"),
    receivedFromOwnSuccessCount: counter("received_from_own_success_count"),
    /** Each shard chains the platform entries it credited, so chaining adds no shared row. */
    ...chainHead(),
  },
  (table) => [
    primaryKey({ columns: [table.cardId, table.shard] }),
    check("card_credit_shards_balance_non_negative", sql`${table.balance} >= 0`),
  ],
);

/** Non-card ledger accounts; the treasury is the source of all cash-in and may go negative. */
export const systemAccounts = pgTable("system_accounts", {
  code: varchar("code", { length: 32 }).primaryKey(),
  balance: money("balance").notNull().default(sql`0`),
  description: text("description").notNull(),
  ...chainHead(),
  createdAt: createdAt(),
});

export const transactions = pgTable(
  "transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: transactionType("type").notNull(),
    status: transactionStatus("status").notNull(),
    /** null when the money came from a system account (treasury cash-in). */
    fromCardId: uuid("from_card_id").references(() => cards.id),
    toCardId: uuid("to_card_id")
      .notNull()
      .references(() => cards.id),
    amount: money("amount").notNull(),
    commission: money("commission").notNull().default(sql`0`),
    description: varchar("description", { length: 255 }),
    failureReason: varchar("failure_reason", { length: 64 }),
    initiatedBy: uuid("initiated_by").references(() => users.id),
    /** Set when the sender addressed the receiver by phone number (E.164) instead of a card. */
    toPhoneNumber: varchar("to_phone_number", { length: 13 }),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [
    check("transactions_amount_positive", sql`${table.amount} > 0`),
    check("transactions_commission_non_negative", sql`${table.commission} >= 0`),
    check(
      "transactions_failure_reason",
      sql`(${table.status} = 'failed') = (${table.failureReason} is not null)`,
    ),
    // ledger_post refuses a transfer to its own card; history totals rely on it.
    check(
      "transactions_success_between_two_cards",
      sql`${table.status} = 'failed' or ${table.fromCardId} is distinct from ${table.toCardId}`,
    ),
    // A user's history reads newest first per card, on both sides.
    index("transactions_from_card_created_idx").on(
      table.fromCardId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // A refusal is the sender's record only: the received side reads successes.
    // Migration 0008 adds INCLUDE (from_card_id) to this index (not expressible here).
    index("transactions_to_card_created_idx")
      .on(table.toCardId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.status} = 'success'`),
    // Admin lists and the dashboard read by time.
    index("transactions_created_idx").on(table.createdAt.desc().nullsFirst()),
  ],
);

/** Double entry: one row per account touched; the rows of a transaction sum to zero. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => transactions.id),
    cardId: uuid("card_id").references(() => cards.id),
    systemAccount: varchar("system_account", { length: 32 }).references(() => systemAccounts.code),
    /** positive = credit, negative = debit */
    amount: money("amount").notNull(),
    createdAt: createdAt(),
    /** The platform card's credit shard whose chain holds this entry; null elsewhere. */
    shard: smallint("shard"),
    /**
     * The entry's place in its account's hash chain (1, 2, …) and
     * hash = sha256(previous entry's hash ‖ canonical entry), set by
     * ledger_chain_link; null only for an entry written outside the ledger,
     * which the proof reports as a broken link.
     */
    chainPosition: bigint("chain_position", { mode: "number" }),
    hash: bytea("hash"),
  },
  (table) => [
    check(
      "ledger_entries_one_account",
      sql`num_nonnulls(${table.cardId}, ${table.systemAccount}) = 1`,
    ),
    check("ledger_entries_amount_non_zero", sql`${table.amount} <> 0`),
    index("ledger_entries_card_idx").on(table.cardId),
    // A statement reads a card's entries in time order, a page at a time.
    index("ledger_entries_card_created_idx").on(table.cardId, table.createdAt, table.transactionId),
    index("ledger_entries_transaction_idx").on(table.transactionId),
  ],
);

/**
 * One row per day: a Merkle root over every chain's head as the ledger stood
 * then (ledger_digest_record), with the chain lengths it covered, so the proof
 * can recompute that day's root from the entries and see any later rewrite.
 */
export const ledgerDigests = pgTable("ledger_digests", {
  day: date("day").primaryKey(),
  root: bytea("root").notNull(),
  chains: integer("chains").notNull(),
  entries: bigint("entries", { mode: "number" }).notNull(),
  /** account name → chain length covered (the leaves' positions) */
  chainLengths: jsonb("chain_lengths").$type<Record<string, number>>().notNull(),
  createdAt: createdAt(),
});

/**
 * The rules of money per role: commission in basis points, bounds of one
 * transfer (tiyin) and how many cards may be open (not closed) or active at
 * once. The ledger reads them inside its own transaction, so the role in force
 * when money moves prices it.
 */
export const roleTerms = pgTable(
  "role_terms",
  {
    role: userRole("role").primaryKey(),
    commissionBp: integer("commission_bp").notNull(),
    minAmount: money("min_amount").notNull(),
    maxAmount: money("max_amount").notNull(),
    maxCards: integer("max_cards").notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check("role_terms_commission", sql`${table.commissionBp} between 0 and 10000`),
    check(
      "role_terms_bounds",
      sql`0 < ${table.minAmount} and ${table.minAmount} <= ${table.maxAmount}`,
    ),
    check("role_terms_cards", sql`${table.maxCards} >= 1`),
  ],
);

/** Outcome of a money-moving POST, stored in the same transaction as the money. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    key: varchar("key", { length: 255 }).notNull(),
    /** sha-256 of method, path and canonical body: a different payload is a 422. */
    requestHash: char("request_hash", { length: 64 }).notNull(),
    statusCode: smallint("status_code").notNull(),
    responseBody: jsonb("response_body").notNull(),
    /**
     * What the first answer was rendered with (request id, language, the
     * caller's role and the limits in force), so a replay is the same bytes.
     */
    responseContext: jsonb("response_context"),
    transactionId: uuid("transaction_id").references(() => transactions.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    index("idempotency_keys_expires_idx").on(table.expiresAt),
  ],
);

export const savedCards = pgTable(
  "saved_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    /** A saved entry is a card number or a phone contact (E.164), exactly one of them. */
    cardNumber: char("card_number", { length: 16 }),
    phoneNumber: varchar("phone_number", { length: 13 }),
    cardHolderName: varchar("card_holder_name", { length: 100 }).notNull(),
    alias: varchar("alias", { length: 50 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("saved_cards_owner_number_key").on(table.ownerUserId, table.cardNumber),
    uniqueIndex("saved_cards_owner_phone_key").on(table.ownerUserId, table.phoneNumber),
    check(
      "saved_cards_one_address",
      sql`num_nonnulls(${table.cardNumber}, ${table.phoneNumber}) = 1`,
    ),
  ],
);

/** An open request stops being payable at expires_at; "expired" is read, never written. */
export const paymentRequestStatus = pgEnum("payment_request_status", ["open", "paid", "cancelled"]);

/**
 * A request for money to one of the requester's cards, paid by link or QR code.
 * With an amount it is paid once (status becomes paid); without, anyone may pay
 * any amount until it expires or is cancelled.
 */
export const paymentRequests = pgTable(
  "payment_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterUserId: uuid("requester_user_id")
      .notNull()
      .references(() => users.id),
    toCardId: uuid("to_card_id")
      .notNull()
      .references(() => cards.id),
    /** null: the payer chooses the amount. */
    amount: money("amount"),
    description: varchar("description", { length: 255 }),
    status: paymentRequestStatus("status").notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    check("payment_requests_amount_positive", sql`${table.amount} is null or ${table.amount} > 0`),
    index("payment_requests_requester_created_idx").on(
      table.requesterUserId,
      table.createdAt.desc().nullsFirst(),
    ),
  ],
);

/** Every successful payment of a request: who paid it, through which transaction. */
export const paymentRequestPayments = pgTable(
  "payment_request_payments",
  {
    transactionId: uuid("transaction_id")
      .primaryKey()
      .references(() => transactions.id),
    requestId: uuid("request_id")
      .notNull()
      .references(() => paymentRequests.id),
    payerUserId: uuid("payer_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index("payment_request_payments_request_idx").on(table.requestId, table.createdAt)],
);

export const cashInStatus = pgEnum("cash_in_status", [
  "pending",
  "approved",
  "rejected",
  "expired",
]);

/**
 * A cash-in above the approval threshold: created by one admin, it moves no
 * money until a different admin approves it (then transactionId is the
 * posting). A pending one past expiresAt reads as expired; the hourly job
 * also marks it.
 */
export const pendingCashIns = pgTable(
  "pending_cash_ins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    toCardId: uuid("to_card_id")
      .notNull()
      .references(() => cards.id),
    /** null: the treasury; else the creator's own card. */
    fromCardId: uuid("from_card_id").references(() => cards.id),
    amount: money("amount").notNull(),
    description: varchar("description", { length: 255 }),
    status: cashInStatus("status").notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectReason: varchar("reject_reason", { length: 255 }),
    transactionId: uuid("transaction_id")
      .unique()
      .references(() => transactions.id),
    createdAt: createdAt(),
  },
  (table) => [
    check("pending_cash_ins_amount_positive", sql`${table.amount} > 0`),
    // The approved state and its posting go together.
    check(
      "pending_cash_ins_approved_has_transaction",
      sql`(${table.status} = 'approved') = (${table.transactionId} is not null)`,
    ),
    index("pending_cash_ins_status_created_idx").on(table.status, table.createdAt.desc()),
  ],
);

/** WebAuthn credentials (passkeys): discoverable, one row per authenticator. */
export const passkeys = pgTable(
  "passkeys",
  {
    /** The credential id, base64url. */
    id: varchar("id", { length: 1400 }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: varchar("name", { length: 50 }).notNull(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** The signature counter last seen: an assertion must carry a larger one (or 0 forever). */
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>(),
    deviceType: varchar("device_type", { length: 16 }).notNull(),
    backedUp: boolean("backed_up").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (table) => [index("passkeys_user_idx").on(table.userId)],
);

export const avatars = pgTable("avatars", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id)
    .unique("avatars_user_id_key"),
  objectKey: varchar("object_key", { length: 128 }).notNull(),
  contentType: varchar("content_type", { length: 32 }).notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  createdAt: createdAt(),
});

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    cardId: uuid("card_id")
      .notNull()
      .references(() => cards.id),
    status: subscriptionStatus("status").notNull().default("active"),
    price: money("price").notNull(),
    autoRenew: boolean("auto_renew").notNull().default(true),
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }).notNull(),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }).notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // One live subscription per user, enforced by the database.
    uniqueIndex("subscriptions_one_active_per_user")
      .on(table.userId)
      .where(sql`${table.status} = 'active'`),
    index("subscriptions_due_idx")
      .on(table.currentPeriodEnd)
      .where(sql`${table.status} = 'active'`),
  ],
);

/**
 * Every successful premium payment and the period it paid for. The purchase
 * response is found again through its transaction (idempotent replays), and
 * the unique (subscription, period start) means a period is never paid twice.
 */
export const subscriptionPayments = pgTable(
  "subscription_payments",
  {
    transactionId: uuid("transaction_id")
      .primaryKey()
      .references(() => transactions.id),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("subscription_payments_period_key").on(table.subscriptionId, table.periodStart),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    actorUserId: uuid("actor_user_id")
      .notNull()
      .references(() => users.id),
    action: varchar("action", { length: 64 }).notNull(),
    entityType: varchar("entity_type", { length: 32 }).notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (table) => [
    index("audit_log_created_idx").on(table.createdAt.desc().nullsFirst()),
    index("audit_log_entity_idx").on(table.entityType, table.entityId),
  ],
);

/** Well-known rows created by the seed migration. */
export const SYSTEM_USER_ID = "00000000-0000-0000-0000-000000000000";
export { PLATFORM_CARD_NUMBER } from "../lib/card-number";
export const TREASURY_ACCOUNT = "treasury";
