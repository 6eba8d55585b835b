// Paying a person by phone number: the money goes to their receiving card
// (the card they chose if it can receive, else their oldest active card),
// resolved inside the one ledger statement.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, openCard, type TestCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  setRole,
} from "../../../test/worker/db";
import { call, callJson } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser, uniquePhone } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

type Transaction = {
  id: string;
  status: string;
  amount: string;
  from_card: { card_number: string; owner_name: string } | null;
  to_card: { card_number: string; owner_name: string };
  to_phone: string | null;
  failure_reason: string | null;
};

const mask = (number: string) => `${number.slice(0, 4)} **** **** ${number.slice(-4)}`;
const maskedPhone = (phone: string) => `+998 ${phone.slice(4, 6)} *** ** ${phone.slice(-2)}`;
/** "+998901234567" → "+998 90 123-45-67", as people type it. */
const spaced = (phone: string) =>
  `${phone.slice(0, 4)} ${phone.slice(4, 6)} ${phone.slice(6, 9)}-${phone.slice(9, 11)}-${phone.slice(11)}`;
const withoutRequestId = (problem: Problem) => ({ ...problem, request_id: undefined });

async function sender(funds = 1_000_000_00n) {
  const user = await newUser("Alisher Valiyev");
  const card = await openActiveCard(user);
  if (funds > 0n) await fund(card.card_number, funds);
  return { user, card };
}

/** A receiver with two active cards (premium), the older one opened first. */
async function receiverWithTwoCards() {
  const user = await newUser("Bobur Karimov");
  await setRole(user.id, "premium");
  const older = await openActiveCard(user);
  const newer = await openActiveCard(user);
  return { user, older, newer };
}

const chooseReceiving = (user: TestUser, card: TestCard) =>
  call(`/api/card/${card.id}/receiving`, { method: "PATCH", headers: bearer(user.accessToken) });

const setDiscoverable = (user: TestUser, discoverable: boolean) =>
  callJson(
    "/api/auth/me",
    "PATCH",
    { discoverable_by_phone: discoverable },
    bearer(user.accessToken),
  );

const lookupPhone = (user: TestUser, phone: string) =>
  call(`/api/card/lookup?phone=${encodeURIComponent(phone)}`, {
    headers: bearer(user.accessToken),
  });

async function transactionCount() {
  const [row] = await query(sql`select count(*)::int as n from transactions`);
  return row?.n as number;
}

