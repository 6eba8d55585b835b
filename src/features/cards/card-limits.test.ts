import { env } from "cloudflare:test";
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
  withDb,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { loadConfig } from "../../config";
import type { Problem } from "../../lib/problem";
import { renewDueSubscriptions } from "../subscriptions/renewal.service";

type Card = TestCard & { frozen_by: string | null; freeze_reason: string | null };

const PRICE = 85_000_00n;

const patch = (user: TestUser, path: string, language = "uz") =>
  call(path, {
    method: "PATCH",
    headers: { ...bearer(user.accessToken), "Accept-Language": language },
  });
const unfreeze = (user: TestUser, card: { id: string }) =>
  patch(user, `/api/card/${card.id}/unfreeze`);
const freeze = (user: TestUser, card: { id: string }) => patch(user, `/api/card/${card.id}/freeze`);

async function cardsOf(user: TestUser): Promise<Card[]> {
  const response = await call("/api/card", { headers: bearer(user.accessToken) });
  return (await response.json()) as Card[];
}

const renew = () =>
  withDb((db) => {
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error("test env misconfigured");
    return renewDueSubscriptions(db);
  });

/**
 * A premium subscriber with three active cards holding 100, 200 and 300 so'm
 * over the price (the first card pays the subscription).
 */
async function subscriberWithThreeCards() {
  const user = await newUser("Malika Karimova");
  const first = await openActiveCard(user);
  await fund(first.card_number, PRICE + 100_00n);
  const bought = await call(`/api/subscription/${first.id}`, {
    method: "POST",
    headers: { ...bearer(user.accessToken), "Idempotency-Key": crypto.randomUUID() },
  });
  expect(bought.status).toBe(201);
  const subscription = (await bought.json()) as { id: string };
  const second = await openActiveCard(user);
  const third = await openActiveCard(user);
  await fund(second.card_number, 200_00n);
  await fund(third.card_number, 300_00n);
  return { user, first, second, third, subscriptionId: subscription.id };
}

/** After a downgrade to the user role: one active card, holding all the money; nothing lost. */
async function expectLimitApplied(user: TestUser, first: TestCard, others: TestCard[]) {
  const cards = await cardsOf(user);
  const active = cards.filter((card) => card.status === "active");
  expect(active.map((card) => card.id)).toEqual([first.id]);
  for (const other of others) {
    const card = cards.find((c) => c.id === other.id);
    expect(card).toMatchObject({ status: "frozen", frozen_by: "limit", balance: "0.00" });
  }
  expect(await balanceOf(first.card_number)).toBe(600_00n);
  expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  // The moved balances are fee-free transfers between the owner's own cards.
  const rows = await query(sql`
    select amount::text, commission::text from transactions
    where to_card_id = ${first.id} and from_card_id is not null and status = 'success'
    order by amount`);
  expect(rows).toEqual([
    { amount: "20000", commission: "0" },
    { amount: "30000", commission: "0" },
  ]);
}

describe("cards: the bank's block and the owner's freeze", () => {
  it("keeps a card the bank blocked blocked for the owner, with the reason shown, until an admin reopens it", async () => {
    const admin = await newAdmin();
    const user = await newUser();
    const card = await openActiveCard(user);

    const blocked = await patch(
      admin,
      `/api/admin/status-card/${card.id}?status=frozen&reason=suspicious_activity`,
    );
    expect(blocked.status).toBe(200);
    const [seen] = await cardsOf(user);
    expect(seen).toMatchObject({
      status: "frozen",
      frozen_by: "bank",
      freeze_reason: "suspicious_activity",
    });

    const attempt = await patch(user, `/api/card/${card.id}/unfreeze`, "en");
    expect(attempt.status).toBe(409);
    const problem = (await attempt.json()) as Problem;
    expect(problem.code).toBe("CARD_BLOCKED_BY_BANK");
    expect(problem.detail).toContain("bank");
    expect((await cardsOf(user))[0]?.status).toBe("frozen");

    const reopened = await patch(admin, `/api/admin/status-card/${card.id}?status=active`);
    expect(reopened.status).toBe(200);
    expect((await cardsOf(user))[0]).toMatchObject({
      status: "active",
      frozen_by: null,
      freeze_reason: null,
    });
    // The owner's own freeze stays theirs to undo.
    expect(((await (await freeze(user, card)).json()) as Card).frozen_by).toBe("owner");
    expect((await unfreeze(user, card)).status).toBe(200);
  });

  it("refuses an unknown block reason with 422", async () => {
    const admin = await newAdmin();
    const card = await openActiveCard(await newUser());
    const response = await patch(admin, `/api/admin/status-card/${card.id}?status=frozen&reason=x`);
    expect(response.status).toBe(422);
  });
});

