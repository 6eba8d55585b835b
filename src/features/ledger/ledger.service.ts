import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ApiError, type ProblemCode } from "../../lib/problem";
import type { TransactionSnapshot } from "./snapshot";

export interface LedgerPosting {
  type: "transfer" | "deposit" | "subscription";
  initiatorId: string;
  idempotency: { key: string; requestHash: string } | null;
  /** null: the money comes from the treasury (admin cash-in) */
  fromCardId: string | null;
  /** the sender card must belong to this user (null: any owner) */
  senderOwnerId: string | null;
  toCardNumber: string;
  amount: bigint;
  commission: bigint;
  min: bigint;
  max: bigint;
  platformCardNumber: string;
  description: string | null;
  /** Admin writes: an audit_log row written by the same statement (so the same transaction). */
  audit?: { actorId: string; action: string };
}

export type LedgerOutcome =
  | { outcome: "recorded"; statusCode: 201 | 400; transaction: TransactionSnapshot }
  | {
      outcome: "replay";
      statusCode: number;
      requestHash: string;
      transaction: TransactionSnapshot;
    };

/**
 * The only way money moves: one call of the SQL function ledger_post
 * (migrations/0002), a single statement that validates, locks in id order,
 * writes balanced entries and stores the idempotent outcome, all in one
 * transaction and one round trip.
 */
export async function postToLedger(db: Database, posting: LedgerPosting): Promise<LedgerOutcome> {
  const call = sql`ledger_post(
        ${posting.type}, ${posting.initiatorId}, ${posting.idempotency?.key ?? null},
        ${posting.idempotency?.requestHash ?? null}, ${posting.fromCardId}, ${posting.senderOwnerId},
        ${posting.toCardNumber}, ${posting.amount.toString()}, ${posting.commission.toString()},
        ${posting.min.toString()}, ${posting.max.toString()}, ${posting.platformCardNumber},
        ${posting.description}
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
  let result: { rows: Record<string, unknown>[] };
  try {
    result = await db.execute(statement);
  } catch (error) {
    throw ledgerError(error) ?? error;
  }
  const outcome = result.rows[0]?.outcome as {
    outcome: "recorded" | "replay";
    status_code: number;
    request_hash?: string;
    transaction: TransactionSnapshot;
  };
  if (outcome.outcome === "replay") {
    return {
      outcome: "replay",
      statusCode: outcome.status_code,
      requestHash: outcome.request_hash ?? "",
      transaction: outcome.transaction,
    };
  }
  return {
    outcome: "recorded",
    statusCode: outcome.status_code as 201 | 400,
    transaction: outcome.transaction,
  };
}

/** ledger_post raises CT404 / CT503 with a problem code as the message. */
function ledgerError(error: unknown): ApiError | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (candidate.code === "CT404" || candidate.code === "CT503") {
      return new ApiError(candidate.message as ProblemCode);
    }
    current = candidate.cause;
  }
  return null;
}

/** A recorded refusal becomes the problem the client sees (and sees again on replay). */
export function refusalError(snapshot: TransactionSnapshot, max: bigint, min: bigint): ApiError {
  const code = (snapshot.failure_reason ?? "INTERNAL_ERROR") as ProblemCode;
  return new ApiError(code, {
    params: { max: (max / 100n).toString(), min: (min / 100n).toString() },
  });
}
