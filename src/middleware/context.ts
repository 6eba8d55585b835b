import type { Pool } from "@neondatabase/serverless";
import { createMiddleware } from "hono/factory";
import { loadConfig } from "../config";
import { closePool, openHttpDatabase, openPooledDatabase } from "../db/client";
import { ApiError } from "../lib/problem";
import { getRedis } from "../redis/client";
import type { AppEnv } from "../types";

/**
 * Validated config (503 naming the bad variables otherwise), Redis, Postgres over HTTP,
 * and a lazy per-request Pool for the writes that need an interactive transaction.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const loaded = loadConfig(c.env);
  if (!loaded.ok) {
    throw new ApiError("CONFIG_INVALID", { params: { variables: loaded.variables.join(", ") } });
  }
  const config = loaded.config;
  c.set("config", config);
  c.set("redis", getRedis(config));

  const db = openHttpDatabase(config);
  c.set("db", () => db);
  let opened: ReturnType<typeof openPooledDatabase> | undefined;
  c.set("transactionalDb", () => {
    opened ??= openPooledDatabase(config);
    return opened.db;
  });
  try {
    await next();
  } finally {
    if (opened) closeLater(c, opened.pool);
  }
});

function closeLater(
  c: { executionCtx: { waitUntil(promise: Promise<unknown>): void } },
  pool: Pool,
) {
  const ending = closePool(pool);
  try {
    c.executionCtx.waitUntil(ending);
  } catch {
    // No execution context (e.g. app.request in a unit test): the promise still runs.
  }
}
