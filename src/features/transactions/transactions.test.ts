import { env } from "cloudflare:test";
import { Redis } from "@upstash/redis/cloudflare";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, openCard, type TestCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  holdTransactionOpen,
  ledgerInvariants,
  query,
  setCardColumns,
  setRole,
  waitForLockWaiters,
  withoutStepUp,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { generateCardNumber } from "../../lib/card-number";
import type { Problem } from "../../lib/problem";

type Transaction = {
  id: string;
  status: string;
  type: string;
  amount: string;
  commission: string;
  from_card: { card_number: string; owner_name: string } | null;
  to_card: { card_number: string; owner_name: string };
  failure_reason: string | null;
  created_at: string;
  completed_at: string | null;
  description: string | null;
};
type Page = {
  total: number;
  page: number;
  limit: number;
  total_pages: number;
  data: Transaction[];
};

const PLATFORM = "7777000000000000";
const mask = (number: string) => `${number.slice(0, 4)} **** **** ${number.slice(-4)}`;

/** Two users with active cards; the sender funded with `funds` tiyin. */
async function pair(funds = 10_000_000_00n, senderRole: "user" | "premium" | "admin" = "user") {
  const sender = await newUser("Alisher Valiyev");
  const receiver = await newUser("Bobur Karimov");
  if (senderRole !== "user") await setRole(sender.id, senderRole);
  const from = await openActiveCard(sender);
  const to = await openActiveCard(receiver);
  if (funds > 0n) await fund(from.card_number, funds);
  return { sender, receiver, from, to };
}

/** Waits until this many sessions of the database wait on a row lock. */
async function history(user: TestUser, params = "") {
  const response = await call(`/api/transactions${params}`, { headers: bearer(user.accessToken) });
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

describe("transfers: happy path", () => {
  it("moves amount + 1% commission, credits the platform card, and returns the receipt", async () => {
    const { sender, receiver, from, to } = await pair(100_000_00n);
    const platformBefore = await balanceOf(PLATFORM);
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number.replace(/(\d{4})(?=\d)/g, "$1 "),
      amount: "25000",
      description: "Tushlik uchun",
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Transaction;
    expect(receipt).toMatchObject({
      type: "transfer",
      status: "success",
      amount: "25000.00",
      commission: "250.00",
      description: "Tushlik uchun",
      failure_reason: null,
      from_card: { card_number: from.card_number, owner_name: "Alisher Valiyev" },
      to_card: { card_number: mask(to.card_number), owner_name: "Bobur K." },
    });
    expect(receipt.completed_at).not.toBeNull();
    expect(await balanceOf(from.card_number)).toBe(100_000_00n - 25_000_00n - 250_00n);
    expect(await balanceOf(to.card_number)).toBe(25_000_00n);
    expect((await balanceOf(PLATFORM)) - platformBefore).toBe(250_00n);

    // The receiver sees it too, with the sender masked.
    const seen = await call(`/api/transactions/${receipt.id}`, {
      headers: bearer(receiver.accessToken),
    });
    expect(await seen.json()).toMatchObject({
      from_card: { card_number: mask(from.card_number), owner_name: "Alisher V." },
      to_card: { card_number: to.card_number, owner_name: "Bobur Karimov" },
    });
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("charges premium and admin senders no commission", async () => {
    for (const role of ["premium", "admin"] as const) {
      const { sender, from, to } = await pair(100_000_00n, role);
      const response = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: 50_000,
      });
      expect(((await response.json()) as Transaction).commission).toBe("0.00");
      expect(await balanceOf(from.card_number)).toBe(50_000_00n);
    }
  });

  it.each([
    ["2000.50", "20.01"], // 20.005 rounds half-up
    ["2000.49", "20.00"], // 20.0049
    ["2150", "21.50"],
    ["3333.33", "33.33"],
    ["2049.99", "20.50"], // 20.4999 → 20.50
    [2000.5, "20.01"],
  ])("commission on %s is %s", async (amount, commission) => {
    const { sender, from, to } = await pair(10_000_00n);
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount,
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as Transaction).commission).toBe(commission);
  });
});

