import { Ratelimit } from "@upstash/ratelimit";
import type { Context } from "hono";
import type { Config } from "../config";
import type { AppEnv } from "../types";
import { ApiError } from "./problem";

/** The limits of spec §8: requests per window, sliding window. */
export const RATE_LIMITS = {
  login: { requests: 10, windowSeconds: 15 * 60 },
  register: { requests: 5, windowSeconds: 60 * 60 },
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

/** The caller's IP as Cloudflare reports it (clients cannot forge CF-Connecting-IP there). */
export function clientIp(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown";
}