describe("payments by phone number: happy path", () => {
  it("pays the receiver's oldest active card, shows the phone masked to both sides", async () => {
    const { user: payer, card: from } = await sender();
    const receiver = await receiverWithTwoCards();

    const response = await sendMoney(payer, {
      from_card_id: from.id,
      to_phone_number: spaced(receiver.user.phone),
      amount: "25000",
    });
    expect(response.status).toBe(201);
    const paid = (await response.json()) as Transaction;
    expect(paid.status).toBe("success");
    expect(paid.to_phone).toBe(maskedPhone(receiver.user.phone));
    expect(paid.to_card).toEqual({
      card_number: mask(receiver.older.card_number),
      owner_name: "Bobur K.",
    });
    expect(await balanceOf(receiver.older.card_number)).toBe(25_000_00n);
    expect(await balanceOf(receiver.newer.card_number)).toBe(0n);
    const [stored] = await query(
      sql`select to_phone_number from transactions where id = ${paid.id}::uuid`,
    );
    expect(stored?.to_phone_number).toBe(receiver.user.phone);

    // The receiver's view and history show the masked phone as well.
    const seen = await call(`/api/transactions/${paid.id}`, {
      headers: bearer(receiver.user.accessToken),
    });
    const receipt = (await seen.json()) as Transaction;
    expect(receipt.to_phone).toBe(maskedPhone(receiver.user.phone));
    expect(receipt.to_card.card_number).toBe(receiver.older.card_number);
    const history = (await (
      await call("/api/transactions", { headers: bearer(payer.accessToken) })
    ).json()) as { data: Transaction[] };
    expect(history.data[0]?.to_phone).toBe(maskedPhone(receiver.user.phone));
    expect(JSON.stringify(history)).not.toContain(receiver.user.phone);
    // Admins see counterparties in full, the phone too.
    const admin = await newAdmin();
    const asAdmin = (await (
      await call(`/api/admin/one-transaction/${paid.id}`, { headers: bearer(admin.accessToken) })
    ).json()) as Transaction;
    expect(asAdmin.to_phone).toBe(receiver.user.phone);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("pays the card the receiver chose, and falls back to the oldest active one while it cannot receive", async () => {
    const { user: payer, card: from } = await sender();
    const receiver = await receiverWithTwoCards();
    const chosen = await chooseReceiving(receiver.user, receiver.newer);
    expect(chosen.status).toBe(200);
    expect(((await chosen.json()) as { receiving: boolean }).receiving).toBe(true);
    const cards = (await (
      await call("/api/card", { headers: bearer(receiver.user.accessToken) })
    ).json()) as { id: string; receiving: boolean }[];
    expect(cards.map((card) => [card.id, card.receiving])).toEqual([
      [receiver.older.id, false],
      [receiver.newer.id, true],
    ]);

    const pay = (amount: string) =>
      sendMoney(payer, {
        from_card_id: from.id,
        to_phone_number: receiver.user.phone,
        amount,
      });
    expect((await pay("3000")).status).toBe(201);
    expect(await balanceOf(receiver.newer.card_number)).toBe(3_000_00n);

    // Frozen by its owner: payments go to the oldest active card, nothing rewritten.
    const frozen = await call(`/api/card/${receiver.newer.id}/freeze`, {
      method: "PATCH",
      headers: bearer(receiver.user.accessToken),
    });
    expect(frozen.status).toBe(200);
    expect(((await frozen.json()) as { receiving: boolean }).receiving).toBe(false);
    expect((await pay("4000")).status).toBe(201);
    expect(await balanceOf(receiver.older.card_number)).toBe(4_000_00n);

    // Active again: it is the receiving card again.
    const unfrozen = await call(`/api/card/${receiver.newer.id}/unfreeze`, {
      method: "PATCH",
      headers: bearer(receiver.user.accessToken),
    });
    expect(((await unfrozen.json()) as { receiving: boolean }).receiving).toBe(true);
    expect((await pay("5000")).status).toBe(201);
    expect(await balanceOf(receiver.newer.card_number)).toBe(8_000_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("repeats a payment by phone to the phone, never revealing the receiving card's number", async () => {
    const { user: payer, card: from } = await sender();
    const receiver = await receiverWithTwoCards();
    const paid = (await (
      await sendMoney(payer, {
        from_card_id: from.id,
        to_phone_number: receiver.user.phone,
        amount: "2500",
      })
    ).json()) as Transaction;
    const repeat = await call(`/api/transactions/${paid.id}/repeat`, {
      headers: bearer(payer.accessToken),
    });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({
      from_card_id: from.id,
      to_card_number: null,
      to_phone_number: receiver.user.phone,
      amount: "2500.00",
      description: null,
    });
  });

  it("looks a phone up: the masked name and masked receiving card", async () => {
    const { user: prober } = await sender(0n);
    const receiver = await receiverWithTwoCards();
    await chooseReceiving(receiver.user, receiver.newer);
    const found = await lookupPhone(prober, spaced(receiver.user.phone));
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({
      card_number: mask(receiver.newer.card_number),
      owner_name: "Bobur K.",
    });
  });

  it("own phone: pays one's own receiving card from another card, refuses the same card", async () => {
    const { user: owner } = await sender(0n);
    await setRole(owner.id, "premium");
    const [first] = (await (
      await call("/api/card", { headers: bearer(owner.accessToken) })
    ).json()) as TestCard[];
    const second = await openActiveCard(owner);
    await fund(second.card_number, 100_000_00n);
    const toSelf = await sendMoney(owner, {
      from_card_id: second.id,
      to_phone_number: owner.phone,
      amount: "10000",
    });
    expect(toSelf.status).toBe(201);
    expect(await balanceOf((first as TestCard).card_number)).toBe(10_000_00n);

    await chooseReceiving(owner, second);
    const same = await sendMoney(owner, {
      from_card_id: second.id,
      to_phone_number: owner.phone,
      amount: "10000",
    });
    expect(same.status).toBe(400);
    expect(((await same.json()) as Problem).code).toBe("SAME_CARD");
  });
});

describe("payments by phone number: errors", () => {
  it("wants exactly one of to_card_number and to_phone_number, and a valid phone (422, nothing recorded)", async () => {
    const { user: payer, card: from } = await sender();
    const receiver = await newUser();
    const to = await openActiveCard(receiver);
    const before = await transactionCount();
    for (const body of [
      { from_card_id: from.id, amount: "2000" },
      {
        from_card_id: from.id,
        to_card_number: to.card_number,
        to_phone_number: receiver.phone,
        amount: "2000",
      },
      { from_card_id: from.id, to_phone_number: "+99890123456", amount: "2000" },
      { from_card_id: from.id, to_phone_number: "+79001234567", amount: "2000" },
      { from_card_id: from.id, to_phone_number: 998901234567, amount: "2000" },
      { from_card_id: from.id, to_card_number: null, to_phone_number: null, amount: "2000" },
    ]) {
      const response = await sendMoney(payer, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(((await response.json()) as Problem).code).toBe("VALIDATION_ERROR");
    }
    expect(await transactionCount()).toBe(before);
    expect(await balanceOf(to.card_number)).toBe(0n);

    // The lookup too: a card number or a phone, exactly one.
    for (const query of [
      "",
      `number=${to.card_number}&phone=${encodeURIComponent(receiver.phone)}`,
      "phone=%2B99890",
    ]) {
      const response = await call(`/api/card/lookup?${query}`, {
        headers: bearer(payer.accessToken),
      });
      expect(response.status, query).toBe(422);
    }
  });

  it("answers an unknown phone, a person not discoverable by phone and one without an active card byte-identically", async () => {
    const { user: payer, card: from } = await sender();
    const hidden = await newUser("Sevara Hidden");
    const hiddenCard = await openActiveCard(hidden);
    const turnedOff = await setDiscoverable(hidden, false);
    expect(turnedOff.status).toBe(200);
    expect(
      ((await turnedOff.json()) as { discoverable_by_phone: boolean }).discoverable_by_phone,
    ).toBe(false);
    const profile = (await (
      await call("/api/auth/me", { headers: bearer(hidden.accessToken) })
    ).json()) as { discoverable_by_phone: boolean };
    expect(profile.discoverable_by_phone).toBe(false);
    const cardless = await newUser("Dilnoza Cardless");
    await openCard(cardless); // frozen: cannot receive
    const unknown = uniquePhone();
    const before = await transactionCount();

    const transfers: Problem[] = [];
    const lookups: Problem[] = [];
    for (const phone of [unknown, hidden.phone, cardless.phone]) {
      const paid = await sendMoney(payer, {
        from_card_id: from.id,
        to_phone_number: phone,
        amount: "2000",
      });
      expect(paid.status).toBe(404);
      transfers.push(withoutRequestId((await paid.json()) as Problem));
      const looked = await lookupPhone(payer, phone);
      expect(looked.status).toBe(404);
      const text = await looked.text();
      expect(text).not.toContain("Sevara");
      lookups.push(withoutRequestId(JSON.parse(text) as Problem));
    }
    expect(transfers[0]?.code).toBe("RECEIVER_PHONE_NOT_FOUND");
    expect(transfers[1]).toEqual(transfers[0]);
    expect(transfers[2]).toEqual(transfers[0]);
    expect(lookups[0]?.code).toBe("RECEIVER_PHONE_NOT_FOUND");
    expect(lookups[1]).toEqual(lookups[0]);
    expect(lookups[2]).toEqual(lookups[0]);
    expect(await transactionCount()).toBe(before);
    expect(await balanceOf(hiddenCard.card_number)).toBe(0n);

    // Discoverable again: found and paid.
    await setDiscoverable(hidden, true);
    expect((await lookupPhone(payer, hidden.phone)).status).toBe(200);
    const paid = await sendMoney(payer, {
      from_card_id: from.id,
      to_phone_number: hidden.phone,
      amount: "2000",
    });
    expect(paid.status).toBe(201);
  });

  it("refuses a frozen card as the receiving card, and answers another user's card like a missing one", async () => {
    const receiver = await receiverWithTwoCards();
    const frozen = await openCard(receiver.user);
    const refused = await chooseReceiving(receiver.user, frozen);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Problem).code).toBe("CARD_NOT_ACTIVE");
    const stranger = await newUser();
    const theirs = await chooseReceiving(stranger, receiver.newer);
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as Problem).code).toBe("CARD_NOT_FOUND");
    const [row] = await query(
      sql`select receiving_card_id from users where id in (${receiver.user.id}::uuid, ${stranger.id}::uuid) and receiving_card_id is not null`,
    );
    expect(row).toBeUndefined();
  });

  it("the platform's own phone is no receiver", async () => {
    const { user: payer, card: from } = await sender();
    const paid = await sendMoney(payer, {
      from_card_id: from.id,
      to_phone_number: "+998000000000",
      amount: "2000",
    });
    expect(paid.status).toBe(404);
    expect(((await paid.json()) as Problem).code).toBe("RECEIVER_PHONE_NOT_FOUND");
  });
});

describe("payments by phone number: idempotency and concurrency", () => {
  it("replays the first answer; the same key with another phone or a card number is 422", async () => {
    const { user: payer, card: from } = await sender();
    const receiver = await newUser("Bobur Karimov");
    const to = await openActiveCard(receiver);
    const other = await newUser();
    await openActiveCard(other);
    const key = crypto.randomUUID();
    const body = { from_card_id: from.id, to_phone_number: receiver.phone, amount: "3000" };
    const first = await sendMoney(payer, body, key);
    expect(first.status).toBe(201);
    const firstText = await first.text();
    // Spelled differently, the same phone is the same payload.
    const retry = await sendMoney(payer, { ...body, to_phone_number: spaced(receiver.phone) }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstText);
    expect(await balanceOf(to.card_number)).toBe(3_000_00n);

    for (const changed of [
      { ...body, to_phone_number: other.phone },
      { from_card_id: from.id, to_card_number: to.card_number, amount: "3000" },
    ]) {
      const reused = await sendMoney(payer, changed, key);
      expect(reused.status).toBe(422);
      expect(((await reused.json()) as Problem).code).toBe("IDEMPOTENCY_KEY_REUSED");
    }
    expect(await balanceOf(to.card_number)).toBe(3_000_00n);

    // A replay after the receiver hid their phone is still the first answer.
    await setDiscoverable(receiver, false);
    const later = await sendMoney(payer, body, key);
    expect(later.status).toBe(201);
    expect(await later.text()).toBe(firstText);
  });

  it("payments racing the receiver's change of receiving card each land once on one of the cards", async () => {
    const { user: payer, card: from } = await sender();
    const receiver = await receiverWithTwoCards();
    const payments = Array.from({ length: 6 }, () =>
      sendMoney(payer, {
        from_card_id: from.id,
        to_phone_number: receiver.user.phone,
        amount: "2000",
      }),
    );
    const switches = [receiver.newer, receiver.older, receiver.newer].map((card) =>
      chooseReceiving(receiver.user, card),
    );
    const [paid, switched] = await Promise.all([Promise.all(payments), Promise.all(switches)]);
    expect(paid.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect(switched.map((response) => response.status)).toEqual([200, 200, 200]);
    const landed =
      (await balanceOf(receiver.older.card_number)) + (await balanceOf(receiver.newer.card_number));
    expect(landed).toBe(6n * 2_000_00n);
    const [counted] = await query(
      sql`select count(*)::int as n from transactions
          where from_card_id = ${from.id}::uuid and to_phone_number = ${receiver.user.phone}`,
    );
    expect(counted?.n).toBe(6);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});
