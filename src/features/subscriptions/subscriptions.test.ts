import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  setCardColumns,
  setRole,
  withDb,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { bearer, me, newUser, type TestUser } from "../../../test/worker/users";
import { loadConfig } from "../../config";
import type { Problem } from "../../lib/problem";
import { runScheduled } from "../../scheduled";
import { RENEWAL_DESCRIPTION, renewDueSubscriptions } from "./renewal.service";

type Subscription = {
  id: string;
  status: string;
  price: string;
  auto_renew: boolean;
  current_period_start: string;
  current_period_end: string;
  cancelled_at: string | null;
  card_id: string;
  transaction: {
    id: string;
    type: string;
    status: string;
    amount: string;
    commission: string;
    description: string | null;
    from_card: { card_number: string } | null;
  };
};

const PLATFORM = "7777000000000000";
const PRICE = 85_000_00n;
const DAY = 24 * 3600 * 1000;

function buy(user: TestUser, cardId: string, key: string | null = crypto.randomUUID()) {
  const headers: Record<string, string> = bearer(user.accessToken);
  if (key !== null) headers["Idempotency-Key"] = key;
  return call(`/api/subscription/${cardId}`, { method: "POST", headers });
}

const current = (user: TestUser) =>
  call("/api/subscription", { headers: bearer(user.accessToken) });
const cancel = (user: TestUser) =>
  call("/api/subscription", { method: "DELETE", headers: bearer(user.accessToken) });

/** A role user with an active card holding `funds` tiyin. */
async function customer(funds = PRICE): Promise<{ user: TestUser; card: TestCard }> {
  const user = await newUser("Alisher Valiyev");
  const card = await openActiveCard(user);
  if (funds > 0n) await fund(card.card_number, funds);
  return { user, card };
}

/** A customer who has bought premium; `funds` is left on the card afterwards. */
async function subscriber(funds = 0n) {
  const { user, card } = await customer(PRICE + funds);
  const response = await buy(user, card.id);
  expect(response.status).toBe(201);
  return { user, card, subscription: (await response.json()) as Subscription };
}

async function roleOf(user: TestUser): Promise<string> {
  return ((await (await me(user.accessToken)).json()) as { role: string }).role;
}

/** Moves the paid period's end into the past, as time passing would. */
async function makeDue(subscriptionId: string) {
  const rows = await query(sql`
    update subscriptions set current_period_end = now() - interval '1 minute'
    where id = ${subscriptionId} returning current_period_end`);
  return new Date(rows[0]?.current_period_end as string);
}

async function subscriptionRow(id: string) {
  const rows = await query(sql`
    select status, auto_renew, current_period_start, current_period_end
    from subscriptions where id = ${id}`);
  return rows[0] as {
    status: string;
    auto_renew: boolean;
    current_period_start: string;
    current_period_end: string;
  };
}

const renew = () =>
  withDb((db) => {
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error("test env misconfigured");
    return renewDueSubscriptions(db);
  });

