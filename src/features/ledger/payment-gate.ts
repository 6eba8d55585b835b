import type { Redis } from "@upstash/redis";
import { ApiError } from "../../lib/problem";
import {
  applyRateLimitVerdict,
  type RateLimit,
  type RateLimitName,
  SLIDING_WINDOW_LUA,
  windowKeys,
} from "../../lib/rate-limit";
import { unauthorized } from "../../middleware/auth";
import { runScript } from "../../redis/script";
import { sessionKey, TOUCH_SESSION_LUA } from "../auth/sessions";

/** What a money-moving request must pass before it posts, all in one Redis request. */
export interface PaymentGate {
  /** The caller's session: dead (logged out, password changed) → 401. */
  session: { sid: string; userId: string };
  /** The in-flight lock of the request's idempotency key, holding its payload hash. */
  lock: { key: string; requestHash: string; seconds: number };
  /** The budget the request spends, if its operation has one: over it → 429. */
  rateLimit?: RateLimit & { name: RateLimitName; identifier: string };
}

/** The script's first reply element. */
const REPLY = { sessionDead: 0, rateLimited: 1, lockHeld: 2, lockTaken: 3 } as const;

// Session, rate limit and lock in one script, because every Redis request is a round
// trip on the payment's critical path. A dead session counts nothing and takes no
// lock; a full window takes no lock. Keys: session, lock, then the current and
// previous window of a limited operation.
const GATE_SCRIPT = `#!lua flags=allow-key-locking
${SLIDING_WINDOW_LUA}
${TOUCH_SESSION_LUA}
if not touchSession(KEYS[1], ARGV[1], tonumber(ARGV[4])) then return {${REPLY.sessionDead}, 0} end
local remaining = 0
if #KEYS == 4 then
  remaining = spendWindow(KEYS[3], KEYS[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[4]))
  if remaining < 0 then return {${REPLY.rateLimited}, 0} end
end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'EX', ARGV[3]) then
  return {${REPLY.lockTaken}, remaining}
end
return {${REPLY.lockHeld}, remaining}`;

/** What the gate tells the answer: its rate-limit headers, and that the session is alive. */
export interface GateAnswer {
  setHeader: (name: string, value: string) => void;
  sessionAlive: () => void;
}

/**
 * Checks the session, counts the request against its budget and takes the
 * in-flight lock, atomically. Returns whether the lock was taken (false: the
 * key is in flight or has just finished). Dead session → 401, over the limit →
 * 429 (both with nothing taken), Redis unreachable or slow → 503 (fail closed).
 * Within the limit, the RateLimit-* headers go on the answer.
 */
export async function passPaymentGate(
  redis: Redis,
  gate: PaymentGate,
  answer: GateAnswer,
): Promise<boolean> {
  const now = Date.now();
  const budget = gate.rateLimit && {
    ...gate.rateLimit,
    ...windowKeys(gate.rateLimit.name, gate.rateLimit.identifier, gate.rateLimit.windowMs, now),
  };
  const [reply, remaining] = await askGate(redis, gate, now, budget);
  if (reply === REPLY.sessionDead) throw unauthorized();
  answer.sessionAlive();
  if (budget) {
    applyRateLimitVerdict(answer.setHeader, {
      success: reply !== REPLY.rateLimited,
      limit: budget.limit,
      remaining,
      reset: budget.reset,
    });
  }
  return reply === REPLY.lockTaken;
}

async function askGate(
  redis: Redis,
  gate: PaymentGate,
  now: number,
  budget?: RateLimit & { current: string; previous: string },
): Promise<[reply: number, remaining: number]> {
  const keys = [sessionKey(gate.session.sid), gate.lock.key];
  const args = [gate.session.userId, gate.lock.requestHash, gate.lock.seconds, now];
  if (budget) {
    keys.push(budget.current, budget.previous);
    args.push(budget.limit, budget.windowMs);
  }
  try {
    return await runScript(redis, GATE_SCRIPT, keys, args);
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }
}