describe("cards: the card limit after a downgrade", () => {
  it("an admin's demotion leaves the first card active with every other card's balance", async () => {
    const admin = await newAdmin();
    const { user, first, second, third } = await subscriberWithThreeCards();
    const demoted = await patch(admin, `/api/admin/user-role/${user.id}?action=user`);
    expect(demoted.status).toBe(200);
    await expectLimitApplied(user, first, [second, third]);
  });

  it("a lapsed premium (renewal refused for lack of funds) applies the limit", async () => {
    const { user, first, second, third, subscriptionId } = await subscriberWithThreeCards();
    await query(sql`update subscriptions set current_period_end = now() - interval '1 minute'
                    where id = ${subscriptionId}`);
    const result = await renew();
    expect(result.failedRenewalPayments).toBeGreaterThanOrEqual(1);
    await expectLimitApplied(user, first, [second, third]);
  });

  it("a cancelled premium applies the limit when its period ends", async () => {
    const { user, first, second, third, subscriptionId } = await subscriberWithThreeCards();
    const cancelled = await call("/api/subscription", {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    expect(cancelled.status).toBe(200);
    // Still premium while the paid period runs: all three cards stay active.
    expect((await cardsOf(user)).filter((card) => card.status === "active")).toHaveLength(3);
    await query(sql`update subscriptions set current_period_end = now() - interval '1 minute'
                    where id = ${subscriptionId}`);
    expect((await renew()).expiredSubscriptions).toBeGreaterThanOrEqual(1);
    await expectLimitApplied(user, first, [second, third]);
  });

  it("never lets the owner or an admin exceed the active-card limit, but lets the owner swap cards", async () => {
    const admin = await newAdmin();
    const { user, first, second } = await subscriberWithThreeCards();
    await patch(admin, `/api/admin/user-role/${user.id}?action=user`);

    const over = await unfreeze(user, second);
    expect(over.status).toBe(409);
    expect(((await over.json()) as Problem).code).toBe("ACTIVE_CARD_LIMIT");
    const byAdmin = await patch(admin, `/api/admin/status-card/${second.id}?status=active`);
    expect(byAdmin.status).toBe(409);
    expect(((await byAdmin.json()) as Problem).code).toBe("ACTIVE_CARD_LIMIT");

    // Freezing the active card frees the slot for another one.
    expect((await freeze(user, first)).status).toBe(200);
    expect((await unfreeze(user, second)).status).toBe(200);
    const active = (await cardsOf(user)).filter((card) => card.status === "active");
    expect(active.map((card) => card.id)).toEqual([second.id]);

    // Concurrent unfreezes of the two frozen cards: at most one wins.
    await freeze(user, second);
    const both = await Promise.all([unfreeze(user, first), unfreeze(user, second)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await cardsOf(user)).filter((card) => card.status === "active")).toHaveLength(1);
  });

  it("a card frozen by the limit cannot receive money, answering like a missing card", async () => {
    const admin = await newAdmin();
    const { user, third } = await subscriberWithThreeCards();
    await patch(admin, `/api/admin/user-role/${user.id}?action=user`);
    const payer = await newUser("Sardor Aliyev");
    const payerCard = await openActiveCard(payer);
    await fund(payerCard.card_number, 100_000_00n);
    const response = await call("/api/transactions", {
      method: "POST",
      headers: {
        ...bearer(payer.accessToken),
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
      },
      body: JSON.stringify({
        from_card_id: payerCard.id,
        to_card_number: third.card_number,
        amount: 5000,
      }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as Problem).code).toBe("RECEIVER_CARD_NOT_FOUND");
  });

  it("a new card still opens only under the role's limit of open cards", async () => {
    const user = await newUser();
    await openCard(user);
    const second = await call("/api/card", { method: "POST", headers: bearer(user.accessToken) });
    expect(second.status).toBe(409);
    expect(((await second.json()) as Problem).code).toBe("CARD_LIMIT");
  });
});
