import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { call, callJson } from "../../../test/worker/http";
import {
  bearer,
  login,
  me,
  newUser,
  register,
  uniqueIp,
  uniquePhone,
} from "../../../test/worker/users";
import { createApp } from "../../app";
import type { Problem } from "../../lib/problem";
import { RATE_LIMITS } from "../../lib/rate-limit";

const problem = async (response: Response) => (await response.json()) as Problem;

describe("auth: happy path", () => {
  it("registers, logs in and reads /me", async () => {
    const phone = uniquePhone();
    const registered = await register({ full_name: "  Alisher Valiyev  ", phone_number: phone });
    expect(registered.status).toBe(201);
    const user = (await registered.json()) as Record<string, unknown>;
    expect(user).toMatchObject({
      full_name: "Alisher Valiyev",
      phone_number: phone,
      role: "user",
      avatar: null,
    });
    expect(user).not.toHaveProperty("password_hash");
    expect(user).not.toHaveProperty("passwordHash");

    const loggedIn = await login(phone, "secret-password");
    expect(loggedIn.status).toBe(200);
    const tokens = (await loggedIn.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 15 * 60 });

    const current = await me(tokens.access_token as string);
    expect(current.status).toBe(200);
    expect(await current.json()).toEqual(user);
  });

  it("accepts the OAuth2 password form that Swagger UI sends", async () => {
    const user = await newUser();
    const response = await call("/api/auth/login", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "CF-Connecting-IP": uniqueIp(),
      },
      body: new URLSearchParams({
        grant_type: "password",
        username: user.phone,
        password: user.password,
      }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    expect((await me(access_token)).status).toBe(200);
  });

  it("keeps several sessions (devices) side by side", async () => {
    const user = await newUser();
    const second = (await (await login(user.phone, user.password)).json()) as {
      access_token: string;
    };
    expect((await me(user.accessToken)).status).toBe(200);
    expect((await me(second.access_token)).status).toBe(200);
  });

  it("updates the name and phone number", async () => {
    const user = await newUser();
    const phone = uniquePhone();
    const response = await callJson(
      "/api/auth/me",
      "PATCH",
      { full_name: "Bobur Karimov", phone_number: phone },
      { ...bearer(user.accessToken), "CF-Connecting-IP": uniqueIp() },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      full_name: "Bobur Karimov",
      phone_number: phone,
    });
    expect((await login(phone, user.password)).status).toBe(200);
  });
});

describe("auth: validation", () => {
  it.each([
    ["a", 422],
    ["ab", 201],
    ["x".repeat(50), 201],
    ["x".repeat(51), 422],
    [`  ${"x".repeat(50)}  `, 201],
    ["   a   ", 422],
  ])("full name %j → %i", async (fullName, status) => {
    expect((await register({ full_name: fullName })).status).toBe(status);
  });

  it.each([
    ["7 bytes", "1234567", 422],
    ["8 bytes", "12345678", 201],
    ["72 bytes", "p".repeat(72), 201],
    ["73 bytes", "p".repeat(73), 422],
    ["36 two-byte letters = 72 bytes", "ў".repeat(36), 201],
    ["37 two-byte letters = 74 bytes", "ў".repeat(37), 422],
  ])("password of %s → %i", async (_label, password, status) => {
    expect((await register({ password })).status).toBe(status);
  });

  it.each([
    "998901234567",
    "+99890123456",
    "+9989012345678",
    "+997901234567",
    "+998 90 123 45 67",
    "",
    "+998abcdefghi",
  ])("refuses phone %j", async (phone) => {
    const response = await register({ phone_number: phone });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.code).toBe("VALIDATION_ERROR");
    expect(body.errors?.map((error) => error.path)).toContain("phone_number");
  });

  it("answers malformed JSON with a 400 problem and wrong types with 422", async () => {
    const malformed = await call("/api/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueIp() },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).code).toBe("MALFORMED_REQUEST");

    const wrongTypes = await callJson(
      "/api/auth/register",
      "POST",
      { full_name: 5, phone_number: [], password: null },
      {
        "CF-Connecting-IP": uniqueIp(),
      },
    );
    expect(wrongTypes.status).toBe(422);

    const noBody = await call("/api/auth/login", {
      method: "POST",
      headers: { "CF-Connecting-IP": uniqueIp() },
    });
    expect(noBody.status).toBe(422);

    const xml = await call("/api/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/xml", "CF-Connecting-IP": uniqueIp() },
      body: "<x/>",
    });
    expect(xml.status).toBe(415);
  });

  it("answers text Postgres cannot store (a NUL byte) with 422, never a 500", async () => {
    const login = await callJson(
      "/api/auth/login",
      "POST",
      { phone_number: "\u0000", password: "whatever-password" },
      { "CF-Connecting-IP": uniqueIp() },
    );
    expect(login.status).toBe(422);
    expect((await register({ full_name: "Ali\u0000Valiyev" })).status).toBe(422);
  });

  it("refuses a duplicate phone with 409 on register and on PATCH /me", async () => {
    const first = await newUser();
    const duplicate = await register({ phone_number: first.phone });
    expect(duplicate.status).toBe(409);
    expect((await problem(duplicate)).detail).toBe(
      "Bu telefon raqami allaqachon ro'yxatdan o'tgan",
    );

    const second = await newUser();
    const patch = await callJson(
      "/api/auth/me",
      "PATCH",
      { phone_number: first.phone },
      { ...bearer(second.accessToken), "CF-Connecting-IP": uniqueIp() },
    );
    expect(patch.status).toBe(409);
  });

  it("refuses an empty PATCH /me and unknown fields such as role", async () => {
    const user = await newUser();
    expect((await callJson("/api/auth/me", "PATCH", {}, bearer(user.accessToken))).status).toBe(
      422,
    );
    const escalate = await callJson(
      "/api/auth/me",
      "PATCH",
      { role: "admin" },
      bearer(user.accessToken),
    );
    expect(escalate.status).toBe(422);
    expect(((await (await me(user.accessToken)).json()) as { role: string }).role).toBe("user");
  });

  it("gives exactly one 201 among concurrent registrations of one phone", async () => {
    const phone = uniquePhone();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => register({ phone_number: phone })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });
});

