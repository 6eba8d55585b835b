import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Database } from "../../db/client";
import { isUniqueViolation } from "../../lib/db-errors";
import { idempotencyKeyOf, requestHashOf, runIdempotently } from "../../lib/idempotency";
import { ApiError, PROBLEM_CODES, type ProblemCode } from "../../lib/problem";
import type { AuthedEnv } from "../../types";
import type { LedgerOutcome } from "../ledger/ledger.service";
import type { TransactionSnapshot } from "../ledger/snapshot";
import { subscriptionPaidBy, subscriptionPeriod } from "./subscriptions.service";

const PURCHASE_DESCRIPTION = "Premium obuna";

/**
 * Buys premium from one of the caller's cards: one idempotent call of the SQL
 * function subscription_purchase (migrations/0005), which pays through
 * ledger_post and creates the subscription and the role change in the same
 * transaction. A recorded refusal (first time or replayed) is thrown as its
 * problem; success returns the subscription and its payment.
 */
export async function purchaseSubscription<E extends AuthedEnv>(c: Context<E>, cardId: string) {
  const key = idempotencyKeyOf(c);
  const user = c.var.user;
  const requestHash = await requestHashOf({ op: "subscription", card_id: cardId });
  const outcome = await runIdempotently(c, key, requestHash, () =>
    callPurchase(c.var.db(), {
      userId: user.id,
      cardId,
      key,
      requestHash,
      price: c.var.config.SUBSCRIPTION_PRICE,
      platformCardNumber: c.var.config.PLATFORM_CARD,
    }),
  );
  if (outcome.statusCode !== 201) throw refusalError(outcome.transaction);
  // Re-read through the payment, so a replay returns the subscription it created.
  const subscription = await subscriptionPaidBy(c.var.db(), outcome.transaction.id);
  return { subscription, transaction: outcome.transaction };
}

async function callPurchase(
  db: Database,
  input: {
    userId: string;
    cardId: string;
    key: string;
    requestHash: string;
    price: bigint;
    platformCardNumber: string;
  },
): Promise<LedgerOutcome> {
  let rows: Record<string, unknown>[];
  try {
    ({ rows } = await db.execute(sql`
      select subscription_purchase(
        ${input.userId}, ${input.cardId}, ${input.key}, ${input.requestHash},
        ${input.price.toString()}, ${subscriptionPeriod()}, ${input.platformCardNumber},
        ${PURCHASE_DESCRIPTION}
      ) as outcome`));
  } catch (error) {
    throw purchaseError(error) ?? error;
  }
  const raw = rows[0]?.outcome as {
    outcome: "recorded" | "replay";
    status_code: number;
    request_hash?: string;
    transaction: TransactionSnapshot;
  };
  return raw.outcome === "replay"
    ? {
        outcome: "replay",
        statusCode: raw.status_code,
        requestHash: raw.request_hash ?? "",
        transaction: raw.transaction,
      }
    : {
        outcome: "recorded",
        statusCode: raw.status_code as 201 | 400,
        transaction: raw.transaction,
      };
}

/** subscription_purchase raises CT404 / CT409 / CT503 with a problem code as the message. */
function purchaseError(error: unknown): ApiError | null {
  // The user-row lock makes this unreachable; the unique index is the last word on a race.
  if (isUniqueViolation(error, "subscriptions_one_active_per_user")) {
    return new ApiError("ALREADY_SUBSCRIBED");
  }
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^CT(404|409|503)$/.test(candidate.code)) {
      return new ApiError(candidate.message as ProblemCode);
    }
    current = candidate.cause;
  }
  return null;
}

/** The ledger says CARD_NOT_ACTIVE for either side; here only the payer's card can be it. */
function refusalError(snapshot: TransactionSnapshot): ApiError {
  const reason = snapshot.failure_reason ?? "INTERNAL_ERROR";
  if (reason === "CARD_NOT_ACTIVE") return new ApiError("PAYING_CARD_NOT_ACTIVE");
  return new ApiError(reason in PROBLEM_CODES ? (reason as ProblemCode) : "INTERNAL_ERROR");
}
