import { describe, expect, it } from "vitest";
import { callJson } from "../../test/worker/http";
import { uniqueIp, uniquePhone } from "../../test/worker/users";
import { RATE_LIMITS } from "../lib/rate-limit";

const WEB_ORIGIN = "http://localhost:5173";

const exposed = (response: Response) =>
  (response.headers.get("access-control-expose-headers") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase());

describe("CORS: what the web app can read of an answer", () => {
  it("a refused login (429) lets the web origin read Retry-After", async () => {
    const phone = uniquePhone();
    const ip = uniqueIp();
    const attempt = () =>
      callJson(
        "/api/auth/login",
        "POST",
        { phone_number: phone, password: "wrong-password" },
        { "CF-Connecting-IP": ip, Origin: WEB_ORIGIN },
      );
    // One address guessing at one phone meets the per (phone, address) limit first.
    for (let i = 0; i < RATE_LIMITS.loginPhoneAddress.requests; i++) {
      expect((await attempt()).status).toBe(401);
    }
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(exposed(refused)).toEqual(
      expect.arrayContaining([
        "retry-after",
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
      ]),
    );
  });

  it("a successful answer exposes the same headers", async () => {
    const response = await callJson(
      "/api/auth/login",
      "POST",
      { phone_number: uniquePhone(), password: "wrong-password" },
      { "CF-Connecting-IP": uniqueIp(), Origin: WEB_ORIGIN },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(exposed(response)).toContain("retry-after");
  });
});