describe("transfers: limits and refusals (recorded as failed)", () => {
  it.each([
    ["user", "1999.99", 400, "AMOUNT_TOO_SMALL"],
    ["user", "2000", 201, null],
    ["user", "2000000", 201, null],
    ["user", "2000000.01", 400, "LIMIT_EXCEEDED"],
    ["premium", "4000000", 201, null],
    ["premium", "4000000.01", 400, "LIMIT_EXCEEDED"],
    ["admin", "100000000", 201, null],
    ["admin", "100000000.01", 400, "LIMIT_EXCEEDED"],
  ] as const)("%s sending %s → %i %s", async (role, amount, status, code) => {
    const { sender, from, to } = await pair(200_000_000_00n, role);
    await withoutStepUp(sender.id);
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount,
    });
    expect(response.status).toBe(status);
    if (code) expect(((await response.json()) as Problem).code).toBe(code);
  });

  it("names the role's maximum in the message", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "2000000.01",
    });
    expect(((await response.json()) as Problem).detail).toBe(
      "Bir o'tkazma uchun eng ko'p miqdor: 2000000 so'm",
    );
  });

  it("refuses insufficient funds, counting the commission", async () => {
    const { sender, from, to } = await pair(10_000_00n);
    const short = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "10000",
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as Problem).detail).toBe("Kartada mablag' yetarli emas");
    const exact = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "9900.99",
    });
    expect(exact.status).toBe(201); // 9900.99 + 99.01 = 10000.00
    expect(await balanceOf(from.card_number)).toBe(0n);
  });

  it("refuses the same card on both sides", async () => {
    const { sender, from } = await pair();
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: from.card_number,
      amount: 5000,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).code).toBe("SAME_CARD");
  });

  it.each([
    ["sender frozen", { status: "frozen" }],
    ["sender expired by date", { expiry_date: "2022-01-01" }],
  ] as const)("refuses when the %s", async (_label, change) => {
    const { sender, from, to } = await pair();
    await setCardColumns(from.id, change);
    const response = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: 5000,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).code).toBe("CARD_NOT_ACTIVE");
    expect(await balanceOf(from.card_number)).toBe(10_000_000_00n);
  });

  it.each([
    ["frozen", { status: "frozen" }],
    ["closed", { status: "closed" }],
    ["marked expired", { status: "expired" }],
    ["expired by date", { expiry_date: "2022-01-01" }],
  ] as const)(
    "answers a receiver card that is %s exactly like a card that does not exist",
    async (_label, change) => {
      const { sender, from, to } = await pair();
      await setCardColumns(to.id, change);
      const strip = ({ instance, request_id, ...rest }: Record<string, unknown>) => rest;
      const hidden = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: 5000,
      });
      const missing = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: generateCardNumber(),
        amount: 5000,
      });
      expect(hidden.status).toBe(404);
      expect(strip(await hidden.json())).toEqual(strip(await missing.json()));
      // The card lookup of the send screen answers the same.
      const lookup = await call(`/api/card/lookup?number=${to.card_number}`, {
        headers: bearer(sender.accessToken),
      });
      expect(lookup.status).toBe(404);
      expect(((await lookup.json()) as Problem).code).toBe("RECEIVER_CARD_NOT_FOUND");
      expect(await balanceOf(from.card_number)).toBe(10_000_000_00n);
      expect((await history(sender)).data.filter((t) => t.type === "transfer")).toHaveLength(0);
    },
  );

  it("answers unknown receiver and foreign sender card with 404 and records nothing", async () => {
    const { sender, from, to, receiver } = await pair();
    const unknown = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: generateCardNumber(),
      amount: 5000,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Problem).code).toBe("RECEIVER_CARD_NOT_FOUND");
    const foreign = await sendMoney(receiver, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: 5000,
    });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as Problem).code).toBe("SENDER_CARD_NOT_FOUND");
    expect((await history(sender)).data.filter((t) => t.type === "transfer")).toHaveLength(0);
  });

  it("records refusals as failed transactions with their reason and no money moved", async () => {
    const { sender, from, to } = await pair(3_000_00n);
    await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: 5000,
    });
    const failed = await history(sender, "?status=failed");
    expect(failed.total).toBe(1);
    expect(failed.data[0]).toMatchObject({
      status: "failed",
      failure_reason: "INSUFFICIENT_FUNDS",
      completed_at: null,
    });
    expect(await balanceOf(from.card_number)).toBe(3_000_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});

