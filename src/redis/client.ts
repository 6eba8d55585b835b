import { Redis } from "@upstash/redis/cloudflare";
import type { Config } from "../config";

// The REST client holds no connection, only settings, so one per isolate is safe.
const REDIS_TIMEOUT_MS = 2_000;
const clients = new WeakMap<Config, Redis>();

export function getRedis(config: Config): Redis {
  let client = clients.get(config);
  if (!client) {
    client = new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      // Fail fast: money routes fail closed, so a long retry only delays the 503.
      retry: { retries: 1, backoff: () => 50 },
      // A Redis that hangs (not refuses) must not hang the request: after this the call
      // throws a TimeoutError, which the error handler answers as 503.
      signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
      enableTelemetry: false,
    });
    clients.set(config, client);
  }
  return client;
}
