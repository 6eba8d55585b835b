import { env } from "cloudflare:test";
import { Redis } from "@upstash/redis/cloudflare";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard } from "../../../test/worker/cards";
import { fund } from "../../../test/worker/db";
import { call, callJson } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, login, newUser, type TestUser, uniqueIp } from "../../../test/worker/users";
import { ApiError } from "../../lib/problem";
import { RATE_LIMITS, windowKeys } from "../../lib/rate-limit";
import { createSession } from "../auth/sessions";
import { type PaymentGate, passPaymentGate } from "./payment-gate";

const redis = new Redis({
  url: String(env.UPSTASH_REDIS_REST_URL),
  token: String(env.UPSTASH_REDIS_REST_TOKEN),
});

/** One HTTP request the Worker sent to the Upstash REST endpoint: its path and commands. */
interface RedisRequest {
  path: string;
  commands: string[][];
}

/**
 * Every Redis request the Worker sends while `work` runs (and shortly after, so
 * work left to waitUntil is caught too), seen at `fetch`, the only way the
 * Upstash client reaches Redis: each entry is one round trip.
 */
async function redisRequestsDuring(work: () => Promise<unknown>): Promise<RedisRequest[]> {
  const base = String(env.UPSTASH_REDIS_REST_URL);
  const seen: RedisRequest[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(base)) {
      const body = JSON.parse(String(init?.body ?? "[]")) as string[] | string[][];
      const commands = Array.isArray(body[0]) ? (body as string[][]) : [body as string[]];
      seen.push({ path: url.slice(base.length) || "/", commands });
    }
    return realFetch(input, init);
  };
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 150));
  } finally {
    globalThis.fetch = realFetch;
  }
  return seen;
}

const commandNames = (requests: RedisRequest[]) =>
  requests.map((request) => request.commands.map(([name]) => String(name).toUpperCase()));

/**
 * The admin check's session read (a lone script on the session hash alone, which
 * also records its use, made with the read of the admin's row so a role change
 * applies at once).
 */
const isMiddlewareSessionRead = (request: RedisRequest) =>
  request.commands.length === 1 &&
  ["EVALSHA", "EVAL"].includes(String(request.commands[0]?.[0]).toUpperCase()) &&
  String(request.commands[0]?.[2]) === "1" &&
  String(request.commands[0]?.[3]).startsWith("session:");

/** The session id inside an access token. */
function sessionIdOf(accessToken: string): string {
  const payload = accessToken.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  return (JSON.parse(json) as { sid: string }).sid;
}

const transferWindow = (userId: string) =>
  windowKeys("transfer", userId, RATE_LIMITS.transfer.windowSeconds * 1000, Date.now());

async function funded(): Promise<{ sender: TestUser; fromId: string; toNumber: string }> {
  const [sender, receiver] = await Promise.all([newUser(), newUser()]);
  const [from, to] = await Promise.all([openActiveCard(sender), openActiveCard(receiver)]);
  await fund(from.card_number, 1_000_000_00n);
  return { sender, fromId: from.id, toNumber: to.card_number };
}

