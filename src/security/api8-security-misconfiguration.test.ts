import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, callWithEnv } from "../../test/worker/http";
import { bearer, newUser, uniqueIp, uniquePhone } from "../../test/worker/users";
import type { Problem } from "../lib/problem";
import { jsonInit, type OpenApiDocument, PROBLEM_MEMBERS } from "./helpers";

describe("API8:2023 security misconfiguration", () => {
  it("grants CORS only to the configured origin", async () => {
    const allowed = "http://localhost:5173";
    const preflight = (origin: string) =>
      call("/api/auth/login", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
      });
    const simple = (origin: string) => call("/api/health", { headers: { Origin: origin } });

    for (const send of [preflight, simple]) {
      const ok = await send(allowed);
      expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
      expect(ok.headers.get("vary")).toMatch(/origin/i);
      for (const origin of [
        "https://evil.example",
        "null",
        "http://localhost:5173.evil.example",
        "http://localhost:5174",
        "https://localhost:5173",
        "https://chontak.pages.dev", // the production origin is not configured here
      ]) {
        const response = await send(origin);
        expect(response.headers.get("access-control-allow-origin"), origin).toBeNull();
        expect(response.headers.get("access-control-allow-credentials"), origin).toBeNull();
      }
    }
  });

  it("sends the security headers on every kind of answer, errors included", async () => {
    const user = await newUser();
    const answers: [string, Promise<Response>][] = [
      ["200 JSON", call("/")],
      ["200 HTML", call("/docs")],
      ["200 document", call("/openapi.json")],
      ["401", call("/api/auth/me")],
      ["403", call("/api/admin/dashboard", { headers: bearer(user.accessToken) })],
      ["404", call("/api/no-such-route")],
      ["405", call("/api/health", { method: "DELETE" })],
      ["413", call("/api/auth/login", jsonInit("POST", { x: "y".repeat(70_000) }))],
      ["422", call("/api/card/not-a-uuid", { headers: bearer(user.accessToken) })],
      ["503", callWithEnv("/api/health", { JWT_SECRET: undefined })],
    ];
    for (const [label, pending] of answers) {
      const response = await pending;
      expect(String(response.status), label).toBe(label.slice(0, 3));
      const headers = Object.fromEntries(response.headers);
      expect(headers, label).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "SAMEORIGIN",
        "referrer-policy": "no-referrer",
        "strict-transport-security": expect.stringMatching(/^max-age=\d{7,}/),
        "cross-origin-opener-policy": "same-origin",
        "x-permitted-cross-domain-policies": "none",
      });
      expect(headers, label).not.toHaveProperty("x-powered-by");
      expect(headers, label).not.toHaveProperty("server");
    }
  });

  it("never puts a stack trace, an internal address or a secret into a problem", async () => {
    const user = await newUser();
    const pgDown = new URL(String(env.DATABASE_URL));
    pgDown.port = "1";
    const failures: [string, Promise<Response>][] = [
      ["malformed JSON", call("/api/auth/login", { ...jsonInit("POST", {}), body: "{oops" })],
      ["wrong types", call("/api/auth/register", jsonInit("POST", { full_name: 5 }))],
      [
        "NUL byte",
        call(
          "/api/auth/login",
          jsonInit(
            "POST",
            { phone_number: "\u0000", password: "p" },
            { "CF-Connecting-IP": uniqueIp() },
          ),
        ),
      ],
      ["bad uuid", call("/api/card/%E0%A4%A", { headers: bearer(user.accessToken) })],
      [
        "huge number",
        call("/api/transactions?amount=1e309", { headers: bearer(user.accessToken) }),
      ],
      [
        "xml",
        call("/api/auth/register", {
          method: "POST",
          headers: { "Content-Type": "application/xml" },
          body: "<x/>",
        }),
      ],
      ["unknown route", call("/api/../../etc/passwd")],
      ["bad token", call("/api/card", { headers: bearer("a.b.c") })],
      ["config missing", callWithEnv("/", { JWT_SECRET: undefined, DATABASE_URL: "mysql://x" })],
      [
        "Postgres down",
        callWithEnv(
          "/api/auth/login",
          { DATABASE_URL: pgDown.toString() },
          {
            ...jsonInit(
              "POST",
              { phone_number: uniquePhone(), password: "secret-password" },
              {
                "CF-Connecting-IP": uniqueIp(),
              },
            ),
          },
        ),
      ],
      [
        "Redis down",
        callWithEnv(
          "/api/auth/login",
          { UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1" },
          {
            ...jsonInit("POST", { phone_number: uniquePhone(), password: "secret-password" }),
          },
        ),
      ],
    ];
    const secrets = [
      String(env.JWT_SECRET),
      String(env.UPSTASH_REDIS_REST_TOKEN),
      new URL(String(env.DATABASE_URL)).host,
      new URL(String(env.UPSTASH_REDIS_REST_URL)).host,
      "127.0.0.1",
    ];
    for (const [label, pending] of failures) {
      const response = await pending;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("content-type"), label).toBe("application/problem+json");
      const text = await response.text();
      const problem = JSON.parse(text) as Problem;
      expect(
        Object.keys(problem).filter((key) => !PROBLEM_MEMBERS.includes(key)),
        label,
      ).toEqual([]);
      expect(text, label).not.toMatch(/\bat \S+ \(|\.[cm]?[jt]s:\d+|node_modules|stack|Error:/);
      for (const secret of secrets) expect(text, label).not.toContain(secret);
    }
  });

  it("serves Swagger UI and an OpenAPI document that declares its auth and leaks no secret", async () => {
    const docs = await call("/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
    expect(await docs.text()).toContain("/openapi.json");

    const response = await call("/openapi.json");
    expect(response.status).toBe(200);
    const text = await response.text();
    const document = JSON.parse(text) as OpenApiDocument;
    expect(document.openapi).toBe("3.1.0");
    expect(document.components?.securitySchemes).toMatchObject({
      OAuth2PasswordBearer: {
        type: "oauth2",
        flows: { password: { tokenUrl: "/api/auth/login" } },
      },
    });
    for (const secret of [
      String(env.JWT_SECRET),
      String(env.UPSTASH_REDIS_REST_TOKEN),
      new URL(String(env.DATABASE_URL)).host,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
