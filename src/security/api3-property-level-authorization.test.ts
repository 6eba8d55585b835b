import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../test/worker/admin";
import { openActiveCard, openCard, type TestCard } from "../../test/worker/cards";
import { balanceOf, fund, query } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { sendMoney } from "../../test/worker/transfers";
import { bearer, login, me, newUser, uniqueIp, uniquePhone } from "../../test/worker/users";
import { generateCardNumber } from "../lib/card-number";
import { marker, mask, ownedState, problemOf, saveCard } from "./helpers";

/** Walks a JSON value and returns every key and every string in it. */
function keysAndStrings(value: unknown, keys: string[] = [], strings: string[] = []) {
  if (typeof value === "string") strings.push(value);
  else if (Array.isArray(value)) for (const item of value) keysAndStrings(item, keys, strings);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      keys.push(key);
      keysAndStrings(item, keys, strings);
    }
  }
  return { keys, strings };
}

describe("API3:2023 broken object property level authorization", () => {
  const PRIVILEGED: [string, unknown][] = [
    ["role", "admin"],
    ["is_admin", true],
    ["isAdmin", true],
    ["balance", "99999999.00"],
    ["id", "11111111-1111-4111-8111-111111111111"],
    ["user_id", "11111111-1111-4111-8111-111111111111"],
    ["status", "active"],
    ["password_hash", "$2a$04$abcdefghijklmnopqrstuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"],
    ["created_at", "2000-01-01T00:00:00Z"],
  ];

  it("register ignores privileged fields: the stored user is a plain user with a fresh id", async () => {
    const phone = uniquePhone();
    const response = await callJson(
      "/api/auth/register",
      "POST",
      {
        full_name: "Mass Assignment",
        phone_number: phone,
        password: "secret-password",
        ...Object.fromEntries(PRIVILEGED),
      },
      { "CF-Connecting-IP": uniqueIp() },
    );
    expect(response.status).toBe(201);
    const user = (await response.json()) as { id: string; role: string; created_at: string };
    expect(user.role).toBe("user");
    expect(user.id).not.toBe("11111111-1111-4111-8111-111111111111");
    expect(user.created_at).not.toMatch(/^2000/);
    const [row] = await query(
      sql`select role, password_hash, created_at from users where phone_number = ${phone}`,
    );
    expect(row?.role).toBe("user");
    expect(String(row?.password_hash)).not.toContain("abcdefghijklmnopqrst");
    expect((await login(phone, "secret-password")).status).toBe(200);
  });

  it("PATCH /api/auth/me refuses every privileged field with 422 and applies nothing", async () => {
    const user = await newUser();
    const before = await ownedState([user]);
    for (const [field, value] of PRIVILEGED) {
      const response = await callJson(
        "/api/auth/me",
        "PATCH",
        { full_name: "Changed Name", [field]: value },
        bearer(user.accessToken),
      );
      expect(response.status, field).toBe(422);
      expect((await problemOf(response)).code).toBe("VALIDATION_ERROR");
    }
    expect(await ownedState([user])).toEqual(before);
  });

  it("opening a card ignores any body: zero balance, frozen, the caller's own", async () => {
    const user = await newUser();
    const other = await newUser();
    const otherBefore = await ownedState([other]);
    const response = await callJson(
      "/api/card",
      "POST",
      {
        balance: "1000000.00",
        status: "active",
        user_id: other.id,
        card_number: "7777000000000000",
        expiry_date: "2099-01-01",
        id: "11111111-1111-4111-8111-111111111111",
      },
      bearer(user.accessToken),
    );
    expect(response.status).toBe(201);
    const card = (await response.json()) as TestCard & { user_id: string };
    expect(card).toMatchObject({ balance: "0.00", status: "frozen", user_id: user.id });
    expect(card.card_number).not.toBe("7777000000000000");
    expect(card.expiry_date).not.toBe("2099-01-01");
    expect(card.id).not.toBe("11111111-1111-4111-8111-111111111111");
    expect(await balanceOf(card.card_number)).toBe(0n);
    expect(await ownedState([other])).toEqual(otherBefore);
  });

  it("saved cards refuse owner and id fields on create and rename", async () => {
    const user = await newUser();
    const victim = await newUser();
    const created = await saveCard(user, {
      card_number: generateCardNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Mine",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const before = await ownedState([user, victim]);

    for (const extra of [
      { owner_user_id: victim.id },
      { user_id: victim.id },
      { id: crypto.randomUUID() },
      { is_admin: true },
    ]) {
      const create = await callJson(
        "/api/saved-cards",
        "POST",
        {
          card_number: generateCardNumber(),
          card_holder_name: "Ali Valiyev",
          alias: "X",
          ...extra,
        },
        bearer(user.accessToken),
      );
      expect(create.status, JSON.stringify(extra)).toBe(422);
      const rename = await callJson(
        `/api/saved-cards/${id}`,
        "PATCH",
        { alias: "Renamed", ...extra },
        bearer(user.accessToken),
      );
      expect(rename.status, JSON.stringify(extra)).toBe(422);
    }
    expect(await ownedState([user, victim])).toEqual(before);
  });

  it("a transfer refuses commission, status, type and owner fields with 422 and moves nothing", async () => {
    const sender = await newUser();
    const receiver = await newUser();
    const from = await openActiveCard(sender);
    const to = await openActiveCard(receiver);
    await fund(from.card_number, 100_000_00n);
    const before = await ownedState([sender, receiver]);
    for (const extra of [
      { commission: "0" },
      { status: "success" },
      { type: "deposit" },
      { user_id: receiver.id },
      { balance: "1" },
      { initiated_by: receiver.id },
    ]) {
      const response = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: "5000",
        ...extra,
      });
      expect(response.status, JSON.stringify(extra)).toBe(422);
    }
    expect(await ownedState([sender, receiver])).toEqual(before);
  });

  it("no response carries a password hash or anything like it", async () => {
    const name = `${marker()} Karimova`;
    const phone = uniquePhone();
    const ip = uniqueIp();
    const registered = await callJson(
      "/api/auth/register",
      "POST",
      { full_name: name, phone_number: phone, password: "secret-password" },
      { "CF-Connecting-IP": ip },
    );
    const { id } = (await registered.clone().json()) as { id: string };
    const loggedIn = await login(phone, "secret-password", ip);
    const { access_token: accessToken, refresh_token: refreshToken } = (await loggedIn
      .clone()
      .json()) as { access_token: string; refresh_token: string };
    await openCard({ id, phone, password: "secret-password", ip, accessToken, refreshToken });
    const admin = await newAdmin();
    const asAdmin = { headers: bearer(admin.accessToken) };
    const responses = [
      registered,
      loggedIn,
      await me(accessToken),
      await callJson("/api/auth/me", "PATCH", { full_name: name }, bearer(accessToken)),
      await call(`/api/admin/all-users?search_name=${encodeURIComponent(name)}`, asAdmin),
      await call(`/api/admin/one-users/${id}`, asAdmin),
      await call(`/api/admin/all-cards?search_owner=${encodeURIComponent(name)}`, asAdmin),
    ];
    for (const response of responses) {
      expect(response.status, response.url).toBeLessThan(300);
      const { keys, strings } = keysAndStrings(await response.json());
      expect(
        keys.filter((key) => /pass|hash|secret|salt/i.test(key)),
        response.url,
      ).toEqual([]);
      expect(
        strings.filter((text) => /^\$2[aby]?\$\d\d\$/.test(text)),
        response.url,
      ).toEqual([]);
    }
  });

  it("other people's card numbers and names are masked wherever a user sees them", async () => {
    const surname = marker();
    const sender = await newUser(`Alisher ${surname}`);
    const receiver = await newUser("Bobur Karimov");
    const from = await openActiveCard(sender);
    const to = await openActiveCard(receiver);
    await fund(from.card_number, 100_000_00n);
    const receipt = (await (
      await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: 5000,
      })
    ).json()) as { id: string };

    const stranger = await newUser();
    // [response, whether the full number may appear: a saved card shows the number its saver typed]
    const views: [Response, boolean][] = [
      [
        await call(`/api/transactions/${receipt.id}`, { headers: bearer(receiver.accessToken) }),
        false,
      ],
      [await call("/api/transactions", { headers: bearer(receiver.accessToken) }), false],
      [
        await call(`/api/card/lookup?number=${from.card_number}`, {
          headers: bearer(stranger.accessToken),
        }),
        false,
      ],
      [
        await saveCard(stranger, {
          card_number: from.card_number,
          card_holder_name: `Alisher ${surname}`,
          alias: "Ali",
        }),
        true,
      ],
      [await call("/api/saved-cards", { headers: bearer(stranger.accessToken) }), true],
    ];
    for (const [response, typedBySaver] of views) {
      const text = await response.text();
      expect(response.status, text).toBeLessThan(300);
      if (!typedBySaver) {
        expect(text).not.toContain(from.card_number);
        expect(text).toContain(mask(from.card_number));
      }
      expect(text).not.toContain(surname);
      expect(text).toContain(`Alisher ${surname[0]}.`);
    }
  });
});
