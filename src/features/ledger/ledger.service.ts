import { z } from "@hono/zod-openapi";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { PLATFORM_CARD_NUMBER } from "../../db/schema";
import { isUniqueViolation } from "../../lib/db-errors";
import { findCause } from "../../lib/errors";
import { ApiError, type Language, PROBLEM_CODES, type ProblemCode } from "../../lib/problem";
import type { TransactionSnapshot } from "./snapshot";

export interface LedgerPosting {
  type: "transfer" | "deposit" | "subscription";
  initiatorId: string;
  /** null: the money comes from the treasury (admin cash-in); else a card of the initiator */
  fromCardId: string | null;
  /** null when the receiver is addressed by phone (toPhoneNumber) */
  toCardNumber: string | null;
  /** E.164; the ledger resolves it to its owner's receiving card */
  toPhoneNumber?: string | null;
  amount: bigint;
  description: string | null;
  idempotency: { key: string; requestHash: string } | null;
  /** What the answer is rendered with, stored so that a replay is the same bytes. */
  responseContext?: ResponseContext;
  /** A fresh step-up confirmation bound to this payment was presented (large transfers need one). */
  stepUpVerified?: boolean;
  /** Admin writes: an audit_log row written by the same statement (so the same transaction). */
  audit?: { actorId: string; action: string };
}

export interface ResponseContext {
  request_id: string;
  language: Language;
}

const snapshotCard = z.object({
  id: z.string(),
  card_number: z.string(),
  owner_id: z.string(),
  owner_name: z.string(),
});

const transactionSnapshot = z.object({
  id: z.string(),
  type: z.enum(["transfer", "deposit", "subscription"]),
  status: z.enum(["success", "failed"]),
  from_card: snapshotCard.nullable(),
  to_card: snapshotCard,
  // Outcomes stored before phone payments have no such field.
  to_phone_number: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  amount: z.string(),
  commission: z.string(),
  description: z.string().nullable(),
  failure_reason: z.string().nullable(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
}) satisfies z.ZodType<TransactionSnapshot>;

/** What a posting was priced and answered with: the role in force inside the ledger. */
const postingContext = z.object({
  role: z.enum(["user", "premium", "admin", "system"]),
  /** tiyin as decimal text */
  min: z.string(),
  max: z.string(),
  request_id: z.string().optional(),
  language: z.enum(["uz", "ru", "en"]).optional(),
});

export const ledgerOutcome = z.object({
  outcome: z.enum(["recorded", "replay"]),
  status_code: z.number().int(),
  request_hash: z.string().optional(),
  transaction: transactionSnapshot,
  context: postingContext,
});

export type LedgerOutcome = z.infer<typeof ledgerOutcome>;
export type PostingContext = z.infer<typeof postingContext>;

/**
 * The only way money moves: one call of the SQL function ledger_post
 * (./sql/ledger_post.sql), a single statement that reads the initiator's role
 * and terms, validates, locks in id order, writes balanced entries and stores
 * the idempotent outcome, all in one transaction and one round trip.
 */
export async function postToLedger(db: Database, posting: LedgerPosting): Promise<LedgerOutcome> {
  const call = sql`ledger_post(
        p_type => ${posting.type}::transaction_type,
        p_initiator => ${posting.initiatorId}::uuid,
        p_from_card_id => ${posting.fromCardId}::uuid,
        p_to_card_number => ${posting.toCardNumber}::text,
        p_amount => ${posting.amount.toString()}::bigint,
        p_platform_card_number => ${PLATFORM_CARD_NUMBER}::text,
        p_description => ${posting.description}::text,
        p_idempotency_key => ${posting.idempotency?.key ?? null}::text,
        p_request_hash => ${posting.idempotency?.requestHash ?? null}::text,
        p_response_context => ${posting.responseContext ? JSON.stringify(posting.responseContext) : null}::jsonb,
        p_to_phone_number => ${posting.toPhoneNumber ?? null}::text,
        p_step_up_verified => ${posting.stepUpVerified ?? false}::boolean
      )`;
  // With an audit, one statement still: the posting, then its audit row unless it was a replay.
  const statement = posting.audit
    ? sql`with posted as (select ${call} as outcome),
        audited as (
          insert into audit_log (actor_user_id, action, entity_type, entity_id, before, after)
          select ${posting.audit.actorId}::uuid, ${posting.audit.action}::text, 'transaction',
                 outcome->'transaction'->>'id', null, outcome->'transaction'
          from posted where outcome->>'outcome' = 'recorded'
        )
        select outcome from posted`
    : sql`select ${call} as outcome`;
  return executePosting(db, statement);
}

/** Runs a statement whose one row's `outcome` is a ledger outcome (ledger_post or a wrapper). */
export async function executePosting(db: Database, statement: SQL): Promise<LedgerOutcome> {
  let rows: Record<string, unknown>[];
  try {
    ({ rows } = await db.execute(statement));
  } catch (error) {
    throw ledgerError(error) ?? error;
  }
  return ledgerOutcome.parse(rows[0]?.outcome);
}

/**
 * The ledger's functions raise SQLSTATE CT403 / CT404 / CT409 / CT422 / CT503 with a
 * problem code as the message; nothing was written then.
 */
export function ledgerError(error: unknown): ApiError | null {
  // The user-row lock makes this unreachable; the unique index is the last word on a race.
  if (isUniqueViolation(error, "subscriptions_one_active_per_user")) {
    return new ApiError("ALREADY_SUBSCRIBED");
  }
  const raised = findCause(
    error,
    (c) =>
      typeof c.code === "string" &&
      /^CT(403|404|409|422|503)$/.test(c.code) &&
      typeof c.message === "string" &&
      c.message in PROBLEM_CODES,
  );
  return raised ? new ApiError(raised.message as ProblemCode) : null;
}

/**
 * A recorded refusal becomes the problem the client sees, rendered as the
 * first answer was (its language, request id and the limits in force then),
 * so a replay is the same bytes.
 */
export function refusalError(outcome: LedgerOutcome & { replayed?: boolean }): ApiError {
  const reason = outcome.transaction.failure_reason ?? "INTERNAL_ERROR";
  const { context } = outcome;
  return new ApiError(reason in PROBLEM_CODES ? (reason as ProblemCode) : "INTERNAL_ERROR", {
    params: {
      max: (BigInt(context.max) / 100n).toString(),
      min: (BigInt(context.min) / 100n).toString(),
    },
    headers: outcome.replayed ? { "Idempotent-Replayed": "true" } : undefined,
    replayOf:
      context.request_id && context.language
        ? { requestId: context.request_id, language: context.language }
        : undefined,
  });
}
