import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { query } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { createApp } from "../../app";
import { HEALTH_CACHE_MS } from "./health.service";

describe("GET /", () => {
  it("answers with the service banner", async () => {
    const response = await call("/");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "running",
      app: "Chontak Wallet",
      version: "test",
    });
  });
});

describe("GET /api/health", () => {
  it("checks Postgres through the Neon driver and Redis through the Upstash client", async () => {
    const response = await call("/api/health");
    const body = (await response.json()) as {
      status: string;
      checks: Record<string, { status: string; latency_ms: number; error?: string }>;
    };
    expect(body.checks.postgres?.error).toBeUndefined();
    expect(body.checks.redis?.error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checks.postgres?.status).toBe("ok");
    expect(body.checks.redis?.status).toBe("ok");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers with a trailing slash too", async () => {
    expect((await call("/api/health/")).status).toBe(200);
  });
});

type HealthBody = {
  status: string;
  checked_at: string;
  checks: Record<string, Record<string, unknown>>;
};

/** A fresh app whose env object stays the same across calls (one config, one cache). */
function deployment(overrides: Record<string, unknown>) {
  const app = createApp();
  const bindings = { ...env, ...overrides };
  return async () => {
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request("http://chontak.test/api/health"), bindings, ctx);
    await waitOnExecutionContext(ctx);
    return { status: response.status, body: (await response.json()) as HealthBody };
  };
}

describe("GET /api/health (exposure and cost)", () => {
  it("names the dependency that is down, never its error text", async () => {
    const url = new URL(String(env.DATABASE_URL));
    url.port = "1"; // nothing listens there, over either driver
    const { status, body } = await deployment({
      DATABASE_URL: url.toString(),
      DB_HTTP_ENDPOINT: "http://127.0.0.1:1/sql",
    })();
    expect(status).toBe(503);
    expect(body.status).toBe("error");
    expect(Object.keys(body.checks.postgres ?? {}).sort()).toEqual(["latency_ms", "status"]);
    expect(body.checks.postgres?.status).toBe("error");
    expect(body.checks.redis?.status).toBe("ok");
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/ECONN|refused|socket|connect|127\.0\.0\.1|:1\b|error:/i);

    const redisDown = await deployment({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1" })();
    expect(redisDown.status).toBe(503);
    expect(Object.keys(redisDown.body.checks.redis ?? {}).sort()).toEqual(["latency_ms", "status"]);
    expect(JSON.stringify(redisDown.body)).not.toMatch(/fetch|refused|127\.0\.0\.1|timed out/i);
  });

  it("asks the backends at most once per cache period: a database dropped meanwhile goes unnoticed until it ends", {
    timeout: 30_000,
  }, async () => {
    const name = `chontak_health_probe_${crypto.randomUUID().replace(/-/g, "")}`;
    await query(sql.raw(`create database ${name}`));
    try {
      // Straight to Postgres: a dropped database then fails at once instead of
      // leaving PgBouncer waiting for a server.
      const url = new URL(String(env.DIRECT_DATABASE_URL));
      url.pathname = `/${name}`;
      const health = deployment({ DATABASE_URL: url.toString() });

      const first = await health();
      expect(first.status).toBe(200);
      await query(sql.raw(`drop database ${name} with (force)`));

      // Within the period: the same report, not a new round trip (it would fail now).
      const again = await health();
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      await new Promise((resolve) => setTimeout(resolve, HEALTH_CACHE_MS + 200));
      const later = await health();
      expect(later.status).toBe(503);
      expect(later.body.checks.postgres?.status).toBe("error");
      expect(later.body.checks.redis?.status).toBe("ok");
      expect(later.body.checked_at > first.body.checked_at).toBe(true);
    } finally {
      await query(sql.raw(`drop database if exists ${name} with (force)`));
    }
  });

  it("lets a burst of concurrent requests share one check", { timeout: 30_000 }, async () => {
    // Let any report cached by the other tests expire, so this burst starts a check.
    await new Promise((resolve) => setTimeout(resolve, HEALTH_CACHE_MS + 200));
    const responses = await Promise.all(Array.from({ length: 12 }, () => call("/api/health")));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as HealthBody[];
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    expect(new Set(bodies.map((body) => body.checked_at)).size).toBe(1);
  });
});