describe("transfers: security", () => {
  it("keeps a refused transfer out of the receiver's history, counts and lookups", async () => {
    const victim = await newUser("Bobur Karimov");
    const victimCard = await openActiveCard(victim);
    const stranger = await newUser("Sardor Aliyev");
    const strangerCard = await openActiveCard(stranger); // empty: every transfer is refused
    const lure = "Kartangiz bloklandi! Darhol +998 90 000 00 00 ga qo'ng'iroq qiling";
    const refused = await sendMoney(stranger, {
      from_card_id: strangerCard.id,
      to_card_number: victimCard.card_number,
      amount: 5000,
      description: lure,
    });
    expect(refused.status).toBe(400);
    const [failed] = await query(
      sql`select id from transactions where from_card_id = ${strangerCard.id} and status = 'failed'`,
    );
    const failedId = failed?.id as string;

    // The sender keeps the record of their own refusal.
    expect((await history(stranger, "?status=failed")).total).toBe(1);
    // The receiver sees nothing of it: not in any listing, count or direct read.
    for (const params of ["", "?direction=in", "?status=failed", `?card_id=${victimCard.id}`]) {
      const page = await history(victim, params);
      expect(page.total).toBe(0);
      expect(JSON.stringify(page)).not.toContain("bloklandi");
    }
    const direct = await call(`/api/transactions/${failedId}`, {
      headers: bearer(victim.accessToken),
    });
    expect(direct.status).toBe(404);
    const own = await call(`/api/transactions/${failedId}`, {
      headers: bearer(stranger.accessToken),
    });
    expect(own.status).toBe(200);

    // A successful transfer does reach the receiver's history.
    await fund(strangerCard.card_number, 100_000_00n);
    const paid = await sendMoney(stranger, {
      from_card_id: strangerCard.id,
      to_card_number: victimCard.card_number,
      amount: 5000,
    });
    expect(paid.status).toBe(201);
    const page = await history(victim);
    expect(page.total).toBe(1);
    expect(page.data[0]?.status).toBe("success");
  });

  it("prices a transfer by the role in force inside the ledger, not the one read at the start", async () => {
    const { sender, from, to } = await pair(1_000_000_00n, "premium");
    const admin = await newAdmin();
    // Hold the sender card's row lock, so the transfer reaches Postgres and waits there.
    const release = await holdTransactionOpen((tx) =>
      tx.execute(sql`select 1 from cards where id = ${from.id} for update`),
    );
    const order: string[] = [];
    const transfer = sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: 100_000,
    }).then((response) => {
      order.push("transfer");
      return response;
    });
    await waitForLockWaiters(1);
    const demotion = call(`/api/admin/user-role/${sender.id}?action=user`, {
      method: "PATCH",
      headers: bearer(admin.accessToken),
    }).then((response) => {
      order.push("demotion");
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await release();
    const [paid, demoted] = await Promise.all([transfer, demotion]);
    expect(demoted.status).toBe(200);
    expect(paid.status).toBe(201);
    const receipt = (await paid.json()) as Transaction;
    // The demotion waited for the posting in flight, so the premium price was the
    // one in force when the money moved; had it answered first, 1 % would apply.
    expect(order).toEqual(["transfer", "demotion"]);
    expect(receipt.commission).toBe("0.00");
    const after = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: 100_000,
    });
    expect(after.status).toBe(201);
    expect(((await after.json()) as Transaction).commission).toBe("1000.00");
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("shows the platform card as Cho'ntak, the system, and never as a masked person", async () => {
    const { sender, from } = await pair(100_000_00n);
    const paid = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: PLATFORM,
      amount: 5000,
    });
    expect(paid.status).toBe(201);
    const receipt = (await paid.json()) as Transaction;
    expect(receipt.to_card).toEqual({ card_number: PLATFORM, owner_name: "Cho'ntak" });
    const lookup = await call(`/api/card/lookup?number=${PLATFORM}`, {
      headers: bearer(sender.accessToken),
    });
    expect(((await lookup.json()) as { owner_name: string }).owner_name).toBe("Cho'ntak");
  });
});

describe("transfers: malformed input", () => {
  it.each([
    ["three decimals", { amount: "2000.123" }],
    ["three decimals as a number", { amount: 2000.123 }],
    ["negative", { amount: -5000 }],
    ["zero", { amount: 0 }],
    ["exponent", { amount: "2e3" }],
    ["huge", { amount: "1e309" }],
    ["NaN text", { amount: "NaN" }],
    ["boolean", { amount: true }],
    ["object", { amount: { value: 1 } }],
    ["bad checksum", { to_card_number: "7777123456789051" }],
    ["letters in number", { to_card_number: "7777abcd56789050" }],
    ["bad uuid", { from_card_id: "nope" }],
    ["unknown field", { commission: "0" }],
    ["description too long", { description: "x".repeat(256) }],
  ])("answers %s with 422 and moves nothing", async (_label, change) => {
    const { sender, from, to } = await pair(100_000_00n);
    const body = {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "5000",
      ...change,
    };
    const response = await sendMoney(sender, body);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await balanceOf(from.card_number)).toBe(100_000_00n);
  });
});

