import { describe, expect, it } from "vitest";
import { openActiveCard, openCard } from "../../../test/worker/cards";
import { call, callJson } from "../../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { generateCardNumber } from "../../lib/card-number";
import type { Problem } from "../../lib/problem";

type SavedCard = {
  id: string;
  owner_user_id: string;
  card_number: string | null;
  phone_number: string | null;
  card_holder_name: string;
  alias: string;
};
type Page = {
  total: number;
  total_saved_cards: number;
  page: number;
  limit: number;
  total_pages: number;
  data: SavedCard[];
};

const BASES = ["/api/saved-cards", "/api/saved-card"] as const;
const BASE = BASES[0];

const save = (user: TestUser, body: Record<string, unknown>, base: string = BASE) =>
  callJson(base, "POST", body, bearer(user.accessToken));
const get = (user: TestUser, path: string) => call(path, { headers: bearer(user.accessToken) });
const list = async (user: TestUser, query = "") =>
  (await (await get(user, `${BASE}?${query}`)).json()) as Page;

/** A checksum-valid number that no Cho'ntak card has (10 random digits). */
const outsideNumber = () => generateCardNumber();

async function saved(user: TestUser, body: Record<string, unknown>): Promise<SavedCard> {
  const response = await save(user, body);
  if (response.status !== 201) throw new Error(`save: ${response.status} ${await response.text()}`);
  return (await response.json()) as SavedCard;
}