describe("subscriptions: happy path", () => {
  it("buys premium: card −85 000, platform +85 000, role premium, a second card allowed", async () => {
    const { user, card } = await customer(PRICE + 1_000_00n);
    const platformBefore = await balanceOf(PLATFORM);
    const response = await buy(user, card.id);
    expect(response.status).toBe(201);
    const body = (await response.json()) as Subscription;
    expect(body).toMatchObject({
      status: "active",
      price: "85000.00",
      auto_renew: true,
      cancelled_at: null,
      card_id: card.id,
      transaction: {
        type: "subscription",
        status: "success",
        amount: "85000.00",
        commission: "0.00",
        from_card: { card_number: card.card_number },
      },
    });
    const start = new Date(body.current_period_start).getTime();
    expect(new Date(body.current_period_end).getTime() - start).toBe(31 * DAY);
    expect(Math.abs(start - Date.now())).toBeLessThan(60_000);

    expect(await balanceOf(card.card_number)).toBe(1_000_00n);
    expect((await balanceOf(PLATFORM)) - platformBefore).toBe(PRICE);
    expect(await roleOf(user)).toBe("premium");
    const second = await call("/api/card", { method: "POST", headers: bearer(user.accessToken) });
    expect(second.status).toBe(201);

    const shown = await current(user);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual(body);
  });

  it("replays a retry with the same key: same body, Idempotent-Replayed, charged once", async () => {
    const { user, card } = await customer(PRICE * 3n);
    const key = crypto.randomUUID();
    const first = await buy(user, card.id, key);
    expect(first.status).toBe(201);
    const again = await buy(user, card.id, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await balanceOf(card.card_number)).toBe(PRICE * 2n);
    const count = await query(
      sql`select count(*)::int as n from subscriptions where user_id = ${user.id}`,
    );
    expect(count[0]?.n).toBe(1);
  });

  it("publishes the price and the period", async () => {
    const response = await call("/api/subscription/price");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ price: "85000.00", period_days: 31 });
  });

  it("renews a due subscription: charges once more and extends the period by 31 days", async () => {
    const { user, card, subscription } = await subscriber(PRICE);
    const end = await makeDue(subscription.id);
    const platformBefore = await balanceOf(PLATFORM);
    const report = await renew();
    expect(report.renewedSubscriptions).toBeGreaterThanOrEqual(1);

    expect(await balanceOf(card.card_number)).toBe(0n);
    expect((await balanceOf(PLATFORM)) - platformBefore).toBe(PRICE);
    const row = await subscriptionRow(subscription.id);
    expect(row.status).toBe("active");
    expect(new Date(row.current_period_start).getTime()).toBe(end.getTime());
    expect(new Date(row.current_period_end).getTime()).toBe(end.getTime() + 31 * DAY);
    expect(await roleOf(user)).toBe("premium");

    const shown = (await (await current(user)).json()) as Subscription;
    expect(shown.transaction).toMatchObject({
      type: "subscription",
      status: "success",
      description: RENEWAL_DESCRIPTION,
    });
  });

  it("cancels renewal: premium lasts the paid period, then expires and downgrades without a charge", async () => {
    const { user, card, subscription } = await subscriber(PRICE);
    const cancelled = await cancel(user);
    expect(cancelled.status).toBe(200);
    const body = (await cancelled.json()) as Subscription;
    expect(body).toMatchObject({ id: subscription.id, status: "active", auto_renew: false });
    expect(body.cancelled_at).not.toBeNull();
    expect((await cancel(user)).status).toBe(200);
    expect(await roleOf(user)).toBe("premium");
    expect(((await (await current(user)).json()) as Subscription).auto_renew).toBe(false);

    await makeDue(subscription.id);
    await runScheduled(env);
    expect((await subscriptionRow(subscription.id)).status).toBe("expired");
    expect(await roleOf(user)).toBe("user");
    expect(await balanceOf(card.card_number)).toBe(PRICE);
    expect(await (await current(user)).json()).toEqual({ status: "none" });
    expect((await cancel(user)).status).toBe(404);
  });
});

describe("subscriptions: errors", () => {
  it("requires an Idempotency-Key", async () => {
    const { user, card } = await customer();
    const response = await buy(user, card.id, null);
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).code).toBe("IDEMPOTENCY_KEY_MISSING");
    expect(await balanceOf(card.card_number)).toBe(PRICE);
  });

  it("refuses a second subscription with ALREADY_SUBSCRIBED and charges nothing", async () => {
    const { user, card } = await subscriber(PRICE);
    const second = await buy(user, card.id);
    expect(second.status).toBe(409);
    const problem = (await second.json()) as Problem;
    expect(problem.code).toBe("ALREADY_SUBSCRIBED");
    expect(problem.detail).toBe("Siz allaqachon Premium tarifidasiz");
    expect(await balanceOf(card.card_number)).toBe(PRICE);
  });

  it("records insufficient funds as a failed payment and replays it on retry", async () => {
    const { user, card } = await customer(PRICE - 1n);
    const key = crypto.randomUUID();
    const response = await buy(user, card.id, key);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe("INSUFFICIENT_FUNDS");
    const retry = await buy(user, card.id, key);
    expect(retry.status).toBe(400);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect({ ...((await retry.json()) as Problem), request_id: null }).toEqual({
      ...problem,
      request_id: null,
    });

    const failed = await query(sql`
      select count(*)::int as n from transactions
      where from_card_id = ${card.id} and type = 'subscription' and failure_reason = 'INSUFFICIENT_FUNDS'`);
    expect(failed[0]?.n).toBe(1);
    expect(await balanceOf(card.card_number)).toBe(PRICE - 1n);
    expect(await roleOf(user)).toBe("user");
    expect(await (await current(user)).json()).toEqual({ status: "none" });
  });

  it("refuses a frozen card with CARD_NOT_ACTIVE", async () => {
    const { user, card } = await customer();
    await setCardColumns(card.id, { status: "frozen" });
    const response = await buy(user, card.id);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe("CARD_NOT_ACTIVE");
    expect(problem.detail).toBe("Kartangiz faol emas");
    expect(await balanceOf(card.card_number)).toBe(PRICE);
    expect(await roleOf(user)).toBe("user");
  });

  it("answers status none without a subscription, 404 to cancel none, 422 for a card id that is not a UUID", async () => {
    const { user } = await customer(0n);
    const none = await current(user);
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ status: "none" });
    const cancelled = await cancel(user);
    expect(cancelled.status).toBe(404);
    expect(((await cancelled.json()) as Problem).code).toBe("SUBSCRIPTION_NOT_FOUND");
    expect((await buy(user, "not-a-uuid")).status).toBe(422);
  });

  it("ends premium when the renewal payment is refused: frozen card or short funds, never charged", async () => {
    const frozen = await subscriber(PRICE);
    await setCardColumns(frozen.card.id, { status: "frozen" });
    const poor = await subscriber(PRICE - 1n);
    await makeDue(frozen.subscription.id);
    await makeDue(poor.subscription.id);
    const report = await renew();
    expect(report.failedRenewalPayments).toBeGreaterThanOrEqual(2);

    for (const { user, card, subscription } of [frozen, poor]) {
      expect((await subscriptionRow(subscription.id)).status).toBe("expired");
      expect(await roleOf(user)).toBe("user");
      expect(await (await current(user)).json()).toEqual({ status: "none" });
      const entries = await query(sql`
        select count(*)::int as n from ledger_entries e join transactions t on t.id = e.transaction_id
        where e.card_id = ${card.id} and t.description = ${RENEWAL_DESCRIPTION}`);
      expect(entries[0]?.n).toBe(0);
    }
    expect(await balanceOf(frozen.card.card_number)).toBe(PRICE);
    expect(await balanceOf(poor.card.card_number)).toBe(PRICE - 1n);
  });
});