describe("transfers: idempotency", () => {
  it("requires the Idempotency-Key header", async () => {
    const { sender, from, to } = await pair();
    const response = await sendMoney(
      sender,
      { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 },
      null,
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).code).toBe("IDEMPOTENCY_KEY_MISSING");
    const tooLong = await sendMoney(
      sender,
      { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 },
      "k".repeat(256),
    );
    expect(tooLong.status).toBe(422);
  });

  it("replays a retry with the same status and body and moves money once", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const key = crypto.randomUUID();
    const body = { from_card_id: from.id, to_card_number: to.card_number, amount: "5000" };
    const first = await sendMoney(sender, body, key);
    const firstBody = await first.json();
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // "5000.00" is the same payload as "5000".
    const retry = await sendMoney(sender, { ...body, amount: "5000.00" }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(firstBody);
    expect(await balanceOf(from.card_number)).toBe(100_000_00n - 5_050_00n);
  });

  it("scopes keys per user", async () => {
    const a = await pair(100_000_00n);
    const b = await pair(100_000_00n);
    const key = crypto.randomUUID();
    expect(
      (
        await sendMoney(
          a.sender,
          { from_card_id: a.from.id, to_card_number: a.to.card_number, amount: 5000 },
          key,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await sendMoney(
          b.sender,
          { from_card_id: b.from.id, to_card_number: b.to.card_number, amount: 5000 },
          key,
        )
      ).status,
    ).toBe(201);
  });

  it("answers the same key with a different payload with 422", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const key = crypto.randomUUID();
    await sendMoney(
      sender,
      { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 },
      key,
    );
    const other = await sendMoney(
      sender,
      { from_card_id: from.id, to_card_number: to.card_number, amount: 6000 },
      key,
    );
    expect(other.status).toBe(422);
    expect(((await other.json()) as Problem).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await balanceOf(from.card_number)).toBe(100_000_00n - 5_050_00n);
  });

  it("replays a business refusal as the same problem", async () => {
    const { sender, from, to } = await pair(1_000_00n);
    const key = crypto.randomUUID();
    const body = { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 };
    const first = await sendMoney(sender, body, key);
    expect(first.status).toBe(400);
    await fund(from.card_number, 100_000_00n); // now it would succeed, but the outcome is fixed
    const retry = await sendMoney(sender, body, key);
    expect(retry.status).toBe(400);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as Problem).code).toBe("INSUFFICIENT_FUNDS");
    expect(await balanceOf(from.card_number)).toBe(101_000_00n);
  });

  it("replays the first answer byte for byte: status, content type and body with its request id", async () => {
    const { sender, from, to } = await pair(1_000_00n);
    const refusalKey = crypto.randomUUID();
    const body = { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 };
    const first = await sendMoney(sender, body, refusalKey, { "Accept-Language": "ru" });
    expect(first.status).toBe(400);
    const firstText = await first.text();
    expect(JSON.parse(firstText).detail).toMatch(/[а-я]/); // the first answer was Russian
    await fund(from.card_number, 100_000_00n);
    // A later retry in another language, after the role changed, still gets those bytes.
    await setRole(sender.id, "premium");
    const retry = await sendMoney(sender, body, refusalKey, { "Accept-Language": "en" });
    expect(retry.status).toBe(400);
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstText);

    const successKey = crypto.randomUUID();
    const paid = await sendMoney(sender, body, successKey);
    expect(paid.status).toBe(201);
    const paidText = await paid.text();
    await setRole(sender.id, "user");
    const again = await sendMoney(sender, body, successKey, { "Accept-Language": "en" });
    expect(again.status).toBe(201);
    expect(again.headers.get("content-type")).toBe(paid.headers.get("content-type"));
    expect(await again.text()).toBe(paidText);
  });

  it("frees the key when nothing was stored, so a retry runs again instead of a 409", async () => {
    const { sender, from } = await pair(100_000_00n);
    const key = crypto.randomUUID();
    const body = { from_card_id: from.id, to_card_number: generateCardNumber(), amount: 5000 };
    expect((await sendMoney(sender, body, key)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the release runs after the response
    const retry = await sendMoney(sender, body, key);
    expect(retry.status).toBe(404);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 409 while the same key is in flight", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const key = crypto.randomUUID();
    const redis = new Redis({
      url: String(env.UPSTASH_REDIS_REST_URL),
      token: String(env.UPSTASH_REDIS_REST_TOKEN),
    });
    await redis.set(`idempotency:${sender.id}:${key}`, "someone else", { ex: 30 });
    const response = await sendMoney(
      sender,
      { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 },
      key,
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as Problem).code).toBe("IDEMPOTENCY_IN_PROGRESS");
    expect(await balanceOf(from.card_number)).toBe(100_000_00n);
    await redis.del(`idempotency:${sender.id}:${key}`);
  });

  it("moves money once even when Redis forgets the key (the Postgres record decides)", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const key = crypto.randomUUID();
    const body = { from_card_id: from.id, to_card_number: to.card_number, amount: 5000 };
    const redis = new Redis({
      url: String(env.UPSTASH_REDIS_REST_URL),
      token: String(env.UPSTASH_REDIS_REST_TOKEN),
    });
    const first = await sendMoney(sender, body, key);
    expect(first.status).toBe(201);
    await redis.del(`idempotency:${sender.id}:${key}`);
    const retry = await sendMoney(sender, body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");

    // A burst of the same key: whatever Redis says, exactly one transfer exists.
    const burstKey = crypto.randomUUID();
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => sendMoney(sender, body, burstKey)),
    );
    for (const response of burst) expect([201, 409]).toContain(response.status);
    const rows = await query(
      sql`select count(*)::int as n from idempotency_keys where key in (${key}, ${burstKey})`,
    );
    expect(rows[0]?.n).toBe(2);
    expect(await balanceOf(from.card_number)).toBe(100_000_00n - 2n * 5_050_00n);
  });
});

