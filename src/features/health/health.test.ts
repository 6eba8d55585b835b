import { describe, expect, it } from "vitest";
import { call } from "../../../test/worker/http";

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
