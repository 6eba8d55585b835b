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
  /**
   * A second budget it spends too (a payment by phone answers whether a phone
   * is payable, so it spends the lookup budget as well), counted after the first.
   */
  extraRateLimit?: RateLimit & { name: RateLimitName; identifier: string };
  /**
   * A step-up token the request carries, spent when the lock is taken: its
   * marker holds the attempt (the idempotency key) it was spent on, so a retry
   * of that attempt still counts it and any other payment does not.
   */
  stepUp?: { key: string; attempt: string; seconds: number };
}

/** What the gate decided: whether the lock was taken, and whether a step-up token was spent on it. */
export interface GateVerdict {
  acquired: boolean;
  stepUpVerified: boolean;
}

/** The script's first reply element. */
const REPLY = { sessionDead: 0, rateLimited: 1, lockHeld: 2, lockTaken: 3 } as const;

// Session, rate limits, lock and step-up in one script, because every Redis request is
// a round trip on the payment's critical path. A dead session counts nothing and takes
// no lock; a full window takes no lock (and stops the count: later budgets are not
// spent). Keys: session, lock, then the current and previous window of each budget
// (ARGV[5] of them), then the step-up marker if the request carries a token, spent
// only once the lock is taken. The reply's third element is the budget that refused
// (1 or 2), its fourth whether the step-up token counts for this attempt.
const GATE_SCRIPT = `#!lua flags=allow-key-locking
${SLIDING_WINDOW_LUA}
${TOUCH_SESSION_LUA}
if not touchSession(KEYS[1], ARGV[1], tonumber(ARGV[4])) then return {${REPLY.sessionDead}, 0, 0, 0} end
local budgets = tonumber(ARGV[5])
local remaining = 0
for i = 1, budgets do
  local left = spendWindow(KEYS[2 * i + 1], KEYS[2 * i + 2], tonumber(ARGV[2 * i + 6]),
    tonumber(ARGV[2 * i + 7]), tonumber(ARGV[4]))
  if left < 0 then return {${REPLY.rateLimited}, 0, i, 0} end
  if i == 1 then remaining = left end
end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'EX', ARGV[3]) then
  local verified = 0
  if #KEYS > 2 + 2 * budgets then
    local marker = KEYS[#KEYS]
    if redis.call('SET', marker, ARGV[6], 'NX', 'EX', ARGV[7]) or redis.call('GET', marker) == ARGV[6] then
      verified = 1
    end
  end
  return {${REPLY.lockTaken}, remaining, 0, verified}
end
return {${REPLY.lockHeld}, remaining, 0, 0}`;

/** What the gate tells the answer: its rate-limit headers, and that the session is alive. */
export interface GateAnswer {
  setHeader: (name: string, value: string) => void;
  sessionAlive: () => void;
}

/**
 * Checks the session, counts the request against its budget and takes the
 * in-flight lock, atomically, and spends the request's step-up token with the
 * lock. Returns whether the lock was taken (false: the key is in flight or has
 * just finished) and whether the token counts. Dead session → 401, over the limit →
 * 429 (both with nothing taken), Redis unreachable or slow → 503 (fail closed).
 * Within the limit, the RateLimit-* headers go on the answer.
 */
export async function passPaymentGate(
  redis: Redis,
  gate: PaymentGate,
  answer: GateAnswer,
): Promise<GateVerdict> {
  const now = Date.now();
  const budgets = [gate.rateLimit, gate.rateLimit && gate.extraRateLimit]
    .filter((limit) => limit !== undefined)
    .map((limit) => ({
      ...limit,
      ...windowKeys(limit.name, limit.identifier, limit.windowMs, now),
    }));
  const [reply, remaining, refusedBy, verified] = await askGate(redis, gate, now, budgets);
  if (reply === REPLY.sessionDead) throw unauthorized();
  answer.sessionAlive();
  // The headers describe the operation's own budget, or the one that refused.
  const judged = budgets[refusedBy > 0 ? refusedBy - 1 : 0];
  if (judged) {
    applyRateLimitVerdict(answer.setHeader, {
      success: reply !== REPLY.rateLimited,
      limit: judged.limit,
      remaining,
      reset: judged.reset,
    });
  }
  return { acquired: reply === REPLY.lockTaken, stepUpVerified: verified === 1 };
}

async function askGate(
  redis: Redis,
  gate: PaymentGate,
  now: number,
  budgets: (RateLimit & { current: string; previous: string })[],
): Promise<[reply: number, remaining: number, refusedBy: number, verified: number]> {
  const keys = [sessionKey(gate.session.sid), gate.lock.key];
  const args: (string | number)[] = [
    gate.session.userId,
    gate.lock.requestHash,
    gate.lock.seconds,
    now,
    budgets.length,
    gate.stepUp?.attempt ?? "",
    gate.stepUp?.seconds ?? 0,
  ];
  for (const budget of budgets) {
    keys.push(budget.current, budget.previous);
    args.push(budget.limit, budget.windowMs);
  }
  if (gate.stepUp) keys.push(gate.stepUp.key);
  try {
    return await runScript(redis, GATE_SCRIPT, keys, args);
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }
}