describe("saved cards: happy path", () => {
  it.each(BASES)("creates, lists, gets, renames and deletes at %s", async (base) => {
    const user = await newUser();
    const number = outsideNumber();
    const spaced = number.replace(/(\d{4})(?=\d)/g, "$1 ");
    const created = await save(
      user,
      { card_number: spaced, card_holder_name: "  Dilnoza Rahimova ", alias: " Opam " },
      base,
    );
    expect(created.status).toBe(201);
    const card = (await created.json()) as SavedCard;
    expect(card).toEqual({
      id: expect.any(String),
      owner_user_id: user.id,
      card_number: number,
      phone_number: null,
      card_holder_name: "Dilnoza Rahimova",
      alias: "Opam",
    });

    const page = (await (await get(user, `${base}/`)).json()) as Page;
    expect(page).toEqual({
      total: 1,
      total_saved_cards: 1,
      page: 1,
      limit: 8,
      total_pages: 1,
      data: [card],
    });
    expect(await (await get(user, `${base}/${card.id}`)).json()).toEqual(card);

    const renamed = await callJson(
      `${base}/${card.id}`,
      "PATCH",
      { alias: " Singlim " },
      bearer(user.accessToken),
    );
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as SavedCard).alias).toBe("Singlim");

    const deleted = await call(`${base}/${card.id}`, {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await get(user, `${base}/${card.id}`)).status).toBe(404);
  });

  it("stores a Cho'ntak card with the owner's masked name, whatever the client sent", async () => {
    const owner = await newUser("Bobur Karimov");
    const { card_number } = await openActiveCard(owner);
    const [first, second, third] = [await newUser(), await newUser(), await newUser()];
    const cases: [TestUser, Record<string, unknown>][] = [
      [first, { card_number, card_holder_name: "Bobur Karimov", alias: "Bobur" }],
      [second, { card_number, card_holder_name: "Somebody Else", alias: "Do'stim" }],
      [third, { card_number, alias: "Nomsiz" }],
    ];
    for (const [user, body] of cases) {
      const card = await saved(user, body);
      expect(card.card_holder_name).toBe("Bobur K.");
      const fetched = (await (await get(user, `${BASE}/${card.id}`)).json()) as SavedCard;
      expect(fetched.card_holder_name).toBe("Bobur K.");
      expect(JSON.stringify(await list(user))).not.toContain("Karimov");
    }
  });

  it("keeps the client's holder name for a number outside Cho'ntak", async () => {
    const user = await newUser();
    const card = await saved(user, {
      card_number: outsideNumber(),
      card_holder_name: "Sardor Aliyev",
      alias: "Sardor",
    });
    expect(card.card_holder_name).toBe("Sardor Aliyev");
  });

  it("searches by number, alias and owner, taking % and _ literally", async () => {
    const user = await newUser();
    const numbers = [outsideNumber(), outsideNumber(), outsideNumber(), outsideNumber()];
    const aliases = ["Ona 100%", "my_card", "mycard", "Akam"];
    const owners = ["Dilnoza Rahimova", "Sardor Aliyev", "Sardor Aliyev", "Jasur Toshev"];
    for (const [i, alias] of aliases.entries()) {
      await saved(user, { card_number: numbers[i], card_holder_name: owners[i], alias });
    }
    const aliasesOf = async (query: string) =>
      (await list(user, query)).data.map((card) => card.alias).sort();

    const target = numbers[3] as string;
    expect(await aliasesOf(`search_number=${target.slice(-6)}`)).toEqual(["Akam"]);
    expect(
      await aliasesOf(
        `search_number=${encodeURIComponent(target.slice(4, 12).replace(/(\d{4})/, "$1 "))}`,
      ),
    ).toEqual(["Akam"]);
    expect(await aliasesOf("search_alias=AKA")).toEqual(["Akam"]);
    expect(await aliasesOf("search_alias=0%25")).toEqual(["Ona 100%"]);
    expect(await aliasesOf("search_alias=y_")).toEqual(["my_card"]);
    expect(await aliasesOf("search_alias=%25%25")).toEqual([]);
    expect(await aliasesOf("search_alias=__")).toEqual([]);
    expect(await aliasesOf("search_number=%25%25%25%25")).toEqual([]);
    expect(await aliasesOf("search_owner=sardor")).toEqual(["my_card", "mycard"]);
    expect(await aliasesOf("search_owner=sardor&search_alias=y__")).toEqual([]);
    expect(await aliasesOf("search_owner=%5C%5C")).toEqual([]);

    const both = await list(user, "search_owner=sardor&search_alias=card");
    expect(both.total).toBe(2);
    expect(both.total_saved_cards).toBe(2);
  });

  it("paginates newest first", async () => {
    const user = await newUser();
    const cards: SavedCard[] = [];
    for (let i = 0; i < 5; i++) {
      cards.push(
        await saved(user, {
          card_number: outsideNumber(),
          card_holder_name: "Ali Valiyev",
          alias: `k${i}`,
        }),
      );
    }
    const second = await list(user, "page=2&limit=2");
    expect(second).toMatchObject({
      total: 5,
      total_saved_cards: 5,
      page: 2,
      limit: 2,
      total_pages: 3,
    });
    expect(second.data.map((card) => card.alias)).toEqual(["k2", "k1"]);
    const beyond = await list(user, "page=4&limit=2");
    expect(beyond.data).toEqual([]);
    expect(beyond.total).toBe(5);
    expect((await list(user, "limit=100")).data).toHaveLength(5);
  });
});