describe("payment gate: Redis requests", () => {
  it("a transfer makes one Redis request: one EVALSHA for session, rate limit and lock", async () => {
    const { sender, fromId, toNumber } = await funded();
    const body = { from_card_id: fromId, to_card_number: toNumber, amount: "2000" };
    // The first payment may load the script (EVALSHA → NOSCRIPT → EVAL) on a fresh Redis.
    expect((await sendMoney(sender, body)).status).toBe(201);

    let status = 0;
    const requests = await redisRequestsDuring(async () => {
      status = (await sendMoney(sender, body)).status;
    });
    expect(status).toBe(201);
    expect(commandNames(requests)).toEqual([["EVALSHA"]]);
  });

  it("a payment by phone makes one Redis request too: both budgets ride in the same EVALSHA", async () => {
    const sender = await newUser();
    const receiver = await newUser();
    const from = await openActiveCard(sender);
    await openActiveCard(receiver);
    await fund(from.card_number, 1_000_000_00n);
    const body = { from_card_id: from.id, to_phone_number: receiver.phone, amount: "2000" };
    expect((await sendMoney(sender, body)).status).toBe(201);

    let status = 0;
    const requests = await redisRequestsDuring(async () => {
      status = (await sendMoney(sender, body)).status;
    });
    expect(status).toBe(201);
    expect(commandNames(requests)).toEqual([["EVALSHA"]]);
  });

  it("a login makes two Redis requests: its limits, then session and refunds together", async () => {
    const user = await newUser();
    let status = 0;
    const requests = await redisRequestsDuring(async () => {
      status = (await login(user.phone, user.password, uniqueIp())).status;
    });
    expect(status).toBe(200);
    expect(commandNames(requests)).toEqual([["EVALSHA"], ["EVALSHA"]]);
  });

  it("a refused login makes one Redis request", async () => {
    const user = await newUser();
    let status = 0;
    const requests = await redisRequestsDuring(async () => {
      status = (await login(user.phone, "wrong-password", uniqueIp())).status;
    });
    expect(status).toBe(401);
    expect(commandNames(requests)).toEqual([["EVALSHA"]]);
  });
});

