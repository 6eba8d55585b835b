// A history's total is read from per-card counters that ledger_post keeps. These
// tests move money every way the ledger can (successes, refusals before and after
// the card locks, moves between one owner's cards, cash-in, payments to the
// platform card, premium purchase and renewals) and prove the counters equal a
// count of the rows, and every total equals a count of the rows it stands for.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import {
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  setCardColumns,
  setRole,
  withDb,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { ApiError } from "../../lib/problem";
import { renewDueSubscriptions } from "../subscriptions/renewal.service";
import { type HistoryFilters, listHistory } from "./transactions.service";

const PLATFORM = "7777000000000000";
const PRICE = 85_000_00n;

/** A small seeded generator, so a failing mix can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}

/** Cards whose counters differ from a count of their rows (over the whole database). */
async function counterMismatches() {
  const rows = await query(sql`
    select k.card_id from card_totals() k
    where (k.sent_count, k.sent_success_count, k.received_success_count,
           k.received_from_own_success_count) is distinct from (
      (select count(*) from transactions t where t.from_card_id = k.card_id),
      (select count(*) from transactions t where t.from_card_id = k.card_id and t.status = 'success'),
      (select count(*) from transactions t where t.to_card_id = k.card_id and t.status = 'success'),
      (select count(*) from transactions t join cards f on f.id = t.from_card_id
        where t.to_card_id = k.card_id and t.status = 'success' and f.user_id = k.user_id))`);
  return rows.map((row) => row.card_id as string);
}

/**
 * What a history lists, counted straight from the rows: sent from the cards (any
 * status) or received by them successfully, each transaction once.
 */
async function countedHistory(userId: string, filters: Partial<HistoryFilters>) {
  const cards = filters.card_id
    ? sql`array[${filters.card_id}::uuid]`
    : sql`array(select id from cards where user_id = ${userId}::uuid)`;
  const rows = await query(sql`
    select count(*)::int as n from transactions t
    where ((${filters.direction ?? null}::text is distinct from 'in' and t.from_card_id = any(${cards}))
        or (${filters.direction ?? null}::text is distinct from 'out' and t.status = 'success'
            and t.to_card_id = any(${cards})))
      and (${filters.status ?? null}::text is null or t.status::text = ${filters.status ?? null})
      and (${filters.type ?? null}::text is null or t.type::text = ${filters.type ?? null})`);
  return rows[0]?.n as number;
}

async function totalOf(userId: string, filters: Partial<HistoryFilters>) {
  return withDb(
    async (db) => (await listHistory(db, userId, { page: 1, limit: 1, ...filters })).total,
  );
}

async function buyPremium(user: TestUser, card: TestCard) {
  const response = await call(`/api/subscription/${card.id}`, {
    method: "POST",
    headers: { ...bearer(user.accessToken), "Idempotency-Key": crypto.randomUUID() },
  });
  expect(response.status).toBe(201);
  const rows = await query(
    sql`select id from subscriptions where user_id = ${user.id} and status = 'active'`,
  );
  return rows[0]?.id as string;
}

const makeDue = (subscriptionId: string) =>
  query(sql`update subscriptions set current_period_end = now() - interval '1 minute'
            where id = ${subscriptionId}`);