describe("saved cards: errors", () => {
  it("refuses a duplicate with 409, also for the same number typed differently", async () => {
    const user = await newUser();
    const number = outsideNumber();
    await saved(user, { card_number: number, card_holder_name: "Ali Valiyev", alias: "A" });
    const again = await save(user, {
      card_number: number.replace(/(\d{4})(?=\d)/g, "$1-"),
      card_holder_name: "Ali Valiyev",
      alias: "B",
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).code).toBe("SAVED_CARD_EXISTS");
    // Another user may save the same number.
    const other = await newUser();
    expect(
      (await save(other, { card_number: number, card_holder_name: "Ali V", alias: "A" })).status,
    ).toBe(201);
  });

  it("lets exactly one of 8 concurrent duplicate saves through", async () => {
    const user = await newUser();
    const body = { card_number: outsideNumber(), card_holder_name: "Ali Valiyev", alias: "A" };
    const responses = await Promise.all(Array.from({ length: 8 }, () => save(user, body)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect((await list(user)).total).toBe(1);
  });

  it.each([
    ["a number failing the checksum", { card_number: "7777123456789051", alias: "A" }],
    ["a number of the wrong length", { card_number: "7777 1234", alias: "A" }],
    ["an empty alias", { alias: "   " }],
    ["a 51-character alias", { alias: "x".repeat(51) }],
    ["a one-letter holder name", { card_holder_name: "A" }],
    ["a 101-character holder name", { card_holder_name: "x".repeat(101) }],
    ["no holder name for a number outside Cho'ntak", { card_holder_name: undefined }],
    ["an unknown field", { owner_user_id: "4f6c1c1e-2d0b-4a4e-9a51-0f3f5d7c2b11" }],
  ])("answers 422 for %s", async (_, override) => {
    const user = await newUser();
    const body = {
      card_number: outsideNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Ali",
      ...override,
    };
    const response = await save(user, body);
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).code).toBe("VALIDATION_ERROR");
  });

  it("validates renames, searches, pagination and ids", async () => {
    const user = await newUser();
    const card = await saved(user, {
      card_number: outsideNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Ali",
    });
    for (const body of [{ alias: "" }, { alias: "y".repeat(51) }, {}, { alias: "ok", extra: 1 }]) {
      const response = await callJson(
        `${BASE}/${card.id}`,
        "PATCH",
        body,
        bearer(user.accessToken),
      );
      expect(response.status).toBe(422);
    }
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=-1",
      "limit=abc",
      "page=0",
      "page=abc",
      "search_number=777",
      "search_alias=a",
      "search_owner=%20a%20",
    ]) {
      const response = await get(user, `${BASE}?${query}`);
      expect(response.status, query).toBe(422);
    }
    expect((await get(user, `${BASE}/not-a-uuid`)).status).toBe(422);
    const missing = await get(user, `${BASE}/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Problem).code).toBe("SAVED_CARD_NOT_FOUND");
  });
});

describe("saved cards: security", () => {
  it("hides another user's saved card behind 404 on GET, PATCH and DELETE", async () => {
    const owner = await newUser();
    const card = await saved(owner, {
      card_number: outsideNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Mine",
    });
    const intruder = await newUser();
    const path = `${BASE}/${card.id}`;
    const attempts = [
      await get(intruder, path),
      await callJson(path, "PATCH", { alias: "Hacked" }, bearer(intruder.accessToken)),
      await call(path, { method: "DELETE", headers: bearer(intruder.accessToken) }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as Problem).code).toBe("SAVED_CARD_NOT_FOUND");
    }
    expect((await list(intruder)).total).toBe(0);
    expect(await (await get(owner, path)).json()).toEqual(card);
  });

  it("treats a frozen or closed card like a number outside Cho'ntak: its owner stays hidden", async () => {
    const user = await newUser();
    const stranger = await newUser("Jasur Toshmatov");
    const hidden = await openCard(stranger); // frozen
    const unknown = outsideNumber();
    // Without a typed name, both answer the same 422 (no owner to show).
    const [a, b] = [
      await save(user, { card_number: hidden.card_number, alias: "A" }),
      await save(user, { card_number: unknown, alias: "B" }),
    ];
    expect([a.status, b.status]).toEqual([422, 422]);
    const strip = ({ instance, request_id, ...rest }: Record<string, unknown>) => rest;
    expect(strip(await a.json())).toEqual(strip(await b.json()));
    // With a typed name, the typed name is stored, never the owner's.
    const typed = await saved(user, {
      card_number: hidden.card_number,
      card_holder_name: "Kimdir",
      alias: "C",
    });
    expect(typed.card_holder_name).toBe("Kimdir");
  });

  it("refuses to save the platform card: it is the system's, not a person's", async () => {
    const user = await newUser();
    const response = await save(user, { card_number: "7777 0000 0000 0000", alias: "Bank" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).code).toBe("SAVED_CARD_PLATFORM");
    expect((await list(user)).total).toBe(0);
  });

  it("requires a token", async () => {
    expect((await call(BASE)).status).toBe(401);
    expect((await callJson("/api/saved-card", "POST", {})).status).toBe(401);
  });

  it("documents the plural path and hides the alias in OpenAPI", async () => {
    const document = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/saved-cards", "/api/saved-cards/{id}"]),
    );
    expect(Object.keys(document.paths).some((path) => path.startsWith("/api/saved-card/"))).toBe(
      false,
    );
    expect(document.paths["/api/saved-card"]).toBeUndefined();
  });
});

describe("saved cards: phone contacts", () => {
  const patch = (user: TestUser, body: Record<string, unknown>) =>
    callJson("/api/auth/me", "PATCH", body, bearer(user.accessToken));

  it("saves a phone with the masked name of a person payable by phone, lists and finds it beside cards", async () => {
    const user = await newUser();
    const friend = await newUser("Kamola Yusupova");
    await openActiveCard(friend);
    const spaced = `${friend.phone.slice(0, 4)} ${friend.phone.slice(4, 6)} ${friend.phone.slice(6, 9)}-${friend.phone.slice(9)}`;
    const contact = await saved(user, {
      phone_number: spaced,
      card_holder_name: "Kamola Yusupova",
      alias: "Kamola",
    });
    expect(contact).toMatchObject({
      card_number: null,
      phone_number: friend.phone,
      card_holder_name: "Kamola Y.",
      alias: "Kamola",
    });
    const card = await saved(user, {
      card_number: outsideNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Ali",
    });
    const all = await list(user);
    expect(all.data.map((entry) => entry.id)).toEqual([card.id, contact.id]);
    const found = await list(user, `search_number=${encodeURIComponent(friend.phone.slice(0, 8))}`);
    expect(found.data.map((entry) => entry.id)).toEqual([contact.id]);

    const again = await save(user, { phone_number: friend.phone, alias: "Twice" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).code).toBe("SAVED_CARD_EXISTS");
  });

  it("a phone nobody can be paid at needs a typed name, and stores only what was typed", async () => {
    const user = await newUser();
    const hidden = await newUser("Zarina Secret");
    await openActiveCard(hidden);
    expect((await patch(hidden, { discoverable_by_phone: false })).status).toBe(200);
    const missing = await save(user, { phone_number: hidden.phone, alias: "Z" });
    expect(missing.status).toBe(422);
    const text = await missing.text();
    expect(text).not.toContain("Zarina");
    const typed = await saved(user, {
      phone_number: hidden.phone,
      card_holder_name: "Someone",
      alias: "Z",
    });
    expect(typed.card_holder_name).toBe("Someone");
  });

  it("lets exactly one of 6 concurrent saves of the same phone through", async () => {
    const user = await newUser();
    const friend = await newUser("Kamola Yusupova");
    await openActiveCard(friend);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        save(user, { phone_number: friend.phone, alias: `Kamola ${i}` }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([
      201, 409, 409, 409, 409, 409,
    ]);
    expect((await list(user)).total).toBe(1);
  });

  it("wants exactly one of card_number and phone_number (422)", async () => {
    const user = await newUser();
    for (const body of [
      { alias: "none", card_holder_name: "Ali Valiyev" },
      {
        card_number: outsideNumber(),
        phone_number: "+998901234567",
        card_holder_name: "Ali Valiyev",
        alias: "both",
      },
      { phone_number: "+99890", card_holder_name: "Ali Valiyev", alias: "short" },
    ]) {
      const response = await save(user, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect((await list(user)).total).toBe(0);
  });
});