describe("auth: credentials and tokens (security)", () => {
  it("answers an unknown phone exactly like a wrong password", async () => {
    const user = await newUser();
    const wrongPassword = await login(user.phone, "not-the-password");
    const unknownPhone = await login(uniquePhone(), "not-the-password");
    expect(wrongPassword.status).toBe(401);
    expect(unknownPhone.status).toBe(401);
    const [a, b] = [await problem(wrongPassword), await problem(unknownPhone)];
    expect(a.code).toBe("INVALID_CREDENTIALS");
    expect({ ...a, request_id: undefined }).toEqual({ ...b, request_id: undefined });
  });

  it("refuses a missing, malformed, tampered, alg-none, wrong-key or expired access token", async () => {
    const user = await newUser();
    const [header, payload, signature] = user.accessToken.split(".") as [string, string, string];
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<
      string,
      unknown
    >;
    const encode = (value: unknown) =>
      btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const secret = new TextEncoder().encode(String(env.JWT_SECRET));
    const now = Math.floor(Date.now() / 1000);

    const tokens = {
      missing: null,
      garbage: "not-a-jwt",
      tampered: `${header}.${encode({ ...claims, sub: crypto.randomUUID() })}.${signature}`,
      algNone: `${encode({ alg: "none", typ: "JWT" })}.${payload}.`,
      wrongKey: await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .sign(new TextEncoder().encode("x".repeat(40))),
      expired: await new SignJWT({ ...claims, iat: now - 3600, exp: now - 60 })
        .setProtectedHeader({ alg: "HS256" })
        .sign(secret),
      hs512: await new SignJWT(claims).setProtectedHeader({ alg: "HS512" }).sign(secret),
    };
    for (const [label, token] of Object.entries(tokens)) {
      const response = await call("/api/auth/me", { headers: token ? bearer(token) : {} });
      expect(response.status, label).toBe(401);
      expect((await problem(response)).code, label).toBe("INVALID_TOKEN");
    }
  });

  it("never accepts a refresh token as an access token, nor the reverse", async () => {
    const user = await newUser();
    expect((await me(user.refreshToken)).status).toBe(401);
    const refreshWithAccess = await callJson("/api/auth/refresh", "POST", {
      refresh_token: user.accessToken,
    });
    expect(refreshWithAccess.status).toBe(401);
    expect((await problem(refreshWithAccess)).code).toBe("INVALID_REFRESH_TOKEN");
  });

  it("rotates refresh tokens, and a reused one revokes the whole session", async () => {
    const user = await newUser();
    const first = await callJson("/api/auth/refresh", "POST", { refresh_token: user.refreshToken });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as { access_token: string; refresh_token: string };
    expect(rotated.refresh_token).not.toBe(user.refreshToken);
    expect((await me(rotated.access_token)).status).toBe(200);

    // An attacker replays the old refresh token: the family dies.
    const replay = await callJson("/api/auth/refresh", "POST", {
      refresh_token: user.refreshToken,
    });
    expect(replay.status).toBe(401);
    expect((await problem(replay)).code).toBe("REFRESH_TOKEN_REVOKED");
    expect((await me(rotated.access_token)).status).toBe(401);
    expect((await me(user.accessToken)).status).toBe(401);
    const legit = await callJson("/api/auth/refresh", "POST", {
      refresh_token: rotated.refresh_token,
    });
    expect(legit.status).toBe(401);
  });

  it("reuse detection spares the user's other sessions", async () => {
    const user = await newUser();
    const other = (await (await login(user.phone, user.password)).json()) as {
      access_token: string;
    };
    await callJson("/api/auth/refresh", "POST", { refresh_token: user.refreshToken });
    await callJson("/api/auth/refresh", "POST", { refresh_token: user.refreshToken });
    expect((await me(other.access_token)).status).toBe(200);
  });

  it("logout kills this session's access and refresh tokens at once, not other devices", async () => {
    const user = await newUser();
    const other = (await (await login(user.phone, user.password)).json()) as {
      access_token: string;
    };
    const response = await call("/api/auth/logout", {
      method: "POST",
      headers: bearer(user.accessToken),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ detail: "Tizimdan chiqdingiz" });
    expect((await me(user.accessToken)).status).toBe(401);
    const refresh = await callJson("/api/auth/refresh", "POST", {
      refresh_token: user.refreshToken,
    });
    expect(refresh.status).toBe(401);
    expect((await me(other.access_token)).status).toBe(200);
  });

  it("password change checks the old password and confirmation, then ends every session", async () => {
    const user = await newUser();
    const other = (await (await login(user.phone, user.password)).json()) as {
      access_token: string;
    };
    const change = (body: Record<string, string>) =>
      callJson("/api/auth/change-password", "PATCH", body, bearer(user.accessToken));

    const mismatch = await change({
      old_password: user.password,
      new_password: "new-password-1",
      confirm_password: "other",
    });
    expect(mismatch.status).toBe(400);
    expect((await problem(mismatch)).code).toBe("PASSWORD_MISMATCH");
    const wrongOld = await change({
      old_password: "nope-nope",
      new_password: "new-password-1",
      confirm_password: "new-password-1",
    });
    expect(wrongOld.status).toBe(401);
    expect((await problem(wrongOld)).code).toBe("WRONG_PASSWORD");
    const tooShort = await change({
      old_password: user.password,
      new_password: "short",
      confirm_password: "short",
    });
    expect(tooShort.status).toBe(422);

    const ok = await change({
      old_password: user.password,
      new_password: "new-password-1",
      confirm_password: "new-password-1",
    });
    expect(ok.status).toBe(200);
    expect((await me(user.accessToken)).status).toBe(401);
    expect((await me(other.access_token)).status).toBe(401);
    expect((await login(user.phone, user.password)).status).toBe(401);
    expect((await login(user.phone, "new-password-1")).status).toBe(200);
  });
});

