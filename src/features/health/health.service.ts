import type { Redis } from "@upstash/redis";
import { sql } from "drizzle-orm";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import { causeChain } from "../../lib/errors";

export interface CheckResult {
  status: "ok" | "error";
  latency_ms: number;
}

export interface HealthReport {
  ok: boolean;
  checked_at: string;
  checks: { postgres: CheckResult; redis: CheckResult };
}

const CHECK_TIMEOUT_MS = 3_000;
/** How long an isolate answers health from its last check instead of asking the backends again. */
export const HEALTH_CACHE_MS = 5_000;

// The failure's text goes to the log only: the public answer names the dependency, never why.
async function timed(name: string, check: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: "ok", latency_ms: Date.now() - started };
  } catch (error) {
    console.error(JSON.stringify({ level: "error", check: name, error: errorText(error) }));
    return { status: "error", latency_ms: Date.now() - started };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The messages of an error and its causes, shortened, for the log. */
function errorText(error: unknown): string {
  const messages = [...causeChain(error, 4)].map((link) =>
    typeof link.message === "string" ? link.message : String(link),
  );
  return messages.join(" ← ").slice(0, 300);
}

export const checkPostgres = (db: () => Database) =>
  timed("postgres", async () => {
    const result = await db().execute(sql`select 1 as ok`);
    if (result.rows[0]?.ok !== 1) throw new Error("unexpected answer to select 1");
  });

export const checkRedis = (redis: Redis) =>
  timed("redis", async () => {
    const answer = await redis.ping();
    if (answer !== "PONG") throw new Error(`unexpected answer to PING: ${answer}`);
  });

async function checkBoth(db: () => Database, redis: Redis): Promise<HealthReport> {
  const [postgres, redisCheck] = await Promise.all([checkPostgres(db), checkRedis(redis)]);
  return {
    ok: postgres.status === "ok" && redisCheck.status === "ok",
    checked_at: new Date().toISOString(),
    checks: { postgres, redis: redisCheck },
  };
}

// One check per isolate and deployment (config) at a time; its report is kept for
// HEALTH_CACHE_MS after it arrived, and requests arriving meanwhile share it.
interface CachedReport {
  report: Promise<HealthReport>;
  settled: boolean;
  expires: number;
}
const reports = new WeakMap<Config, CachedReport>();

/** The backends' health, asking them at most once per HEALTH_CACHE_MS in this isolate. */
export function readHealth(
  config: Config,
  db: () => Database,
  redis: Redis,
): Promise<HealthReport> {
  const cached = reports.get(config);
  if (cached && cached.expires > Date.now()) {
    return cached.settled ? cached.report : unlessStuck(cached.report, db, redis);
  }
  const report = checkBoth(db, redis);
  // Until it settles, the check stands for at most its own timeout plus the cache period.
  const entry = {
    report,
    settled: false,
    expires: Date.now() + CHECK_TIMEOUT_MS + HEALTH_CACHE_MS,
  };
  reports.set(config, entry);
  report.then(() => {
    entry.settled = true;
    entry.expires = Date.now() + HEALTH_CACHE_MS;
  });
  return report;
}

// A check shared from another request could stall if that request is cancelled;
// past the check's own timeout, this request asks the backends itself.
function unlessStuck(
  shared: Promise<HealthReport>,
  db: () => Database,
  redis: Redis,
): Promise<HealthReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const own = new Promise<HealthReport>((resolve) => {
    timer = setTimeout(() => resolve(checkBoth(db, redis)), CHECK_TIMEOUT_MS + 500);
  });
  return Promise.race([shared, own]).finally(() => {
    if (timer) clearTimeout(timer);
  });
}
