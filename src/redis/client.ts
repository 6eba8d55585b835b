import { Redis } from "@upstash/redis/cloudflare";
import type { Config } from "../config";

// The REST client holds no connection, only settings, so one per isolate is safe.
const clients = new WeakMap<Config, Redis>();

export function getRedis(config: Config): Redis {
  let client = clients.get(config);
  if (!client) {
    client = new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      // Fail fast: money routes fail closed, so a long retry only delays the 503.
      retry: { retries: 1, backoff: () => 50 },
      enableTelemetry: false,
    });
    clients.set(config, client);
  }
  return client;
}