describe("auth: rate limits", () => {
  it("limits login to 10 per 15 minutes per IP with 429, Retry-After and RateLimit headers", async () => {
    const ip = uniqueIp();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await login(uniquePhone(), "wrong-password", ip);
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const limited = await login(uniquePhone(), "wrong-password", ip);
    expect(limited.status).toBe(429);
    expect((await problem(limited)).code).toBe("RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.headers.get("ratelimit-limit")).toBe("10");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("limits registration to 5 per hour per IP", async () => {
    const ip = uniqueIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await register({}, ip)).status).toBe(201);
    }
    expect((await register({}, ip)).status).toBe(429);
  });

  it("lets requests through again once the window has passed", { timeout: 30_000 }, async () => {
    // The same limiter with its 15-minute window shortened to three seconds.
    const fastEnv = { ...env, RATE_LIMIT_WINDOW_DIVISOR: "300" };
    const app = createApp();
    const attempt = async () => {
      const ctx = createExecutionContext();
      const response = await app.fetch(
        new Request("http://chontak.test/api/auth/login", {
          method: "POST",
          headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
          body: JSON.stringify({ phone_number: phone, password: "wrong-password" }),
        }),
        fastEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return response.status;
    };
    const ip = uniqueIp();
    const phone = uniquePhone();
    // One address guessing at one phone meets the per (phone, address) limit first.
    const { requests, windowSeconds } = RATE_LIMITS.loginPhoneAddress;
    // Windows start at multiples of their length: begin right after a start, so the
    // attempts fall in one window (across two, the sliding estimate rounds down).
    const windowMs = (windowSeconds * 1000) / 300;
    await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 20));
    const statuses: number[] = [];
    for (let i = 0; i <= requests; i++) statuses.push(await attempt());
    expect(statuses.slice(0, requests).every((status) => status === 401)).toBe(true);
    expect(statuses[requests]).toBe(429);
    // A sliding window forgets the old requests within two windows.
    await new Promise((resolve) => setTimeout(resolve, 6_100));
    expect(await attempt()).toBe(401);
  });
});
