import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../test/worker/admin";
import { openCard } from "../../test/worker/cards";
import { query } from "../../test/worker/db";
import { call } from "../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../test/worker/users";
import { generateCardNumber } from "../lib/card-number";
import { marker, saveCard } from "./helpers";

/** SQL and LIKE metacharacters, and an injection attempt. */
const HOSTILE = ["%", "_", "\\", "%%%%", "____", "'; drop table users; --", "' or '1'='1"];

describe("API7:2023 server side request forgery", () => {
  // No SSRF surface: the API never fetches a URL taken from input. What it does take
  // is search text and filters, so those must reach the database as literal values.

  it("admin user and card searches take SQL and LIKE metacharacters literally", async () => {
    const m = marker();
    const names = {
      percent: `${m} 100%_off`,
      plain: `${m} 100ab`,
      injection: `${m}'; drop table users; --`,
      backslash: `${m} back\\slash`,
    };
    const people = Object.fromEntries(
      await Promise.all(
        Object.entries(names).map(async ([key, name]) => {
          const person = await newUser(name);
          await openCard(person);
          return [key, person.id] as const;
        }),
      ),
    ) as Record<keyof typeof names, string>;
    const admin = await newAdmin();
    const expected: [string, (keyof typeof names)[]][] = [
      [`${m} 100%`, ["percent"]],
      [`${m} 100_`, []],
      [`${m} 100%_`, ["percent"]],
      [`${m}%`, []],
      [`${m}_`, []],
      [`${m}'; drop table users; --`, ["injection"]],
      [`${m}' or '1'='1`, []],
      [`${m} back\\`, ["backslash"]],
      [`${m} back\\slash`, ["backslash"]],
      [`${m} back\\\\`, []],
    ];
    for (const [search, keys] of expected) {
      const ids = keys.map((key) => people[key]).sort();
      const users = await call(
        `/api/admin/all-users?limit=100&search_name=${encodeURIComponent(search)}`,
        { headers: bearer(admin.accessToken) },
      );
      expect(users.status, search).toBe(200);
      const userPage = (await users.json()) as { data: { id: string }[] };
      expect(userPage.data.map((u) => u.id).sort(), `users ${search}`).toEqual(ids);

      const cards = await call(
        `/api/admin/all-cards?limit=100&search_owner=${encodeURIComponent(search)}`,
        { headers: bearer(admin.accessToken) },
      );
      expect(cards.status, search).toBe(200);
      const cardPage = (await cards.json()) as { data: { user_id: string }[] };
      expect(cardPage.data.map((c) => c.user_id).sort(), `cards ${search}`).toEqual(ids);
    }
    // Digits-only columns contain no metacharacter, so a literal search finds nothing.
    for (const search of HOSTILE) {
      for (const [path, total] of [
        ["/api/admin/all-users?search_number=", "total"],
        ["/api/admin/all-cards?search_card_number=", "total"],
        ["/api/admin/verify-all-balance?search_number=", "total_cards"],
      ] as const) {
        const response = await call(`${path}${encodeURIComponent(search)}`, {
          headers: bearer(admin.accessToken),
        });
        expect(response.status, `${path}${search}`).toBe(200);
        expect(((await response.json()) as Record<string, number>)[total]).toBe(0);
      }
    }
    const [count] = await query(
      sql`select count(*)::int as n from users where full_name like ${`${m}%`}`,
    );
    expect(count?.n).toBe(4);
  });

  it("saved-card searches take metacharacters literally", async () => {
    const user = await newUser();
    for (const alias of ["100%_off", "100ab", "back\\slash"]) {
      const response = await saveCard(user, {
        card_number: generateCardNumber(),
        card_holder_name: "Ali Valiyev",
        alias,
      });
      expect(response.status).toBe(201);
    }
    const aliases = async (query: string) => {
      const response = await call(`/api/saved-cards?${query}`, {
        headers: bearer(user.accessToken),
      });
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { data: { alias: string }[] }).data
        .map((card) => card.alias)
        .sort();
    };
    expect(await aliases(`search_alias=${encodeURIComponent("100%")}`)).toEqual(["100%_off"]);
    expect(await aliases(`search_alias=${encodeURIComponent("100_")}`)).toEqual([]);
    expect(await aliases(`search_alias=${encodeURIComponent("k\\s")}`)).toEqual(["back\\slash"]);
    expect(await aliases(`search_alias=${encodeURIComponent("k\\\\")}`)).toEqual([]);
    for (const search of HOSTILE.filter((s) => s.length >= 4)) {
      for (const field of ["search_number", "search_alias", "search_owner"]) {
        expect(await aliases(`${field}=${encodeURIComponent(search)}`), field).toEqual([]);
      }
    }
  });

  it("typed filters (history, admin transactions, lookup, path ids) refuse such text with 422", async () => {
    const user = await newUser();
    const admin = await newAdmin();
    const targets: [TestUser, string][] = [
      ...[
        "card_id",
        "start_date",
        "end_date",
        "amount",
        "min_amount",
        "max_amount",
        "direction",
        "status",
        "type",
      ].map((name) => [user, `/api/transactions?${name}=`] as [TestUser, string]),
      ...["card_number", "min_amount", "max_amount", "start_date", "status", "type"].map(
        (name) => [admin, `/api/admin/all-transactions?${name}=`] as [TestUser, string],
      ),
      [admin, "/api/admin/one-transaction?transaction_id="],
      [admin, "/api/admin/dashboard?calendar="],
      [user, "/api/card/lookup?number="],
      [user, "/api/card/"],
      [user, "/api/transactions/"],
      [user, "/api/saved-cards/"],
    ];
    for (const [caller, prefix] of targets) {
      for (const search of HOSTILE) {
        const response = await call(`${prefix}${encodeURIComponent(search)}`, {
          headers: bearer(caller.accessToken),
        });
        expect(response.status, `${prefix}${search}`).toBe(422);
      }
    }
  });
});
