import type { Context } from "hono";
import { idempotencyKeyOf } from "../../lib/idempotency";
import { languageOf } from "../../lib/problem";
import { type RateLimit, type RateLimitName, rateLimitOf } from "../../lib/rate-limit";
import { markSessionChecked } from "../../middleware/auth";
import type { SessionEnv } from "../../types";
import {
  type IdempotentOutcome,
  type PostingDeps,
  type PostingGrant,
  requestHashOf,
  runIdempotently,
  type StepUpClaim,
} from "./idempotency";
import {
  type LedgerOutcome,
  type LedgerPosting,
  postToLedger,
  type ResponseContext,
  refusalError,
} from "./ledger.service";

/**
 * Who asks for a money-moving POST (user and session), under which key, which
 * budget it spends, and how their answer is rendered.
 */
export interface Caller {
  id: string;
  sessionId: string;
  idempotencyKey: string;
  rateLimit?: RateLimit & { name: RateLimitName };
  /** A second budget this request spends as well (after rateLimit). */
  extraRateLimit?: RateLimit & { name: RateLimitName };
  /** A step-up token bound to this payment, spent by the posting's gate. */
  stepUp?: StepUpClaim;
  responseContext: ResponseContext;
}

/**
 * Runs `post` at most once for the caller's key and this payload. A recorded
 * refusal (first time or replayed) is thrown as its problem; success returns
 * the outcome.
 */
export async function postOnce(
  deps: PostingDeps,
  caller: Caller,
  payload: Record<string, unknown>,
  post: (
    idempotency: { key: string; requestHash: string } & PostingGrant,
  ) => Promise<LedgerOutcome>,
): Promise<IdempotentOutcome> {
  const key = caller.idempotencyKey;
  const requestHash = await requestHashOf(payload);
  const request = {
    userId: caller.id,
    sessionId: caller.sessionId,
    key,
    requestHash,
    rateLimit: caller.rateLimit && { ...caller.rateLimit, identifier: caller.id },
    extraRateLimit: caller.extraRateLimit && { ...caller.extraRateLimit, identifier: caller.id },
    stepUp: caller.stepUp,
  };
  const outcome = await runIdempotently(deps, request, (grant) =>
    post({ key, requestHash, ...grant }),
  );
  if (outcome.status_code !== 201) throw refusalError(outcome);
  return outcome;
}

/** One idempotent ledger posting initiated by the caller (a transfer, a cash-in). */
export function postToLedgerOnce(
  deps: PostingDeps,
  caller: Caller,
  operation: string,
  posting: Omit<
    LedgerPosting,
    "idempotency" | "responseContext" | "initiatorId" | "stepUpVerified"
  >,
): Promise<IdempotentOutcome> {
  const payload = {
    op: operation,
    from_card_id: posting.fromCardId,
    to_card_number: posting.toCardNumber,
    // Only a payment by phone has the field, so a card payment hashes as it always did.
    ...(posting.toPhoneNumber ? { to_phone_number: posting.toPhoneNumber } : {}),
    amount: posting.amount.toString(),
    description: posting.description,
  };
  return postOnce(deps, caller, payload, ({ key, requestHash, stepUpVerified }) =>
    postToLedger(deps.db, {
      ...posting,
      initiatorId: caller.id,
      idempotency: { key, requestHash },
      responseContext: caller.responseContext,
      stepUpVerified,
    }),
  );
}

/**
 * The request side of a money-moving POST, for its handler: dependencies and
 * caller (from the token's claims: the posting's gate checks the session
 * itself), spending the named per-user budget if one is given.
 */
export function postingRequest<E extends SessionEnv>(c: Context<E>, rateLimit?: RateLimitName) {
  const deps: PostingDeps = {
    db: c.var.db(),
    redis: c.var.redis,
    waitUntil: (work) => c.executionCtx.waitUntil(work),
    setHeader: (name, value) => c.header(name, value),
    // The auth middleware then need not ask Redis about the session again.
    sessionAlive: () => markSessionChecked(c),
  };
  const caller: Caller = {
    id: c.var.session.sub,
    sessionId: c.var.session.sid,
    idempotencyKey: idempotencyKeyOf(c),
    rateLimit: rateLimit && { name: rateLimit, ...rateLimitOf(c.var.config, rateLimit) },
    responseContext: { request_id: c.get("requestId") as string, language: languageOf(c) },
  };
  return { deps, caller };
}

/** A replayed success says so (a replayed refusal carries the header in its problem). */
export function markReplay<E extends SessionEnv>(c: Context<E>, outcome: IdempotentOutcome) {
  if (outcome.replayed) c.header("Idempotent-Replayed", "true");
}
