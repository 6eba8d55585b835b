import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditLog, cards, PLATFORM_CARD_ID, subscriptions, users } from "../../db/schema";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";
import { effectiveStatus } from "../cards/cards.service";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function audit(
  tx: Transaction,
  entry: {
    actorId: string;
    action: string;
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
  },
) {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
  });
}

export type AdminCardStatus = "active" | "frozen" | "closed";

/**
 * The earlier version's transition table: only a frozen card is activated,
 * only an active card is frozen, closed is final, and a card holding money is
 * never closed. The card row is locked, so a concurrent transfer either lands
 * before (then the balance check sees it) or finds the card closed.
 */
export async function changeCardStatus(
  db: Database,
  actorId: string,
  cardId: string,
  target: AdminCardStatus,
) {
  return db.transaction(async (tx) => {
    const [card] = await tx.select().from(cards).where(eq(cards.id, cardId)).for("update");
    if (!card) throw new ApiError("CARD_NOT_FOUND");
    if (card.id === PLATFORM_CARD_ID) throw new ApiError("PLATFORM_CARD_LOCKED");
    const current = effectiveStatus(card);
    if (current === "closed") throw new ApiError("CARD_ALREADY_CLOSED");
    if (target === "active" && current !== "frozen") {
      throw new ApiError(current === "active" ? "CARD_ALREADY_ACTIVE" : "INVALID_TRANSITION");
    }
    if (target === "frozen" && current !== "active") {
      throw new ApiError(current === "frozen" ? "CARD_ALREADY_FROZEN" : "CARD_EXPIRED");
    }
    if (target === "closed" && card.balance !== 0n) throw new ApiError("CARD_HAS_BALANCE");

    await tx
      .update(cards)
      .set({ status: target, updatedAt: new Date() })
      .where(eq(cards.id, cardId));
    await audit(tx, {
      actorId,
      action: "card.status",
      entityType: "card",
      entityId: cardId,
      before: { status: current, balance: formatMoney(card.balance) },
      after: { status: target, balance: formatMoney(card.balance) },
    });
    return card.id;
  });
}

/**
 * Premium ↔ user. An admin's role (the caller's own included) is never changed
 * here. Demoting a subscriber also ends the subscription, or renewal would keep
 * charging for a premium the user no longer has.
 */
export async function changeUserRole(
  db: Database,
  actorId: string,
  userId: string,
  target: "premium" | "user",
) {
  await db.transaction(async (tx) => {
    // Subscription before user: the same lock order as the renewal job.
    const [subscription] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, userId), eq(subscriptions.status, "active")))
      .for("update");
    const [user] = await tx
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user || user.role === "system") throw new ApiError("USER_NOT_FOUND");
    if (user.role === "admin") throw new ApiError("ROLE_CHANGE_FORBIDDEN");
    if (user.role === target)
      throw new ApiError(target === "premium" ? "ALREADY_PREMIUM" : "ALREADY_USER");
    await tx.update(users).set({ role: target, updatedAt: new Date() }).where(eq(users.id, userId));
    const endsSubscription = target === "user" && subscription !== undefined;
    if (endsSubscription) {
      await tx
        .update(subscriptions)
        .set({ status: "expired", autoRenew: false, updatedAt: new Date() })
        .where(eq(subscriptions.id, subscription.id));
    }
    await audit(tx, {
      actorId,
      action: "user.role",
      entityType: "user",
      entityId: userId,
      before: { role: user.role, subscription: subscription?.id ?? null },
      after: { role: target, subscription: endsSubscription ? null : (subscription?.id ?? null) },
    });
  });
}