describe("transfers: concurrency", () => {
  it("runs opposite transfers at once without deadlocks, negative balances or lost money", async () => {
    const users = await Promise.all([newUser(), newUser(), newUser(), newUser()]);
    await Promise.all(users.map((user) => setRole(user.id, "premium")));
    const cards = await Promise.all(users.map((user) => openActiveCard(user)));
    await Promise.all(cards.map((card) => fund(card.card_number, 30_000_00n)));
    const platformBefore = await balanceOf(PLATFORM);

    const attempts = Array.from({ length: 60 }, (_, i) => {
      const from = i % 4;
      const to = i % 2 === 0 ? (from + 1) % 4 : (from + 3) % 4; // both directions around the ring
      return sendMoney(users[from] as TestUser, {
        from_card_id: (cards[from] as TestCard).id,
        to_card_number: (cards[to] as TestCard).card_number,
        amount: "7000",
      });
    });
    const responses = await Promise.all(attempts);
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 400)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(10);

    const balances = await Promise.all(cards.map((card) => balanceOf(card.card_number)));
    expect(balances.reduce((sum, balance) => sum + balance, 0n)).toBe(4n * 30_000_00n);
    expect(await balanceOf(PLATFORM)).toBe(platformBefore);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("pays commissions and the platform card itself at once without deadlocks or lost tiyins", async () => {
    // The platform card is locked after every other card: transfers paying it a
    // commission and transfers paying it directly must not wait on each other in a cycle.
    const users = await Promise.all([newUser(), newUser(), newUser()]);
    const cards = await Promise.all(users.map((user) => openActiveCard(user)));
    await Promise.all(cards.map((card) => fund(card.card_number, 200_000_00n)));
    const platformBefore = await balanceOf(PLATFORM);

    const responses = await Promise.all(
      Array.from({ length: 45 }, (_, i) => {
        const from = i % 3;
        const to = i % 3 === 0 ? PLATFORM : (cards[(from + 1) % 3] as TestCard).card_number;
        return sendMoney(users[from] as TestUser, {
          from_card_id: (cards[from] as TestCard).id,
          to_card_number: to,
          amount: "3000",
        });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(45).fill(201));
    // 15 direct payments of 3 000 and 45 commissions of 30 so'm, to the tiyin.
    expect((await balanceOf(PLATFORM)) - platformBefore).toBe(15n * 3000_00n + 45n * 30_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("drains a card exactly: concurrent spends never overdraw it", async () => {
    const { sender, from, to } = await pair(10_100_00n); // one 10 000 transfer + 100 commission
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        sendMoney(sender, { from_card_id: from.id, to_card_number: to.card_number, amount: 10000 }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(await balanceOf(from.card_number)).toBe(0n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});

describe("history", () => {
  it("lists both sides, newest first, with filters and pagination", async () => {
    const { sender, receiver, from, to } = await pair(1_000_000_00n);
    for (const amount of ["2000", "3000", "4000", "5000"]) {
      expect(
        (await sendMoney(sender, { from_card_id: from.id, to_card_number: to.card_number, amount }))
          .status,
      ).toBe(201);
    }
    const back = await sendMoney(receiver, {
      from_card_id: to.id,
      to_card_number: from.card_number,
      amount: "2500",
    });
    expect(back.status).toBe(201);

    const all = await history(sender);
    expect(all).toMatchObject({ total: 6, page: 1, limit: 8, total_pages: 1 });
    expect(all.data.map((t) => t.amount)).toEqual([
      "2500.00",
      "5000.00",
      "4000.00",
      "3000.00",
      "2000.00",
      "1000000.00",
    ]);

    const out = await history(sender, "?direction=out");
    expect(out.data.map((t) => t.amount)).toEqual(["5000.00", "4000.00", "3000.00", "2000.00"]);
    const incoming = await history(sender, "?direction=in&type=transfer");
    expect(incoming.data.map((t) => t.amount)).toEqual(["2500.00"]);
    expect((await history(sender, "?type=deposit")).total).toBe(1);
    expect(
      (await history(sender, "?min_amount=3000&max_amount=4000")).data.map((t) => t.amount),
    ).toEqual(["4000.00", "3000.00"]);
    expect((await history(sender, "?amount=5000.00")).total).toBe(1);

    const second = await history(sender, "?limit=2&page=2");
    expect(second).toMatchObject({ total: 6, page: 2, limit: 2, total_pages: 3 });
    expect(second.data.map((t) => t.amount)).toEqual(["4000.00", "3000.00"]);
    expect((await history(sender, "?limit=2&page=9")).data).toEqual([]);

    expect((await history(receiver, `?card_id=${to.id}`)).total).toBe(5);
  });

  it("filters by whole Asia/Tashkent days, the end date included", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: 5000,
    });
    const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
    expect((await history(sender, `?start_date=${today}&end_date=${today}`)).total).toBe(2);
    expect((await history(sender, "?end_date=2020-01-01")).total).toBe(0);
    expect((await history(sender, "?start_date=2099-01-01")).total).toBe(0);
  });

  it.each([
    "?limit=0",
    "?limit=101",
    "?limit=-1",
    "?limit=abc",
    "?page=0",
    "?page=-3",
    "?start_date=2026-02-30",
    "?direction=sideways",
    "?min_amount=1.001",
  ])("answers %s with 422", async (params) => {
    const user = await newUser();
    const response = await call(`/api/transactions${params}`, {
      headers: bearer(user.accessToken),
    });
    expect(response.status).toBe(422);
  });

  it("hides other people's transactions and cards (404)", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const receipt = (await (
      await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: 5000,
      })
    ).json()) as Transaction;
    const stranger = await newUser();
    await openCard(stranger);
    const single = await call(`/api/transactions/${receipt.id}`, {
      headers: bearer(stranger.accessToken),
    });
    expect(single.status).toBe(404);
    expect(((await single.json()) as Problem).code).toBe("TRANSACTION_NOT_FOUND");
    expect(
      (
        await call(`/api/transactions?card_id=${from.id}`, {
          headers: bearer(stranger.accessToken),
        })
      ).status,
    ).toBe(404);
    expect((await history(stranger)).total).toBe(0);
    expect(
      (await call("/api/transactions/not-a-uuid", { headers: bearer(stranger.accessToken) }))
        .status,
    ).toBe(422);
  });
});

describe("transfers: dependencies down", () => {
  it("fails closed with a 503 problem and moves nothing when Redis is unreachable", async () => {
    const { sender, from, to } = await pair(100_000_00n);
    const { createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const { createApp } = await import("../../app");
    const ctx = createExecutionContext();
    const response = await createApp().fetch(
      new Request("http://chontak.test/api/transactions", {
        method: "POST",
        headers: {
          ...bearer(sender.accessToken),
          "Content-Type": "application/json",
          "Idempotency-Key": crypto.randomUUID(),
        },
        body: JSON.stringify({
          from_card_id: from.id,
          to_card_number: to.card_number,
          amount: 5000,
        }),
      }),
      { ...env, UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as Problem).code).toBe("SERVICE_UNAVAILABLE");
    expect(await balanceOf(from.card_number)).toBe(100_000_00n);
  });
});
