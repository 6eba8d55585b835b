import type { Redis } from "@upstash/redis";
import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { idempotencyKeys } from "../../db/schema";
import { ApiError } from "../../lib/problem";
import { type LedgerOutcome, ledgerOutcome } from "./ledger.service";
import { type GateAnswer, type PaymentGate, passPaymentGate } from "./payment-gate";

const IN_FLIGHT_SECONDS = 60;

/**
 * What an idempotent posting needs: the database, Redis, a way to finish work
 * after the answer, and what its gate tells the answer.
 */
export interface PostingDeps extends GateAnswer {
  db: Database;
  redis: Redis;
  waitUntil: (work: Promise<unknown>) => void;
}

/** One money-moving request: who, under which session, key and payload, spending which budget. */
export interface PostingRequest {
  userId: string;
  sessionId: string;
  key: string;
  requestHash: string;
  rateLimit?: PaymentGate["rateLimit"];
  extraRateLimit?: PaymentGate["extraRateLimit"];
  /** The step-up token the request carries (already verified and bound to this payment). */
  stepUp?: StepUpClaim;
}

/** A verified step-up token: its id and how long its spent-marker must outlive it. */
export interface StepUpClaim {
  jti: string;
  seconds: number;
}

/** What the posting learns from the gate. */
export interface PostingGrant {
  /** A step-up token was spent on this attempt (or on this same attempt before). */
  stepUpVerified: boolean;
}

export type IdempotentOutcome = LedgerOutcome & { replayed: boolean };

/** sha-256 of the normalized request: "2000" and "2000.00" are the same payload. */
export async function requestHashOf(request: unknown): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(JSON.stringify(request)),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Runs a ledger posting at most once per (user, key). One Redis request checks
 * the session, counts the rate limit and takes the in-flight lock (a second
 * request meanwhile gets 409); Postgres holds the outcome, written by the
 * posting's own transaction, so exactly-once holds even if Redis forgets. Replays return the stored outcome; a different
 * payload under the same key is a 422. A failure stores nothing and releases
 * the lock, so after a 5xx the key is free for a retry.
 */
export async function runIdempotently(
  deps: PostingDeps,
  request: PostingRequest,
  post: (grant: PostingGrant) => Promise<LedgerOutcome>,
): Promise<IdempotentOutcome> {
  const { db, redis, waitUntil } = deps;
  const lockKey = `idempotency:${request.userId}:${request.key}`;
  const { acquired, stepUpVerified } = await passPaymentGate(
    redis,
    {
      session: { sid: request.sessionId, userId: request.userId },
      lock: { key: lockKey, requestHash: request.requestHash, seconds: IN_FLIGHT_SECONDS },
      rateLimit: request.rateLimit,
      extraRateLimit: request.extraRateLimit,
      stepUp: request.stepUp && {
        key: `step-up-spent:${request.stepUp.jti}`,
        attempt: request.key,
        seconds: request.stepUp.seconds,
      },
    },
    deps,
  );

  if (!acquired) {
    // Either still running, or finished a moment ago and the lock is not yet released.
    const stored = await findStoredOutcome(db, request.userId, request.key);
    if (!stored) throw new ApiError("IDEMPOTENCY_IN_PROGRESS");
    return checkedReplay(stored, request.requestHash);
  }

  let outcome: LedgerOutcome;
  try {
    outcome = await post({ stepUpVerified });
  } catch (error) {
    // Nothing was stored: free the key so the client may retry at once.
    waitUntil(redis.del(lockKey).catch(() => undefined));
    throw error;
  }
  // Stored outcome: the lock may simply expire; a retry meanwhile finds the
  // outcome in Postgres (above) and is replayed. One Redis call saved per payment.
  return outcome.outcome === "replay"
    ? checkedReplay(outcome, request.requestHash)
    : { ...outcome, replayed: false };
}

function checkedReplay(stored: LedgerOutcome, requestHash: string): IdempotentOutcome {
  if (stored.request_hash !== requestHash) throw new ApiError("IDEMPOTENCY_KEY_REUSED");
  return { ...stored, replayed: true };
}

async function findStoredOutcome(
  db: Database,
  userId: string,
  key: string,
): Promise<LedgerOutcome | null> {
  const [row] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      statusCode: idempotencyKeys.statusCode,
      body: idempotencyKeys.responseBody,
      context: idempotencyKeys.responseContext,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        gt(idempotencyKeys.expiresAt, new Date()),
      ),
    );
  if (!row || row.statusCode === 0) return null;
  return ledgerOutcome.parse({
    outcome: "replay",
    status_code: row.statusCode,
    request_hash: row.requestHash,
    transaction: row.body,
    context: row.context,
  });
}
