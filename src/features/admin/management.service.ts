import { and, eq, sql } from "drizzle-orm";
import type { TransactionalDatabase } from "../../db/client";
import {
  auditLog,
  type BankFreezeReason,
  cards,
  PLATFORM_CARD_NUMBER,
  roleTerms,
  subscriptions,
  users,
} from "../../db/schema";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";
import { countActiveCards, effectiveCardStatus } from "../cards/cards.service";

type Transaction = Parameters<Parameters<TransactionalDatabase["transaction"]>[0]>[0];

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
 * The admin's transitions: only a frozen card is activated, an active card (or
 * one its owner or the card limit froze) is blocked by the bank with a reason,
 * closed is final, and a card holding money is never closed. A bank block is
 * undone only here; activating never gives the owner more active cards than
 * their role allows. Lock order as in every posting: the owner's row, then the
 * card, so a concurrent transfer either lands before (the balance check sees
 * it) or finds the card changed.
 */
export async function changeCardStatus(
  db: TransactionalDatabase,
  actorId: string,
  cardId: string,
  target: AdminCardStatus,
  reason: BankFreezeReason = "other",
) {
  return db.transaction(async (tx) => {
    const [located] = await tx
      .select({ userId: cards.userId, cardNumber: cards.cardNumber })
      .from(cards)
      .where(eq(cards.id, cardId));
    if (!located) throw new ApiError("CARD_NOT_FOUND");
    if (located.cardNumber === PLATFORM_CARD_NUMBER) throw new ApiError("PLATFORM_CARD_LOCKED");
    const [owner] = await tx
      .select({ maxCards: roleTerms.maxCards })
      .from(users)
      .leftJoin(roleTerms, eq(roleTerms.role, users.role))
      .where(eq(users.id, located.userId))
      .for("update", { of: users });
    const [card] = await tx
      .select({
        userId: cards.userId,
        balance: cards.balance,
        frozenBy: cards.frozenBy,
        status: effectiveCardStatus,
      })
      .from(cards)
      .where(eq(cards.id, cardId))
      .for("update");
    if (!card || !owner) throw new ApiError("CARD_NOT_FOUND");
    const current = card.status;
    if (target === "closed" && current === "closed") throw new ApiError("CARD_ALREADY_CLOSED");
    if (target === "active" && current !== "frozen") {
      throw new ApiError(current === "active" ? "CARD_ALREADY_ACTIVE" : "INVALID_TRANSITION");
    }
    if (target === "frozen") {
      if (current === "closed") throw new ApiError("CARD_ALREADY_CLOSED");
      if (current === "expired") throw new ApiError("CARD_EXPIRED");
      if (current === "frozen" && card.frozenBy === "bank") {
        throw new ApiError("CARD_ALREADY_FROZEN");
      }
    }
    if (target === "closed" && card.balance !== 0n) throw new ApiError("CARD_HAS_BALANCE");
    if (target === "active") {
      const maxCards = owner.maxCards ?? 0;
      if ((await countActiveCards(tx, card.userId)) >= maxCards) {
        throw new ApiError("ACTIVE_CARD_LIMIT", { params: { max: maxCards } });
      }
    }

    const blocked = target === "frozen";
    await tx
      .update(cards)
      .set({
        status: target,
        frozenBy: blocked ? "bank" : null,
        freezeReason: blocked ? reason : null,
        updatedAt: new Date(),
      })
      .where(eq(cards.id, cardId));
    await audit(tx, {
      actorId,
      action: "card.status",
      entityType: "card",
      entityId: cardId,
      before: {
        status: current,
        frozen_by: card.frozenBy,
        balance: formatMoney(card.balance),
      },
      after: {
        status: target,
        frozen_by: blocked ? "bank" : null,
        freeze_reason: blocked ? reason : null,
        balance: formatMoney(card.balance),
      },
    });
    return cardId;
  });
}

/**
 * Premium ↔ user. An admin's role (the caller's own included) is never changed
 * here. Demoting a subscriber also ends the subscription, or renewal would keep
 * charging for a premium the user no longer has. A demotion applies the user
 * role's card limit in the same transaction (ledger_enforce_card_limit: the
 * first card stays active and receives the others' balances).
 */
export async function changeUserRole(
  db: TransactionalDatabase,
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
    const { rows } = await tx.execute(
      sql`select ledger_enforce_card_limit(${userId}::uuid, ${PLATFORM_CARD_NUMBER}::text) as frozen`,
    );
    await audit(tx, {
      actorId,
      action: "user.role",
      entityType: "user",
      entityId: userId,
      before: { role: user.role, subscription: subscription?.id ?? null },
      after: {
        role: target,
        subscription: endsSubscription ? null : (subscription?.id ?? null),
        cards_frozen_by_limit: Number(rows[0]?.frozen ?? 0),
      },
    });
  });
}