describe("payment gate: through the API", () => {
  it("sets the transfer's RateLimit headers on success", async () => {
    const { sender, fromId, toNumber } = await funded();
    const response = await sendMoney(sender, {
      from_card_id: fromId,
      to_card_number: toNumber,
      amount: "2000",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("ratelimit-limit")).toBe(String(RATE_LIMITS.transfer.requests));
    expect(response.headers.get("ratelimit-remaining")).toBe(
      String(RATE_LIMITS.transfer.requests - 1),
    );
    const reset = Number(response.headers.get("ratelimit-reset"));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(RATE_LIMITS.transfer.windowSeconds);
  });

  it("answers a transfer after logout with 401 at once, leaving no lock and no count", async () => {
    const { sender, fromId, toNumber } = await funded();
    const body = { from_card_id: fromId, to_card_number: toNumber, amount: "2000" };
    expect((await sendMoney(sender, body)).status).toBe(201);
    const counted = await redis.get<number>(transferWindow(sender.id).current);
    const out = await call("/api/auth/logout", {
      method: "POST",
      headers: bearer(sender.accessToken),
    });
    expect(out.status).toBe(200);

    const key = crypto.randomUUID();
    const response = await sendMoney(sender, body, key);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(((await response.json()) as { code: string }).code).toBe("INVALID_TOKEN");
    expect(await redis.exists(`idempotency:${sender.id}:${key}`)).toBe(0);
    expect(await redis.get<number>(transferWindow(sender.id).current)).toBe(counted);
  });

  it("answers an over-limit transfer 429 with the RateLimit headers and takes no lock", async () => {
    const { sender, fromId, toNumber } = await funded();
    // Full windows around now, so the window turning during the test changes nothing.
    const { windowSeconds, requests } = RATE_LIMITS.transfer;
    const windowMs = windowSeconds * 1000;
    for (const at of [Date.now() - windowMs, Date.now(), Date.now() + windowMs]) {
      await redis.set(windowKeys("transfer", sender.id, windowMs, at).current, requests, {
        px: 3 * windowMs,
      });
    }
    const key = crypto.randomUUID();
    const response = await sendMoney(
      sender,
      { from_card_id: fromId, to_card_number: toNumber, amount: "2000" },
      key,
    );
    expect(response.status).toBe(429);
    expect(((await response.json()) as { code: string }).code).toBe("RATE_LIMITED");
    expect(response.headers.get("ratelimit-limit")).toBe(String(requests));
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(response.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    expect(await redis.exists(`idempotency:${sender.id}:${key}`)).toBe(0);
  });

  it("keeps replays as they were: replay, 422 on another payload, 409 in flight", async () => {
    const { sender, fromId, toNumber } = await funded();
    const body = { from_card_id: fromId, to_card_number: toNumber, amount: "2000" };
    const key = crypto.randomUUID();
    const first = await sendMoney(sender, body, key);
    expect(first.status).toBe(201);
    const replay = await sendMoney(sender, body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe(await first.text());
    const reused = await sendMoney(sender, { ...body, amount: "3000" }, key);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe("IDEMPOTENCY_KEY_REUSED");

    const busyKey = crypto.randomUUID();
    await redis.set(`idempotency:${sender.id}:${busyKey}`, "another request", { ex: 30 });
    const busy = await sendMoney(sender, body, busyKey);
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { code: string }).code).toBe("IDEMPOTENCY_IN_PROGRESS");
    await redis.del(`idempotency:${sender.id}:${busyKey}`);
  });

  it("gates the admin cash-in too: one Redis request after the admin check, and none of it after logout", async () => {
    const admin = await newAdmin();
    const receiver = await newUser();
    const card = await openActiveCard(receiver);
    const deposit = (key: string) =>
      callJson(
        "/api/admin/deposit",
        "POST",
        { to_card_number: card.card_number, amount: "500000" },
        { ...bearer(admin.accessToken), "Idempotency-Key": key },
      );
    expect((await deposit(crypto.randomUUID())).status).toBe(201);
    let status = 0;
    const requests = await redisRequestsDuring(async () => {
      status = (await deposit(crypto.randomUUID())).status;
    });
    expect(status).toBe(201);
    expect(commandNames(requests.filter((r) => !isMiddlewareSessionRead(r)))).toEqual([
      ["EVALSHA"],
    ]);

    await call("/api/auth/logout", { method: "POST", headers: bearer(admin.accessToken) });
    const key = crypto.randomUUID();
    expect((await deposit(key)).status).toBe(401);
    expect(await redis.exists(`idempotency:${admin.id}:${key}`)).toBe(0);
  });
});

describe("payment gate: on its own", () => {
  // The gate must suffice without the auth middleware's session check, so these
  // call it directly against the real Redis.
  const headers = new Map<string, string>();
  const answer = {
    setHeader: (name: string, value: string) => void headers.set(name, value),
    sessionAlive: () => void headers.set("session", "alive"),
  };

  async function liveSession() {
    const userId = crypto.randomUUID();
    const sid = crypto.randomUUID();
    await createSession(redis, { sid, userId, refreshJti: crypto.randomUUID(), ttlSeconds: 60 });
    return { sid, userId };
  }

  function gateFor(session: { sid: string; userId: string }, limit?: number): PaymentGate {
    return {
      session,
      lock: {
        key: `idempotency:${session.userId}:${crypto.randomUUID()}`,
        requestHash: "h",
        seconds: 60,
      },
      rateLimit:
        limit === undefined
          ? undefined
          : { name: "transfer", identifier: session.userId, limit, windowMs: 60_000 },
    };
  }

  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => (error instanceof ApiError ? error : null),
    );

  it("refuses a dead or foreign session with 401 and takes nothing", async () => {
    const session = await liveSession();
    const other = await liveSession();
    for (const dead of [
      { sid: crypto.randomUUID(), userId: session.userId },
      { sid: other.sid, userId: session.userId },
    ]) {
      const gate = gateFor(dead, 5);
      headers.clear();
      const error = await refusal(passPaymentGate(redis, gate, answer));
      expect(headers.size).toBe(0);
      expect(error?.code).toBe("INVALID_TOKEN");
      expect(error?.options.headers).toEqual({ "WWW-Authenticate": "Bearer" });
      expect(await redis.exists(gate.lock.key)).toBe(0);
      expect(await redis.get(transferWindow(session.userId).current)).toBeNull();
    }
  });

  it("refuses a session the moment logout or a password change ends it", async () => {
    const loggedOut = await newUser();
    const logout = () =>
      call("/api/auth/logout", { method: "POST", headers: bearer(loggedOut.accessToken) });
    const changed = await newUser();
    const change = () =>
      callJson(
        "/api/auth/change-password",
        "PATCH",
        {
          old_password: changed.password,
          new_password: "another-password-1",
          confirm_password: "another-password-1",
        },
        bearer(changed.accessToken),
      );
    for (const [user, end] of [
      [loggedOut, logout],
      [changed, change],
    ] as const) {
      const session = { sid: sessionIdOf(user.accessToken), userId: user.id };
      expect((await passPaymentGate(redis, gateFor(session), answer)).acquired).toBe(true);
      expect((await end()).status).toBe(200);
      const error = await refusal(passPaymentGate(redis, gateFor(session), answer));
      expect(error?.code).toBe("INVALID_TOKEN");
    }
  });

  it("counts, then refuses over the limit with 429 and no lock", async () => {
    const session = await liveSession();
    const first = gateFor(session, 1);
    expect((await passPaymentGate(redis, first, answer)).acquired).toBe(true);
    expect(await redis.get(first.lock.key)).toBe("h");
    expect(headers.get("RateLimit-Remaining")).toBe("0");

    const second = gateFor(session, 1);
    const error = await refusal(passPaymentGate(redis, second, answer));
    expect(error?.code).toBe("RATE_LIMITED");
    expect(error?.options.headers?.["Retry-After"]).toBeDefined();
    expect(await redis.exists(second.lock.key)).toBe(0);
    expect(await redis.get<number>(transferWindow(session.userId).current)).toBe(1);
  });

  it("reports a held lock without taking it, and takes a free one for 60 s", async () => {
    const session = await liveSession();
    const gate = gateFor(session);
    expect((await passPaymentGate(redis, gate, answer)).acquired).toBe(true);
    const ttl = await redis.ttl(gate.lock.key);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(
      (await passPaymentGate(redis, { ...gate, lock: { ...gate.lock, requestHash: "x" } }, answer))
        .acquired,
    ).toBe(false);
    expect(await redis.get(gate.lock.key)).toBe("h");
  });

  it("spends a step-up token with the lock: for one attempt only, after the budgets, never without the lock", async () => {
    const session = await liveSession();
    const marker = `step-up-spent:${crypto.randomUUID()}`;
    const withToken = (attempt: string, limit?: number): PaymentGate => ({
      ...gateFor(session, limit),
      stepUp: { key: marker, attempt, seconds: 360 },
    });
    // Over the budget: refused before the lock, so the token stays unspent.
    const tight = withToken("a", 1);
    expect((await passPaymentGate(redis, tight, answer)).stepUpVerified).toBe(true);
    expect(await redis.get(marker)).toBe("a");
    expect((await refusal(passPaymentGate(redis, withToken("b", 1), answer)))?.code).toBe(
      "RATE_LIMITED",
    );
    expect(await redis.get(marker)).toBe("a");
    // The same attempt (a retry) still counts it; another payment does not.
    expect((await passPaymentGate(redis, withToken("a"), answer)).stepUpVerified).toBe(true);
    expect((await passPaymentGate(redis, withToken("c"), answer)).stepUpVerified).toBe(false);
    const ttl = await redis.ttl(marker);
    expect(ttl).toBeGreaterThan(300);
    // A held lock spends nothing.
    const fresh = `step-up-spent:${crypto.randomUUID()}`;
    const held = gateFor(session);
    await passPaymentGate(redis, held, answer);
    const again = await passPaymentGate(
      redis,
      { ...held, stepUp: { key: fresh, attempt: "d", seconds: 360 } },
      answer,
    );
    expect(again).toEqual({ acquired: false, stepUpVerified: false });
    expect(await redis.exists(fresh)).toBe(0);
  });

  it("fails closed with 503 when Redis is unreachable", async () => {
    const down = new Redis({ url: "http://127.0.0.1:1", token: "t", retry: false });
    const gate = gateFor(await liveSession(), 5);
    expect((await refusal(passPaymentGate(down, gate, answer)))?.code).toBe("SERVICE_UNAVAILABLE");
  });
});
