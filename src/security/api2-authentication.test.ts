import { env } from "cloudflare:test";
import { decodeJwt, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../test/worker/cards";
import { balanceOf, fund } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { sendMoney } from "../../test/worker/transfers";
import { bearer, login, me, newUser, uniqueIp, uniquePhone } from "../../test/worker/users";
import { documentedOperations, ownedState, problemOf, routeKey, withRandomIds } from "./helpers";

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const refresh = (token: string) => callJson("/api/auth/refresh", "POST", { refresh_token: token });

describe("API2:2023 broken authentication", () => {
  it("refuses forged, expired, mistyped and session-less access tokens on reads and writes", async () => {
    const user = await newUser();
    const other = await newUser();
    const claims = decodeJwt(user.accessToken);
    const secret = new TextEncoder().encode(String(env.JWT_SECRET));
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: Record<string, unknown>, key = secret) =>
      new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);

    const forged: Record<string, string> = {
      "alg none": `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.`,
      "alg none, empty signature dropped": `${b64url({ alg: "none" })}.${b64url(claims)}`,
      "signed with a wrong key": await sign(
        claims,
        new TextEncoder().encode("not-the-server-secret-but-long-enough-0123456789"),
      ),
      expired: await sign({ ...claims, iat: now - 3600, exp: now - 1 }),
      "a refresh token": user.refreshToken,
      "another issuer": await sign({ ...claims, iss: "somebody-else" }),
      // Even with the right key, a token is honoured only for its own live session.
      "a session that does not exist": await sign({ ...claims, sid: crypto.randomUUID() }),
      "another user's id in this session": await sign({ ...claims, sub: other.id }),
    };
    const before = await ownedState([user, other]);
    for (const [label, token] of Object.entries(forged)) {
      for (const [method, path] of [
        ["GET", "/api/auth/me"],
        ["POST", "/api/card"],
        ["GET", "/api/card"],
      ] as const) {
        const response = await call(path, { method, headers: bearer(token) });
        expect(response.status, `${label}: ${method} ${path}`).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe("Bearer");
        expect((await problemOf(response)).code).toBe("INVALID_TOKEN");
      }
    }
    expect(await ownedState([user, other])).toEqual(before);
    expect((await me(user.accessToken)).status).toBe(200); // the genuine token still works
  });

  it("never accepts an access token or a forged token as a refresh token", async () => {
    const user = await newUser();
    const claims = decodeJwt(user.refreshToken);
    for (const token of [user.accessToken, `${b64url({ alg: "none" })}.${b64url(claims)}.`]) {
      const response = await refresh(token);
      expect(response.status).toBe(401);
      expect((await problemOf(response)).code).toBe("INVALID_REFRESH_TOKEN");
    }
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it("revokes the whole session family when a rotated refresh token is replayed", async () => {
    const user = await newUser();
    const rotated = (await (await refresh(user.refreshToken)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect((await me(rotated.access_token)).status).toBe(200);

    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect((await problemOf(replay)).code).toBe("REFRESH_TOKEN_REVOKED");
    expect((await me(rotated.access_token)).status).toBe(401);
    expect((await refresh(rotated.refresh_token)).status).toBe(401);
    // The account is not locked: the owner logs in again.
    expect((await login(user.phone, user.password, user.ip)).status).toBe(200);
  });

  it("kills a session ended from another device at once: reads, writes, payments and its refresh token", async () => {
    const user = await newUser();
    const stolen = (await (await login(user.phone, user.password)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    const card = await openActiveCard(user);
    await fund(card.card_number, 50_000_00n);
    const sid = String(decodeJwt(stolen.access_token).sid);
    const ended = await call(`/api/auth/sessions/${sid}`, {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    expect(ended.status).toBe(204);

    const before = await ownedState([user]);
    for (const [method, path] of [
      ["GET", "/api/auth/me"],
      ["GET", "/api/auth/sessions"],
      ["GET", "/api/card"],
      ["POST", "/api/card"],
      ["DELETE", "/api/auth/sessions"],
      ["DELETE", `/api/auth/sessions/${String(decodeJwt(user.accessToken).sid)}`],
    ] as const) {
      const response = await call(path, { method, headers: bearer(stolen.access_token) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await problemOf(response)).code).toBe("INVALID_TOKEN");
    }
    const payment = await sendMoney(
      { ...user, accessToken: stolen.access_token },
      { from_card_id: card.id, to_card_number: card.card_number, amount: "1000" },
    );
    expect(payment.status).toBe(401);
    const rotated = await refresh(stolen.refresh_token);
    expect(rotated.status).toBe(401);
    expect((await problemOf(rotated)).code).toBe("REFRESH_TOKEN_REVOKED");
    expect(await ownedState([user])).toEqual(before);
    expect(await balanceOf(card.card_number)).toBe(50_000_00n);
    expect((await me(user.accessToken)).status).toBe(200);
  });

  it("rotates a refresh token raced twice at most once", async () => {
    const user = await newUser();
    const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it("locks a brute-forcing IP out with 429 and Retry-After, even for the right password", async () => {
    const victim = await newUser();
    const ip = uniqueIp();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await login(uniquePhone(), `guess-${attempt}-password`, ip);
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const blocked = await login(victim.phone, victim.password, ip);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = (await blocked.json()) as Record<string, unknown>;
    expect(body.code).toBe("RATE_LIMITED");
    expect(body).not.toHaveProperty("access_token");
    // The lock is on the attacker's IP, not a denial of service on the account.
    expect((await login(victim.phone, victim.password)).status).toBe(200);
  });

  it("limits password guessing through change-password with a stolen access token", async () => {
    const user = await newUser();
    const change = (oldPassword: string) =>
      callJson(
        "/api/auth/change-password",
        "PATCH",
        {
          old_password: oldPassword,
          new_password: "taken-over-123",
          confirm_password: "taken-over-123",
        },
        bearer(user.accessToken),
      );
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await change(`guess-${attempt}-password`);
      expect(response.status, `attempt ${attempt}`).toBe(401);
      expect((await problemOf(response)).code).toBe("WRONG_PASSWORD");
    }
    const before = await ownedState([user]);
    const limited = await change(user.password);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await ownedState([user])).toEqual(before); // the hash did not change
    expect((await me(user.accessToken)).status).toBe(200);
  });

  it("requires a bearer token on every operation the document marks as secured", async () => {
    const operations = await documentedOperations();
    const secured = operations.filter((op) => op.operation.security?.length);
    expect(secured.length).toBeGreaterThan(35);
    for (const { method, path } of secured) {
      for (const authorization of [null, "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer x.y.z"]) {
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (authorization) headers.Authorization = authorization;
        const body = method === "GET" || method === "DELETE" ? undefined : "{}";
        const response = await call(withRandomIds(path), { method, headers, body });
        const where = `${method} ${path} with ${authorization ?? "no credentials"}`;
        expect(response.status, where).toBe(401);
        expect(response.headers.get("www-authenticate"), where).toBe("Bearer");
        expect((await problemOf(response)).code, where).toBe("INVALID_TOKEN");
      }
    }
    // What stays public is a short, deliberate list.
    expect(
      operations
        .filter((op) => !op.operation.security?.length)
        .map(routeKey)
        .sort(),
    ).toEqual(
      [
        "GET /",
        "GET /api/health",
        "POST /api/auth/register",
        "POST /api/auth/login",
        "POST /api/auth/refresh",
        "GET /api/subscription/price",
        "GET /api/terms",
        "GET /api/avatar/image/{avatar_id}",
        // Receipts are checked by whoever holds one: the key set and the verdict.
        "GET /.well-known/chontak-receipt-keys.json",
        "GET /api/receipts/verify",
        // A passkey login starts without a session, as a password login does.
        "POST /api/auth/passkey/options",
        "POST /api/auth/passkey/login",
      ].sort(),
    );
  });
});
