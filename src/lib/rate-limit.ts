import { Ratelimit } from "@upstash/ratelimit";
import type { Context } from "hono";
import type { Config } from "../config";
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
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

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
    const { requests, windowSeconds } = RATE_LIMITS[name];
    const windowMs = Math.max(
      1,
      Math.round((windowSeconds * 1000) / config.RATE_LIMIT_WINDOW_DIVISOR),
    );
    limiter = new Ratelimit({
      redis: c.var.redis,
      limiter: Ratelimit.slidingWindow(requests * config.RATE_LIMIT_MULTIPLIER, `${windowMs} ms`),
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

  const resetSeconds = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
  const headers = {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(Math.max(0, result.remaining)),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (!result.success) {
    throw new ApiError("RATE_LIMITED", {
      headers: { ...headers, "Retry-After": String(resetSeconds) },
    });
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
}

/**
 * Gives one request back to the named limit (a successful login must not spend
 * its owner's budget). A refund that fails only leaves the request counted.
 */
export async function refundRateLimit<E extends AppEnv>(
  c: Context<E>,
  name: RateLimitName,
  identifier: string,
): Promise<void> {
  try {
    const result = await limiterFor(c, name).limit(identifier, { rate: -1 });
    c.executionCtx.waitUntil(result.pending);
  } catch {
    // Redis is unreachable: the count stays and expires with its window.
  }
}

/**
 * The client address rate limits key on, as Cloudflare reports it (clients
 * cannot forge CF-Connecting-IP there). IPv6 clients are keyed by their /64,
 * the block one subscriber usually gets, so rotating addresses inside it gains
 * nothing.
 */
export function clientIp(c: Context): string {
  return rateLimitAddress(
    c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown",
  );
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
function ipv6Hextets(text: string): number[] | null {
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