describe("subscriptions: security", () => {
  it("answers another user's card with 404 CARD_NOT_FOUND and charges nobody", async () => {
    const victim = await customer();
    const { user } = await customer(0n);
    const response = await buy(user, victim.card.id);
    expect(response.status).toBe(404);
    expect(((await response.json()) as Problem).code).toBe("CARD_NOT_FOUND");
    expect(await balanceOf(victim.card.card_number)).toBe(PRICE);
    expect(await roleOf(user)).toBe("user");
  });

  it("charges once when two purchases with different keys race", async () => {
    const { user, card } = await customer(PRICE * 2n);
    const responses = await Promise.all([buy(user, card.id), buy(user, card.id)]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await balanceOf(card.card_number)).toBe(PRICE);
    const rows = await query(
      sql`select count(*)::int as n from subscriptions where user_id = ${user.id}`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("does not let an admin subscribe, nor a premium granted without a subscription", async () => {
    const admin = await customer();
    await setRole(admin.user.id, "admin");
    const refused = await buy(admin.user, admin.card.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Problem).code).toBe("ADMIN_CANNOT_SUBSCRIBE");

    const granted = await customer();
    await setRole(granted.user.id, "premium");
    const again = await buy(granted.user, granted.card.id);
    expect(((await again.json()) as Problem).code).toBe("ALREADY_SUBSCRIBED");
    expect(await balanceOf(admin.card.card_number)).toBe(PRICE);
    expect(await balanceOf(granted.card.card_number)).toBe(PRICE);
  });

  it("charges a period once when the renewal job runs twice, and twice at once", async () => {
    const { card, subscription } = await subscriber(PRICE * 3n);
    const end = await makeDue(subscription.id);
    await Promise.all([runScheduled(env), runScheduled(env), renew()]);
    await runScheduled(env);
    expect(await balanceOf(card.card_number)).toBe(PRICE * 2n);
    const row = await subscriptionRow(subscription.id);
    expect(new Date(row.current_period_end).getTime()).toBe(end.getTime() + 31 * DAY);
    const payments = await query(sql`
      select count(*)::int as n from subscription_payments where subscription_id = ${subscription.id}`);
    expect(payments[0]?.n).toBe(2);
  });

  it("never demotes an admin when the subscription ends or its payment fails", async () => {
    const cancelled = await subscriber(PRICE);
    await cancel(cancelled.user);
    const failing = await subscriber(0n);
    for (const { user, subscription } of [cancelled, failing]) {
      await setRole(user.id, "admin");
      await makeDue(subscription.id);
    }
    await renew();
    for (const { user, subscription } of [cancelled, failing]) {
      expect((await subscriptionRow(subscription.id)).status).toBe("expired");
      expect(await roleOf(user)).toBe("admin");
    }
  });

  it("requires a bearer token", async () => {
    expect((await call("/api/subscription")).status).toBe(401);
    const anonymous = await call(`/api/subscription/${crypto.randomUUID()}`, {
      method: "POST",
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(anonymous.status).toBe(401);
  });

  it("leaves the ledger healthy", async () => {
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});