describe("history counters", () => {
  it("equal a count of the rows, and every history total equals its rows, after a mix of postings", async () => {
    const next = random(20_261_202);
    // A payer, a premium user with two cards (moves between them), a nearly empty
    // card (refusals after the lock) and a subscriber.
    const payer = await newUser();
    const owner = await newUser();
    const poor = await newUser();
    const subscriber = await newUser();
    await setRole(owner.id, "premium");
    const payerCard = await openActiveCard(payer);
    const ownerCards = [await openActiveCard(owner), await openActiveCard(owner)];
    const poorCard = await openActiveCard(poor);
    const subscriberCard = await openActiveCard(subscriber);
    await fund(payerCard.card_number, 1_000_000_00n);
    await fund(ownerCards[0]?.card_number as string, 500_000_00n);
    await fund(poorCard.card_number, 3_000_00n);
    await fund(subscriberCard.card_number, PRICE);

    const senders: [TestUser, TestCard][] = [
      [payer, payerCard],
      [owner, ownerCards[0] as TestCard],
      [owner, ownerCards[1] as TestCard],
      [poor, poorCard],
    ];
    const targets = [payerCard, ...ownerCards, poorCard, subscriberCard].map((c) => c.card_number);
    targets.push(PLATFORM);
    // Too small, ordinary, more than a role user may send at once, more than a card holds.
    const amounts = ["1000", "2500", "10000", "2500000", "40000"];
    const statuses: number[] = [];
    for (let i = 0; i < 36; i++) {
      const [user, card] = senders[next(senders.length)] as [TestUser, TestCard];
      const response = await sendMoney(user, {
        from_card_id: card.id,
        to_card_number: targets[next(targets.length)],
        amount: amounts[next(amounts.length)],
      });
      statuses.push(response.status);
    }
    // Payments to the platform card, with and without a commission, and cash-in to it.
    for (const [user, card] of [senders[0], senders[1]] as [TestUser, TestCard][]) {
      const paid = await sendMoney(user, {
        from_card_id: card.id,
        to_card_number: PLATFORM,
        amount: "2500",
      });
      statuses.push(paid.status);
      expect(paid.status).toBe(201);
    }
    await fund(PLATFORM, 1_00n);
    // Refused before the card locks: a frozen sender card.
    await setCardColumns(poorCard.id, { status: "frozen" });
    const frozen = await sendMoney(poor, {
      from_card_id: poorCard.id,
      to_card_number: payerCard.card_number,
      amount: "2500",
    });
    statuses.push(frozen.status);
    await setCardColumns(poorCard.id, { status: "active" });
    // Refused between one owner's cards, and a card paying itself.
    const same = await sendMoney(owner, {
      from_card_id: ownerCards[1]?.id,
      to_card_number: ownerCards[1]?.card_number,
      amount: "2500",
    });
    statuses.push(same.status);
    expect(statuses).toContain(201);
    expect(statuses).toContain(400);

    // Premium: bought, renewed once, then refused for want of funds (the subscriber's record).
    const subscription = await buyPremium(subscriber, subscriberCard);
    await fund(subscriberCard.card_number, PRICE);
    await makeDue(subscription);
    await withDb((db) => renewDueSubscriptions(db));
    await makeDue(subscription);
    await withDb((db) => renewDueSubscriptions(db));
    const payments = await query(sql`
      select status::text from transactions where from_card_id = ${subscriberCard.id}
      and type = 'subscription' order by created_at`);
    expect(payments.map((row) => row.status)).toEqual(["success", "success", "failed"]);

    expect(await counterMismatches()).toEqual([]);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);

    const people: [TestUser, TestCard[]][] = [
      [payer, [payerCard]],
      [owner, ownerCards],
      [poor, [poorCard]],
      [subscriber, [subscriberCard]],
    ];
    for (const [user, cards] of people) {
      for (const card_id of [undefined, ...cards.map((card) => card.id)]) {
        for (const direction of [undefined, "in", "out"] as const) {
          for (const status of [undefined, "success", "failed"] as const) {
            // Type is not counted ahead: the counting path must agree too.
            for (const type of [undefined, "transfer"] as const) {
              const filters = { card_id, direction, status, type };
              expect(await totalOf(user.id, filters), JSON.stringify(filters)).toBe(
                await countedHistory(user.id, filters),
              );
            }
          }
        }
      }
    }
    // Someone else's card is no card of the caller's, on either path.
    for (const filters of [
      { card_id: payerCard.id },
      { card_id: payerCard.id, type: "deposit" as const },
    ]) {
      await expect(totalOf(owner.id, filters)).rejects.toThrow(ApiError);
    }
  }, 120_000);

  it("are recomputed from the rows by ledger_rebuild_card_counters()", async () => {
    const user = await newUser();
    const card = await openActiveCard(user);
    const other = await openActiveCard(await newUser());
    // Rows written outside the ledger (as a bulk load does), then counters wrong on purpose.
    await query(sql`
      insert into transactions (type, status, from_card_id, to_card_id, amount, commission, failure_reason)
      select 'transfer', case when i % 3 = 0 then 'success' else 'failed' end::transaction_status,
             ${card.id}::uuid, ${other.id}::uuid, 200000, 0,
             case when i % 3 <> 0 then 'INSUFFICIENT_FUNDS' end
      from generate_series(1, 30) as i`);
    await query(sql`update cards set received_success_count = 7 where id = ${card.id}`);
    expect(await counterMismatches()).toEqual(expect.arrayContaining([card.id, other.id]));

    await query(sql`select ledger_rebuild_card_counters()`);
    expect(await counterMismatches()).toEqual([]);
    expect(await totalOf(user.id, {})).toBe(30);
    expect(await totalOf(user.id, { status: "success" })).toBe(10);
    // The platform card's counts stay whole when they move from its shards to its row.
    const [platform] = await query(sql`
      select k.received_success_count::int as n from card_totals() k
      join cards c on c.id = k.card_id where c.card_number = ${PLATFORM}`);
    const [counted] = await query(sql`
      select count(*)::int as n from transactions t join cards c on c.id = t.to_card_id
      where c.card_number = ${PLATFORM} and t.status = 'success'`);
    expect(platform?.n).toBe(counted?.n);
  });
});
