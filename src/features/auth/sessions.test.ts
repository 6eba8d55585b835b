import { env } from "cloudflare:test";
import { Redis } from "@upstash/redis/cloudflare";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../../test/worker/cards";
import { balanceOf, fund } from "../../../test/worker/db";
import { call, callJson } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, me, newUser, type TestUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";
import { sessionKey } from "./sessions";

const redis = new Redis({
  url: String(env.UPSTASH_REDIS_REST_URL),
  token: String(env.UPSTASH_REDIS_REST_TOKEN),
});

const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

interface Session {
  id: string;
  device: string | null;
  address: string | null;
  created_at: string | null;
  last_used_at: string | null;
  current: boolean;
}
interface Tokens {
  access_token: string;
  refresh_token: string;
}

const sidOf = (token: string) => String(decodeJwt(token).sid);
const problem = async (response: Response) => (await response.json()) as Problem;

/** Another login of the same user, from the given client. */
async function logInFrom(user: TestUser, userAgent: string, address: string): Promise<Tokens> {
  const response = await callJson(
    "/api/auth/login",
    "POST",
    { phone_number: user.phone, password: user.password },
    { "User-Agent": userAgent, "CF-Connecting-IP": address },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

const listSessions = (token: string) => call("/api/auth/sessions", { headers: bearer(token) });
async function sessionsOf(token: string): Promise<Session[]> {
  const response = await listSessions(token);
  expect(response.status).toBe(200);
  return (await response.json()) as Session[];
}
const endSession = (token: string, id: string) =>
  call(`/api/auth/sessions/${id}`, { method: "DELETE", headers: bearer(token) });
const endOthers = (token: string) =>
  call("/api/auth/sessions", { method: "DELETE", headers: bearer(token) });
const refresh = (token: string) => callJson("/api/auth/refresh", "POST", { refresh_token: token });

/** A user logged in on a phone and on an iPhone. */
async function twoDevices() {
  const user = await newUser();
  const phone = await logInFrom(user, ANDROID_CHROME, "203.0.113.45");
  const iphone = await logInFrom(user, IPHONE_SAFARI, "2001:db8:85a3:8d3:1319:8a2e:370:7348");
  return { user, phone, iphone };
}

/** Redis requests (HTTP calls to the REST endpoint) the Worker makes while `work` runs. */
async function redisRequestsDuring(work: () => Promise<unknown>): Promise<string[][]> {
  const base = String(env.UPSTASH_REDIS_REST_URL);
  const seen: string[][] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(base)) {
      const body = JSON.parse(String(init?.body ?? "[]")) as string[] | string[][];
      const commands = Array.isArray(body[0]) ? (body as string[][]) : [body as string[]];
      seen.push(commands.map(([name]) => String(name).toUpperCase()));
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

describe("sessions: round trips", () => {
  it("a read, the list and ending sessions each make one Redis request (last use included)", async () => {
    const { phone, iphone } = await twoDevices();
    // Warm: each script is loaded once per Redis start (EVALSHA → NOSCRIPT → EVAL).
    await me(phone.access_token);
    await sessionsOf(phone.access_token);
    await endSession(phone.access_token, crypto.randomUUID());
    await endOthers(iphone.access_token);
    const { phone: next } = await twoDevices();
    for (const request of [
      () => me(next.access_token),
      () => listSessions(next.access_token),
      () => endSession(next.access_token, crypto.randomUUID()),
      () => endOthers(next.access_token),
    ]) {
      expect(await redisRequestsDuring(request)).toEqual([["EVALSHA"]]);
    }
  });
});

describe("sessions: the devices list", () => {
  it("lists every login with its device, masked address, times, and this one marked", async () => {
    const before = Date.now();
    const { user, phone, iphone } = await twoDevices();
    const listed = await sessionsOf(phone.access_token);
    // newUser's own login, then the two above.
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatchObject({
      id: sidOf(phone.access_token),
      device: "Chrome 131 · Android",
      address: "203.0.113.*",
      current: true,
    });
    const other = listed.find((session) => session.id === sidOf(iphone.access_token));
    expect(other).toMatchObject({
      device: "Safari 17 · iPhone",
      address: "2001:db8:85a3:8d3::*",
      current: false,
    });
    expect(listed.filter((session) => session.current)).toHaveLength(1);
    for (const session of listed) {
      expect(Date.parse(session.created_at ?? "")).toBeGreaterThanOrEqual(before - 1000);
      expect(session.last_used_at).toBe(session.created_at);
    }
    // The first login (no User-Agent, an address) is listed too, and nothing secret is.
    expect(listed.map((session) => session.id)).toContain(sidOf(user.accessToken));
    const text = JSON.stringify(listed);
    for (const secret of [phone.refresh_token, iphone.refresh_token, "113.45", "370:7348"]) {
      expect(text).not.toContain(secret);
    }
    // The other device sees the same list, with itself as the current one.
    const seen = await sessionsOf(iphone.access_token);
    expect(seen[0]?.id).toBe(sidOf(iphone.access_token));
    expect(seen.map((session) => session.id).sort()).toEqual(
      listed.map((session) => session.id).sort(),
    );
  });

  it("records the last use on requests (to the minute) and on refresh", async () => {
    const { phone, iphone } = await twoDevices();
    const iphoneSid = sidOf(iphone.access_token);
    const hourAgo = Date.now() - 60 * 60 * 1000;
    await redis.hset(sessionKey(iphoneSid), { used: hourAgo });
    const lastUsed = async () =>
      (await sessionsOf(phone.access_token)).find((session) => session.id === iphoneSid)
        ?.last_used_at;
    expect(await lastUsed()).toBe(new Date(hourAgo).toISOString());

    expect((await me(iphone.access_token)).status).toBe(200);
    const afterRead = Date.parse((await lastUsed()) ?? "");
    expect(afterRead).toBeGreaterThan(Date.now() - 10_000);

    await redis.hset(sessionKey(iphoneSid), { used: hourAgo });
    expect((await refresh(iphone.refresh_token)).status).toBe(200);
    expect(Date.parse((await lastUsed()) ?? "")).toBeGreaterThan(Date.now() - 10_000);
  });

  it("drops sessions that expired from the list", async () => {
    const { user, phone, iphone } = await twoDevices();
    await redis.del(sessionKey(sidOf(iphone.access_token)));
    const ids = (await sessionsOf(phone.access_token)).map((session) => session.id);
    expect(ids.sort()).toEqual([sidOf(user.accessToken), sidOf(phone.access_token)].sort());
    expect(await redis.sismember(`user-sessions:${user.id}`, sidOf(iphone.access_token))).toBe(0);
  });

  it("lists a dead session's caller nothing: 401", async () => {
    const { phone, iphone } = await twoDevices();
    await call("/api/auth/logout", { method: "POST", headers: bearer(phone.access_token) });
    const response = await listSessions(phone.access_token);
    expect(response.status).toBe(401);
    expect((await problem(response)).code).toBe("INVALID_TOKEN");
    expect((await sessionsOf(iphone.access_token)).length).toBe(2);
  });
});

describe("sessions: logging a device out", () => {
  it("kills the ended session's access token at once, on reads and on payments, and its refresh token", async () => {
    const { user, phone, iphone } = await twoDevices();
    const card = await openActiveCard(user);
    await fund(card.card_number, 100_000_00n);
    const receiver = await openActiveCard(await newUser("Bobur Karimov"));

    const ended = await endSession(phone.access_token, sidOf(iphone.access_token));
    expect(ended.status).toBe(204);

    for (const response of [
      await me(iphone.access_token),
      await call("/api/card", { headers: bearer(iphone.access_token) }),
      await listSessions(iphone.access_token),
    ]) {
      expect(response.status).toBe(401);
      expect((await problem(response)).code).toBe("INVALID_TOKEN");
    }
    const payment = await sendMoney(
      { ...user, accessToken: iphone.access_token },
      { from_card_id: card.id, to_card_number: receiver.card_number, amount: "1000" },
    );
    expect(payment.status).toBe(401);
    expect(await balanceOf(card.card_number)).toBe(100_000_00n);
    expect(await balanceOf(receiver.card_number)).toBe(0n);

    const refreshed = await refresh(iphone.refresh_token);
    expect(refreshed.status).toBe(401);
    expect((await problem(refreshed)).code).toBe("REFRESH_TOKEN_REVOKED");

    // The device that did it, and the first login, carry on.
    expect((await me(phone.access_token)).status).toBe(200);
    expect((await me(user.accessToken)).status).toBe(200);
    const ids = (await sessionsOf(phone.access_token)).map((session) => session.id);
    expect(ids).not.toContain(sidOf(iphone.access_token));
    // Ending it again: it is gone.
    const again = await endSession(phone.access_token, sidOf(iphone.access_token));
    expect(again.status).toBe(404);
    expect((await problem(again)).code).toBe("SESSION_NOT_FOUND");
  });

  it("logs this device out when it names its own session", async () => {
    const { phone, iphone } = await twoDevices();
    expect((await endSession(phone.access_token, sidOf(phone.access_token))).status).toBe(204);
    expect((await me(phone.access_token)).status).toBe(401);
    expect((await refresh(phone.refresh_token)).status).toBe(401);
    expect((await me(iphone.access_token)).status).toBe(200);
  });

  it("answers 404 for another user's session, and ends nothing", async () => {
    const { phone } = await twoDevices();
    const stranger = await newUser("Jasur Hakimov");
    for (const id of [sidOf(stranger.accessToken), crypto.randomUUID()]) {
      const response = await endSession(phone.access_token, id);
      expect(response.status).toBe(404);
      expect((await problem(response)).code).toBe("SESSION_NOT_FOUND");
    }
    expect((await me(stranger.accessToken)).status).toBe(200);
    expect((await refresh(stranger.refreshToken)).status).toBe(200);
    expect((await sessionsOf(phone.access_token)).length).toBe(3);
  });

  it("refuses a malformed id with 422, and a dead caller with 401 (ending nothing)", async () => {
    const { phone, iphone } = await twoDevices();
    const malformed = await endSession(phone.access_token, "not-a-uuid");
    expect(malformed.status).toBe(422);
    await call("/api/auth/logout", { method: "POST", headers: bearer(phone.access_token) });
    for (const response of [
      await endSession(phone.access_token, sidOf(iphone.access_token)),
      await endSession(phone.access_token, "not-a-uuid"),
      await endOthers(phone.access_token),
    ]) {
      expect(response.status).toBe(401);
    }
    expect((await me(iphone.access_token)).status).toBe(200);
  });

  it("ends one session once when two requests race to end it", async () => {
    const { phone, iphone } = await twoDevices();
    const target = sidOf(iphone.access_token);
    const answers = await Promise.all([
      endSession(phone.access_token, target),
      endSession(phone.access_token, target),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 404]);
  });
});

describe("sessions: logging out every other device", () => {
  it("ends every other session and keeps this one", async () => {
    const { user, phone, iphone } = await twoDevices();
    const response = await endOthers(phone.access_token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ended: 2 });
    for (const token of [iphone.access_token, user.accessToken]) {
      expect((await me(token)).status).toBe(401);
    }
    for (const token of [iphone.refresh_token, user.refreshToken]) {
      expect((await refresh(token)).status).toBe(401);
    }
    const left = await sessionsOf(phone.access_token);
    expect(left.map((session) => [session.id, session.current])).toEqual([
      [sidOf(phone.access_token), true],
    ]);
    expect((await refresh(phone.refresh_token)).status).toBe(200);
    // Nothing else to end; a later login shows up again.
    expect(await (await endOthers(phone.access_token)).json()).toEqual({ ended: 0 });
  });

  it("leaves no other session alive when it races their refreshes", async () => {
    for (let round = 0; round < 3; round++) {
      const { user, phone, iphone } = await twoDevices();
      const [ended, rotatedIphone, rotatedFirst] = await Promise.all([
        endOthers(phone.access_token),
        refresh(iphone.refresh_token),
        refresh(user.refreshToken),
      ]);
      expect(ended.status).toBe(200);
      // A refresh that won the race got a pair of a session that has ended since.
      for (const rotated of [rotatedIphone, rotatedFirst]) {
        if (rotated.status !== 200) continue;
        const pair = (await rotated.json()) as Tokens;
        expect((await me(pair.access_token)).status).toBe(401);
        expect((await refresh(pair.refresh_token)).status).toBe(401);
      }
      expect((await me(iphone.access_token)).status).toBe(401);
      expect((await me(user.accessToken)).status).toBe(401);
      expect((await sessionsOf(phone.access_token)).map((session) => session.id)).toEqual([
        sidOf(phone.access_token),
      ]);
    }
  });
});
