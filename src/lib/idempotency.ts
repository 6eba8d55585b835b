import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { idempotencyKeys } from "../db/schema";
import { type LedgerOutcome, ledgerOutcome } from "../features/ledger/ledger.service";
import type { AuthedEnv } from "../types";
import { ApiError, validationMessage } from "./problem";

const IN_FLIGHT_SECONDS = 60;

/** Idempotency-Key (1–255 characters) is required on money-moving POSTs (spec §6). */
export function idempotencyKeyOf(c: Context): string {
  const key = c.req.header("idempotency-key");
  if (key === undefined || key.length === 0) throw new ApiError("IDEMPOTENCY_KEY_MISSING");
  if (key.length > 255) {
    throw new ApiError("VALIDATION_ERROR", {
      errors: [{ path: "Idempotency-Key", message: validationMessage("idempotency_key_length") }],
    });
  }
  return key;
}

/** sha-256 of the normalized request: "2000" and "2000.00" are the same payload. */
export async function requestHashOf(request: unknown): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(JSON.stringify(request)),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export type IdempotentOutcome = LedgerOutcome & { replayed: boolean };

/**
 * Runs a ledger posting at most once per (user, key). Redis holds the
 * in-flight lock (a second request meanwhile gets 409); Postgres holds the
 * outcome, written by the posting's own transaction, so exactly-once holds
 * even if Redis forgets. Replays return the stored outcome; a different
 * payload under the same key is a 422. A failure stores nothing and releases
 * the lock, so after a 5xx the key is free for a retry.
 */
export async function runIdempotently<E extends AuthedEnv>(
  c: Context<E>,
  key: string,
  requestHash: string,
  post: () => Promise<LedgerOutcome>,
): Promise<IdempotentOutcome> {
  const userId = c.var.user.id;
  const lockKey = `idempotency:${userId}:${key}`;
  let acquired: boolean;
  try {
    acquired =
      (await c.var.redis.set(lockKey, requestHash, { nx: true, ex: IN_FLIGHT_SECONDS })) === "OK";
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }

  if (!acquired) {
    // Either still running, or finished a moment ago and the lock is not yet released.
    const stored = await findStoredOutcome(c, userId, key);
    if (!stored) throw new ApiError("IDEMPOTENCY_IN_PROGRESS");
    return checkedReplay(c, stored, requestHash);
  }

  let outcome: LedgerOutcome;
  try {
    outcome = await post();
  } catch (error) {
    // Nothing was stored: free the key so the client may retry at once.
    c.executionCtx.waitUntil(c.var.redis.del(lockKey).catch(() => undefined));
    throw error;
  }
  // Stored outcome: the lock may simply expire; a retry meanwhile finds the
  // outcome in Postgres (above) and is replayed. One Redis call saved per payment.
  return outcome.outcome === "replay"
    ? checkedReplay(c, outcome, requestHash)
    : { ...outcome, replayed: false };
}

function checkedReplay<E extends AuthedEnv>(
  c: Context<E>,
  stored: LedgerOutcome,
  requestHash: string,
): IdempotentOutcome {
  if (stored.request_hash !== requestHash) throw new ApiError("IDEMPOTENCY_KEY_REUSED");
  c.header("Idempotent-Replayed", "true");
  return { ...stored, replayed: true };
}

async function findStoredOutcome<E extends AuthedEnv>(
  c: Context<E>,
  userId: string,
  key: string,
): Promise<LedgerOutcome | null> {
  const [row] = await c.var
    .db()
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
