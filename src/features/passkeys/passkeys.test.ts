import { env } from "cloudflare:test";
import { Redis } from "@upstash/redis/cloudflare";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAuthenticator } from "../../../test/worker/authenticator";
import { holdTransactionOpen, query, waitForLockWaiters } from "../../../test/worker/db";
import { call, callJson } from "../../../test/worker/http";
import { addPasskey, loginOptions, passkeyLogin } from "../../../test/worker/passkeys";
import { bearer, login, me, newUser, uniqueIp } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";
import { RATE_LIMITS } from "../../lib/rate-limit";

const redis = new Redis({
  url: String(env.UPSTASH_REDIS_REST_URL),
  token: String(env.UPSTASH_REDIS_REST_TOKEN),
});

interface Passkey {
  id: string;
  name: string;
  last_used_at: string | null;
}

const list = async (token: string) =>
  (await (await call("/api/passkeys", { headers: bearer(token) })).json()) as Passkey[];
const codeOf = async (response: Response) => ((await response.json()) as Problem).code;

describe("passkeys: register, list, rename, delete", () => {
  it("adds a named passkey, lists, renames and deletes it", async () => {
    const user = await newUser();
    const key = await addPasskey(user, "Pixel");
    expect(await list(user.accessToken)).toMatchObject([{ id: key.credentialId, name: "Pixel" }]);

    const renamed = await callJson(
      `/api/passkeys/${key.credentialId}`,
      "PATCH",
      { name: "Work phone" },
      bearer(user.accessToken),
    );
    expect(renamed.status).toBe(200);
    expect((await list(user.accessToken))[0]?.name).toBe("Work phone");

    const other = await newUser();
    const foreign = await call(`/api/passkeys/${key.credentialId}`, {
      method: "DELETE",
      headers: bearer(other.accessToken),
    });
    expect(foreign.status).toBe(404);
    expect(await codeOf(foreign)).toBe("PASSKEY_NOT_FOUND");

    const deleted = await call(`/api/passkeys/${key.credentialId}`, {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    expect(deleted.status).toBe(204);
    expect(await list(user.accessToken)).toEqual([]);
  });

  it("keeps at most 10 passkeys, also when two are added at once, and frees a place on delete", async () => {
    const user = await newUser();
    for (let index = 0; index < 9; index++) await addPasskey(user, `Key ${index + 1}`);
    // Two sessions of the same person, each answering its own challenge, send the
    // tenth and the eleventh passkey at the same moment: one place is left. The
    // person's row is held meanwhile, so both are in flight together when it is
    // let go (a count read without that row's lock would let both through).
    const second = (await (await login(user.phone, user.password, user.ip)).json()) as {
      access_token: string;
    };
    const answers = await Promise.all(
      [user.accessToken, second.access_token].map(async (token) => {
        const options = await call("/api/passkeys/registration-options", {
          method: "POST",
          headers: bearer(token),
        });
        const authenticator = await newAuthenticator();
        const response = await authenticator.register(
          (await options.json()) as { challenge: string },
        );
        return { token, response };
      }),
    );
    const release = await holdTransactionOpen((tx) =>
      tx.execute(sql`select 1 from users where id = ${user.id}::uuid for update`),
    );
    const sending = Promise.all(
      answers.map(({ token, response }) =>
        callJson("/api/passkeys", "POST", { name: "One more", response }, bearer(token)),
      ),
    );
    try {
      await waitForLockWaiters(2);
    } finally {
      await release();
    }
    const created = await sending;
    expect(created.map((response) => response.status).sort()).toEqual([201, 409]);
    const refused = created.find((response) => response.status === 409);
    expect(refused && (await codeOf(refused))).toBe("PASSKEY_LIMIT");
    const stored = await list(user.accessToken);
    expect(stored).toHaveLength(10);

    const [first] = stored;
    const deleted = await call(`/api/passkeys/${first?.id}`, {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    expect(deleted.status).toBe(204);
    await addPasskey(user, "Replacement");
    expect(await list(user.accessToken)).toHaveLength(10);
    await expect(addPasskey(user, "Eleventh")).rejects.toThrow(/add passkey: 409/);
  });

  it("refuses a registration answer twice, from another origin, or to another session's challenge", async () => {
    const user = await newUser();
    const ask = async (token: string) =>
      (await (
        await call("/api/passkeys/registration-options", {
          method: "POST",
          headers: bearer(token),
        })
      ).json()) as { challenge: string };
    const create = (token: string, response: unknown) =>
      callJson("/api/passkeys", "POST", { name: "Key", response }, bearer(token));

    const authenticator = await newAuthenticator();
    const wrongOrigin = await create(
      user.accessToken,
      await authenticator.register(await ask(user.accessToken), "https://evil.example"),
    );
    expect(wrongOrigin.status).toBe(400);
    expect(await codeOf(wrongOrigin)).toBe("PASSKEY_REJECTED");

    const answer = await authenticator.register(await ask(user.accessToken));
    expect((await create(user.accessToken, answer)).status).toBe(201);
    const replayed = await create(user.accessToken, answer);
    expect(replayed.status).toBe(400);
    expect(await codeOf(replayed)).toBe("PASSKEY_REJECTED");

    // A second session of the same person cannot answer the first one's challenge.
    const second = (await (await login(user.phone, user.password, user.ip)).json()) as {
      access_token: string;
    };
    const another = await newAuthenticator();
    const options = await ask(user.accessToken);
    const crossed = await create(second.access_token, await another.register(options));
    expect(await codeOf(crossed)).toBe("PASSKEY_REJECTED");
    expect(await list(user.accessToken)).toHaveLength(1);
  });
});

describe("passkeys: log in", () => {
  it("logs in without a phone number, opens a session in the devices list, stores the counter", async () => {
    const user = await newUser();
    const key = await addPasskey(user);
    const challenge = await loginOptions();
    const response = await passkeyLogin(
      {
        challenge_id: challenge.challenge_id,
        response: await key.assert(challenge.options, user.id),
      },
      { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36" },
    );
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; device_token: string };
    expect((await me(tokens.access_token)).status).toBe(200);
    const sessions = (await (
      await call("/api/auth/sessions", { headers: bearer(tokens.access_token) })
    ).json()) as { current: boolean; device: string | null }[];
    expect(sessions.find((session) => session.current)?.device).toContain("Chrome");
    const [row] = await query(sql`select counter from passkeys where id = ${key.credentialId}`);
    expect(Number(row?.counter)).toBe(key.counter);
    expect((await list(user.accessToken))[0]?.last_used_at).not.toBeNull();
  });

  it("refuses a replayed, expired, foreign or cloned assertion with 401", async () => {
    const user = await newUser();
    const key = await addPasskey(user);

    const first = await loginOptions();
    const answer = await key.assert(first.options, user.id);
    expect(
      (await passkeyLogin({ challenge_id: first.challenge_id, response: answer })).status,
    ).toBe(200);
    // The same answer again: its challenge is spent.
    const replay = await passkeyLogin({ challenge_id: first.challenge_id, response: answer });
    expect(replay.status).toBe(401);
    expect(await codeOf(replay)).toBe("INVALID_CREDENTIALS");

    // An expired challenge is gone from Redis, like a used one.
    const stale = await loginOptions();
    await redis.del(`webauthn:login:${stale.challenge_id}`);
    const expired = await passkeyLogin({
      challenge_id: stale.challenge_id,
      response: await key.assert(stale.options, user.id),
    });
    expect(expired.status).toBe(401);

    // Signed for another challenge than the one it answers.
    const [a, b] = [await loginOptions(), await loginOptions()];
    const crossed = await passkeyLogin({
      challenge_id: b.challenge_id,
      response: await key.assert(a.options, user.id),
    });
    expect(crossed.status).toBe(401);

    // A counter that does not move forward: a cloned authenticator.
    const cloned = await loginOptions();
    const back = await passkeyLogin({
      challenge_id: cloned.challenge_id,
      response: await key.assert(cloned.options, user.id, { counter: 1 }),
    });
    expect(back.status).toBe(401);

    // A challenge for one phone's account is not answered by another's passkey.
    const other = await newUser();
    const otherKey = await addPasskey(other);
    const named = await loginOptions({ phone_number: user.phone });
    expect(named.options.allowCredentials?.map((credential) => credential.id)).toEqual([
      key.credentialId,
    ]);
    const foreign = await passkeyLogin({
      challenge_id: named.challenge_id,
      response: await otherKey.assert(named.options, other.id),
    });
    expect(foreign.status).toBe(401);
  });

  it("refuses a deleted passkey", async () => {
    const user = await newUser();
    const key = await addPasskey(user);
    await call(`/api/passkeys/${key.credentialId}`, {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    const challenge = await loginOptions();
    const response = await passkeyLogin({
      challenge_id: challenge.challenge_id,
      response: await key.assert(challenge.options, user.id),
    });
    expect(response.status).toBe(401);
  });

  it("counts login challenges per client address and answers 429 over the budget", async () => {
    const ip = uniqueIp();
    const { requests } = RATE_LIMITS.passkeyLogin;
    for (let i = 0; i < requests; i++) await loginOptions({}, ip);
    const over = await callJson(
      "/api/auth/passkey/options",
      "POST",
      {},
      { "CF-Connecting-IP": ip },
    );
    expect(over.status).toBe(429);
    expect(await codeOf(over)).toBe("RATE_LIMITED");
    expect(over.headers.get("Retry-After")).toMatch(/^\d+$/);
    // Another address still gets its challenge.
    expect((await loginOptions()).challenge_id).toBeTruthy();
  });
});
