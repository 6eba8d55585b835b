import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../test/worker/admin";
import { openActiveCard } from "../../test/worker/cards";
import { balanceOf, fund, HEALTHY_LEDGER, ledgerInvariants, query } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { sendMoney } from "../../test/worker/transfers";
import { bearer, me, newUser, type TestUser } from "../../test/worker/users";
import { generateCardNumber } from "./card-number";
import type { Problem } from "./problem";

type Receipt = {
  id: string;
  amount: string;
  commission: string;
  description: string | null;
  from_card: unknown;
};

/** Request text with `amount` written as a bare JSON number literal. */
const withAmountLiteral = (fields: Record<string, unknown>, literal: string) =>
  `${JSON.stringify(fields).slice(0, -1)},"amount":${literal}}`;

const postRaw = (user: TestUser, path: string, text: string) =>
  call(path, {
    method: "POST",
    headers: {
      ...bearer(user.accessToken),
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: text,
  });

const deposit = (admin: TestUser, body: Record<string, unknown>) =>
  callJson("/api/admin/deposit", "POST", body, {
    ...bearer(admin.accessToken),
    "Idempotency-Key": crypto.randomUUID(),
  });

const transactionsTouching = async (cardId: string) =>
  (
    await query(
      sql`select count(*)::int as n from transactions where from_card_id = ${cardId} or to_card_id = ${cardId}`,
    )
  )[0]?.n as number;

const descriptionOf = async (transactionId: string) =>
  (await query(sql`select description from transactions where id = ${transactionId}`))[0]
    ?.description;

/** Two users with active cards, the sender's holding 100 000 so'm. */
async function pair() {
  const sender = await newUser("Alisher Valiyev");
  const receiver = await newUser("Bobur Karimov");
  const from = await openActiveCard(sender);
  const to = await openActiveCard(receiver);
  await fund(from.card_number, 100_000_00n);
  return { sender, from, to };
}

// Literals that break the money rules (fraction digits, exponent, sign, integer
// digits); the first six parse to floats an amount could be.
const BAD_LITERALS = [
  "2000.00999999999999999",
  "2e3",
  "2E3",
  "2000.0000000000001",
  "2000.000",
  "2000.0e0",
  "-2000",
  "-0",
  "12345678901234",
  "1e309",
];

describe("JSON numbers are judged by their literal", () => {
  it("workerd's JSON.parse gives the reviver each number's source text", () => {
    const sources: string[] = [];
    JSON.parse('{"a": 2000.50, "b": [2e3, 1]}', (_key, value, context?: { source?: string }) => {
      if (typeof value === "number") sources.push(context?.source as string);
      return value;
    });
    expect(sources).toEqual(["2000.50", "2e3", "1"]);
  });

  it("refuses every bad literal as a transfer amount with 422 and moves no money", async () => {
    const { sender, from, to } = await pair();
    const before = await transactionsTouching(from.id);
    for (const literal of BAD_LITERALS) {
      const text = withAmountLiteral(
        { from_card_id: from.id, to_card_number: to.card_number },
        literal,
      );
      const response = await postRaw(sender, "/api/transactions", text);
      expect(response.status, literal).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.code, literal).toBe("VALIDATION_ERROR");
      expect(
        problem.errors?.map((error) => error.path),
        literal,
      ).toEqual(["amount"]);
    }
    expect(await transactionsTouching(from.id)).toBe(before);
    expect(await balanceOf(from.card_number)).toBe(100_000_00n);
    expect(await balanceOf(to.card_number)).toBe(0n);
  });

  it("refuses every bad literal as a deposit amount with 422 and moves no money", async () => {
    const admin = await newAdmin();
    const card = await openActiveCard(await newUser());
    for (const literal of BAD_LITERALS) {
      const text = withAmountLiteral({ to_card_number: card.card_number }, literal);
      const response = await postRaw(admin, "/api/admin/deposit", text);
      expect(response.status, literal).toBe(422);
      expect(((await response.json()) as Problem).code, literal).toBe("VALIDATION_ERROR");
    }
    expect(await transactionsTouching(card.id)).toBe(0);
    expect(await balanceOf(card.card_number)).toBe(0n);
  });

  it.each([
    ["2000", "2000.00", "20.00", 2000_00n],
    ["2000.5", "2000.50", "20.01", 2000_50n],
    ["2000.50", "2000.50", "20.01", 2000_50n],
  ])("books the number %s as exactly %s", async (literal, amount, commission, tiyin) => {
    const { sender, from, to } = await pair();
    const text = withAmountLiteral(
      { from_card_id: from.id, to_card_number: to.card_number },
      literal,
    );
    const response = await postRaw(sender, "/api/transactions", text);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ amount, commission });
    expect(await balanceOf(to.card_number)).toBe(tiyin);
    expect(await balanceOf(from.card_number)).toBe(
      100_000_00n - tiyin - BigInt(commission.replace(".", "")),
    );
  });

  it("books a deposit of the number 2000.50 as exactly 2000.50", async () => {
    const admin = await newAdmin();
    const card = await openActiveCard(await newUser());
    const text = withAmountLiteral({ to_card_number: card.card_number }, "2000.50");
    const response = await postRaw(admin, "/api/admin/deposit", text);
    expect(response.status).toBe(201);
    expect(((await response.json()) as Receipt).amount).toBe("2000.50");
    expect(await balanceOf(card.card_number)).toBe(2000_50n);
  });

  it("still answers malformed JSON with the 400 problem", async () => {
    const { sender, from, to } = await pair();
    for (const text of [
      `{"from_card_id": "${from.id}", "to_card_number": "${to.card_number}", "amount": 2000.}`,
      '{"amount": 01}',
      "{",
    ]) {
      const response = await postRaw(sender, "/api/transactions", text);
      expect(response.status, text).toBe(400);
      expect(((await response.json()) as Problem).code, text).toBe("MALFORMED_REQUEST");
    }
    expect(await balanceOf(from.card_number)).toBe(100_000_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});

describe("null means absent on optional body fields", () => {
  it("sends money with description null and stores no description", async () => {
    const { sender, from, to } = await pair();
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "2500",
      description: null,
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt.description).toBeNull();
    expect(await descriptionOf(receipt.id)).toBeNull();
    expect(await balanceOf(to.card_number)).toBe(2500_00n);
  });

  it("takes a deposit with description and from_card_id null as a treasury cash-in", async () => {
    const admin = await newAdmin();
    const card = await openActiveCard(await newUser());
    const response = await deposit(admin, {
      to_card_number: card.card_number,
      amount: "3000",
      description: null,
      from_card_id: null,
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt).toMatchObject({ from_card: null, description: null, amount: "3000.00" });
    expect(await balanceOf(card.card_number)).toBe(3000_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("changes only the name on PATCH /api/auth/me with phone_number null", async () => {
    const user = await newUser("Alisher Valiyev");
    const response = await callJson(
      "/api/auth/me",
      "PATCH",
      { full_name: "Xurshid Yo'ldoshev", phone_number: null },
      bearer(user.accessToken),
    );
    expect(response.status).toBe(200);
    const profile = (await (await me(user.accessToken)).json()) as Record<string, string>;
    expect(profile.full_name).toBe("Xurshid Yo'ldoshev");
    expect(profile.phone_number).toBe(user.phone);

    // Null for both is no change at all, which is refused like an empty body.
    const nothing = await callJson(
      "/api/auth/me",
      "PATCH",
      { full_name: null, phone_number: null },
      bearer(user.accessToken),
    );
    expect(nothing.status).toBe(422);
  });

  it("saves a card with card_holder_name null; the required alias stays required", async () => {
    const user = await newUser();
    const owner = await openActiveCard(await newUser("Dilnoza Rahimova"));
    const saved = await callJson(
      "/api/saved-cards",
      "POST",
      { card_number: owner.card_number, card_holder_name: null, alias: "Opam" },
      bearer(user.accessToken),
    );
    expect(saved.status).toBe(201);
    expect(await saved.json()).toMatchObject({ card_holder_name: "Dilnoza R.", alias: "Opam" });

    const outside = await callJson(
      "/api/saved-cards",
      "POST",
      { card_number: generateCardNumber(), card_holder_name: null, alias: "Akam" },
      bearer(user.accessToken),
    );
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as Problem).errors?.[0]?.path).toBe("card_holder_name");

    const noAlias = await callJson(
      "/api/saved-cards",
      "POST",
      { card_number: generateCardNumber(), card_holder_name: "Aziz Karimov", alias: null },
      bearer(user.accessToken),
    );
    expect(noAlias.status).toBe(422);
    expect(((await noAlias.json()) as Problem).errors?.[0]?.path).toBe("alias");
  });

  it("documents those fields as optional and nullable", async () => {
    const document = (await (await call("/openapi.json")).json()) as {
      components: {
        schemas: Record<string, { required?: string[]; properties: Record<string, object> }>;
      };
    };
    const fields: [string, string][] = [
      ["TransferRequest", "description"],
      ["DepositRequest", "description"],
      ["DepositRequest", "from_card_id"],
      ["UpdateProfileRequest", "full_name"],
      ["UpdateProfileRequest", "phone_number"],
      ["CreateSavedCardRequest", "card_holder_name"],
    ];
    for (const [name, field] of fields) {
      const schema = document.components.schemas[name];
      expect(schema?.required ?? [], `${name}.${field}`).not.toContain(field);
      expect(JSON.stringify(schema?.properties[field]), `${name}.${field}`).toContain('"null"');
    }
  });
});
