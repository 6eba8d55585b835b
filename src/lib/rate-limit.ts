import { Ratelimit } from "@upstash/ratelimit";
import type { Context } from "hono";
import type { Config } from "../config";
import { runScript } from "../redis/script";
import type { AppEnv } from "../types";
import { ApiError } from "./problem";

/** Requests per window, sliding window. */
export const RATE_LIMITS = {
  /** Login per client address (password spraying), and change-password per user. */
  login: { requests: 10, windowSeconds: 15 * 60 },
  /** Login guesses at one phone from one client address. */
  loginPhoneAddress: { requests: 5, windowSeconds: 15 * 60 },
  /** Login guesses at one phone from everywhere, for clients without that account's device token. */
  loginPhone: { requests: 20, windowSeconds: 60 * 60 },
  /** Login from a client holding a device token of the account it logs in to. */
  loginDevice: { requests: 10, windowSeconds: 15 * 60 },
  /** Registrations per client address; phone changes spend it too (both reveal a taken number). */
  register: { requests: 5, windowSeconds: 60 * 60 },
  /** Phone-number changes per user. */
  phoneChange: { requests: 5, windowSeconds: 60 * 60 },
  transfer: { requests: 30, windowSeconds: 60 },
  avatarUpload: { requests: 5, windowSeconds: 60 },
  cardLookup: { requests: 20, windowSeconds: 60 },
  /** Passkey login challenges and answers per client address. */
  passkeyLogin: { requests: 30, windowSeconds: 15 * 60 },
  /** New payment requests per user (each is a link anyone logged in can open). */
  paymentRequestCreate: { requests: 30, windowSeconds: 60 * 60 },
  /** Public receipt checks per client address (no login; each costs a signature check). */
  receiptVerify: { requests: 60, windowSeconds: 60 },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** A limit as this deployment counts it. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The benchmark multiplies the requests of every limit; tests shorten the windows. */
export function rateLimitOf(config: Config, name: RateLimitName): RateLimit {
  const { requests, windowSeconds } = RATE_LIMITS[name];
  return {
    limit: requests * config.RATE_LIMIT_MULTIPLIER,
    windowMs: Math.max(1, Math.round((windowSeconds * 1000) / config.RATE_LIMIT_WINDOW_DIVISOR)),
  };
}

// Limiters live at module scope (one per isolate and config), as @upstash/ratelimit advises.
const limiters = new WeakMap<Config, Map<RateLimitName, Ratelimit>>();

function limiterFor<E extends AppEnv>(c: Context<E>, name: RateLimitName): Ratelimit {
  const config = c.var.config;
  let byName = limiters.get(config);
  if (!byName) {
    byName = new Map();
    limiters.set(config, byName);
  }
  let limiter = byName.get(name);
  if (!limiter) {
    const { limit, windowMs } = rateLimitOf(config, name);
    limiter = new Ratelimit({
      redis: c.var.redis,
      limiter: Ratelimit.slidingWindow(limit, `${windowMs} ms`),
      prefix: `ratelimit:${name}`,
      // No in-memory block list: every isolate asks Redis, so limits are exact.
      ephemeralCache: false,
      timeout: 3_000,
      analytics: false,
    });
    byName.set(name, limiter);
  }
  return limiter;
}

/** One count of a request: how a limit judged it. `reset` is when its window ends (ms). */
export interface RateLimitVerdict {
  success: boolean;
  limit: number;
  remaining: number;
  reset: number;
}

/**
 * Over the limit → 429 with Retry-After and the RateLimit-* headers; within it,
 * the RateLimit-* headers go on the answer.
 */
export function applyRateLimitVerdict(
  setHeader: (name: string, value: string) => void,
  verdict: RateLimitVerdict,
): void {
  const resetSeconds = Math.max(1, Math.ceil((verdict.reset - Date.now()) / 1000));
  const headers = {
    "RateLimit-Limit": String(verdict.limit),
    "RateLimit-Remaining": String(Math.max(0, verdict.remaining)),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (!verdict.success) {
    throw new ApiError("RATE_LIMITED", {
      headers: { ...headers, "Retry-After": String(resetSeconds) },
    });
  }
  for (const [name, value] of Object.entries(headers)) setHeader(name, value);
}

/**
 * Counts one request for `identifier` under the named limit. Over the limit →
 * 429 with Retry-After. Redis unreachable or slow → 503: the limiter fails
 * closed instead of waving requests through.
 */
export async function enforceRateLimit<E extends AppEnv>(
  c: Context<E>,
  name: RateLimitName,
  identifier: string,
): Promise<void> {
  let result: Awaited<ReturnType<Ratelimit["limit"]>>;
  try {
    result = await limiterFor(c, name).limit(identifier);
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }
  if (result.reason === "timeout") throw new ApiError("SERVICE_UNAVAILABLE");
  c.executionCtx.waitUntil(result.pending);
  applyRateLimitVerdict((header, value) => c.header(header, value), result);
}

/**
 * The sliding window of @upstash/ratelimit (same keys, same estimate) in Lua,
 * for scripts that count a request in the same Redis request as other work:
 * the library sends one request per limit and cannot be combined with
 * anything else. `spendWindow` counts one request and returns what is left, or
 * -1 without counting when the window is full; `giveBack` returns one count.
 */
export const SLIDING_WINDOW_LUA = `
local function spendWindow(currentKey, previousKey, limit, window, now)
  local current = tonumber(redis.call('GET', currentKey) or '0')
  local previous = tonumber(redis.call('GET', previousKey) or '0')
  local weighted = math.floor((1 - (now % window) / window) * previous)
  if weighted + current >= limit then return -1 end
  local count = redis.call('INCR', currentKey)
  if count == 1 then redis.call('PEXPIRE', currentKey, window * 2 + 1000) end
  return limit - (count + weighted)
end
local function giveBack(key)
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
`;

/** The keys of a bucket's current and previous window at `now`, and when the current one ends. */
export function windowKeys(name: RateLimitName, identifier: string, windowMs: number, now: number) {
  const window = Math.floor(now / windowMs);
  const prefix = `ratelimit:${name}:${identifier}`;
  return {
    current: `${prefix}:${window}`,
    previous: `${prefix}:${window - 1}`,
    reset: (window + 1) * windowMs,
  };
}

// Buckets in order; a full one stops the count, so later buckets are not spent.
const SPEND_SCRIPT = `#!lua flags=allow-key-locking
${SLIDING_WINDOW_LUA}
local now = tonumber(ARGV[1])
local remaining = 0
for i = 1, #KEYS / 2 do
  local limit, window = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  remaining = spendWindow(KEYS[2 * i - 1], KEYS[2 * i], limit, window, now)
  if remaining < 0 then return {i, 0} end
end
return {0, remaining}`;

/**
 * Counts one request in each bucket, in order, in one Redis request: the first
 * full bucket answers 429 and the buckets after it are not counted. Success
 * sets the last bucket's RateLimit-* headers and returns the window keys it
 * counted in (to give the counts back later). Redis unreachable → 503.
 */
export async function spendRateLimits<E extends AppEnv>(
  c: Context<E>,
  buckets: [name: RateLimitName, identifier: string][],
): Promise<string[]> {
  const now = Date.now();
  const counted = buckets.map(([name, identifier]) => {
    const limit = rateLimitOf(c.var.config, name);
    return { ...limit, ...windowKeys(name, identifier, limit.windowMs, now) };
  });
  let reply: [refusedAt: number, remaining: number];
  try {
    reply = await runScript(
      c.var.redis,
      SPEND_SCRIPT,
      counted.flatMap((bucket) => [bucket.current, bucket.previous]),
      [now, ...counted.flatMap((bucket) => [bucket.limit, bucket.windowMs])],
    );
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }
  const [refusedAt, remaining] = reply;
  const judged = counted[refusedAt > 0 ? refusedAt - 1 : counted.length - 1];
  if (judged) {
    applyRateLimitVerdict((header, value) => c.header(header, value), {
      success: refusedAt === 0,
      limit: judged.limit,
      remaining,
      reset: judged.reset,
    });
  }
  return counted.map((bucket) => bucket.current);
}

/**
 * The client address rate limits key on, as Cloudflare reports it (clients
 * cannot forge CF-Connecting-IP there). IPv6 clients are keyed by their /64,
 * the block one subscriber usually gets, so rotating addresses inside it gains
 * nothing.
 */
export function clientIp(c: Context): string {
  return rateLimitAddress(clientAddress(c) ?? "unknown");
}

/** The client's own address as the edge reports it, unaltered. */
export function clientAddress(c: Context): string | undefined {
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip");
}

/**
 * IPv4 as given; IPv4-mapped IPv6 as its IPv4; other IPv6 as its first four
 * hextets plus `::/64`. Text that is no IP address stays as it is.
 */
export function rateLimitAddress(address: string): string {
  const text = address.trim().toLowerCase();
  if (!text.includes(":")) return text;
  const hextets = ipv6Hextets(text);
  if (!hextets) return text;
  const [a, b, c, d, e, f, g = 0, h = 0] = hextets;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return [g >> 8, g & 0xff, h >> 8, h & 0xff].join(".");
  }
  return `${hextets
    .slice(0, 4)
    .map((hextet) => hextet.toString(16))
    .join(":")}::/64`;
}

/** The eight hextets of an IPv6 address (`::` expanded, a dotted IPv4 tail allowed), or null. */
export function ipv6Hextets(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (tail) {
    const octets = tail.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return null;
    const [p = 0, q = 0, r = 0, s = 0] = octets;
    address = `${address.slice(0, tail.index)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return all.map((group) => Number.parseInt(group, 16));
}
