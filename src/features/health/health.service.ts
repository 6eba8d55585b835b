import type { Redis } from "@upstash/redis";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";

export interface CheckResult {
  status: "ok" | "error";
  latency_ms: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3_000;

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: "ok", latency_ms: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", latency_ms: Date.now() - started, error: message.slice(0, 200) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export const checkPostgres = (db: () => Database) =>
  timed(async () => {
    const result = await db().execute(sql`select 1 as ok`);
    if (result.rows[0]?.ok !== 1) throw new Error("unexpected answer to select 1");
  });

export const checkRedis = (redis: Redis) =>
  timed(async () => {
    const answer = await redis.ping();
    if (answer !== "PONG") throw new Error(`unexpected answer to PING: ${answer}`);
  });
