import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { subscriptionPayments, subscriptions } from "../../db/schema";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";
import { renderTransaction, type TransactionSnapshot, type Viewer } from "../ledger/snapshot";

/** Premium is paid per period of 31 days. */
export const SUBSCRIPTION_PERIOD_DAYS = 31;
export const subscriptionPeriod = () => sql`make_interval(days => ${SUBSCRIPTION_PERIOD_DAYS})`;

const columns = {
  id: subscriptions.id,
  status: subscriptions.status,
  price: subscriptions.price,
  autoRenew: subscriptions.autoRenew,
  currentPeriodStart: subscriptions.currentPeriodStart,
  currentPeriodEnd: subscriptions.currentPeriodEnd,
  cancelledAt: subscriptions.cancelledAt,
  cardId: subscriptions.cardId,
};

export interface SubscriptionRecord {
  id: string;
  status: "active" | "cancelled" | "expired";
  price: bigint;
  autoRenew: boolean;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelledAt: Date | null;
  cardId: string;
}

/**
 * The subscription as a payment (the purchase) left it: active, renewing, for
 * the period that payment paid. It is what the purchase answered, so a replay
 * answers the same even after a cancellation.
 */
export async function subscriptionPaidBy(
  db: Database,
  transactionId: string,
): Promise<SubscriptionRecord> {
  const [row] = await db
    .select({
      id: subscriptions.id,
      price: subscriptions.price,
      cardId: subscriptions.cardId,
      currentPeriodStart: subscriptionPayments.periodStart,
      currentPeriodEnd: subscriptionPayments.periodEnd,
    })
    .from(subscriptionPayments)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionPayments.subscriptionId))
    .where(eq(subscriptionPayments.transactionId, transactionId));
  // subscription_purchase writes the payment row with the money: never missing after a 201.
  if (!row) throw new Error(`subscription payment ${transactionId} has no subscription`);
  return { ...row, status: "active", autoRenew: true, cancelledAt: null };
}

/**
 * The caller's live subscription (status active: renewing, or cancelled with
 * its paid period still running) and its latest payment; null when there is none.
 */
export async function findCurrentSubscription(db: Database, userId: string) {
  const [row] = await db
    .select({
      ...columns,
      transaction: sql<TransactionSnapshot>`ledger_transaction_snapshot(${subscriptionPayments.transactionId})`,
    })
    .from(subscriptions)
    .innerJoin(subscriptionPayments, eq(subscriptionPayments.subscriptionId, subscriptions.id))
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.status, "active")))
    .orderBy(desc(subscriptionPayments.createdAt))
    .limit(1);
  if (!row) return null;
  const { transaction, ...subscription } = row;
  return { subscription, transaction };
}

/**
 * Stops renewal; the subscription stays active (premium included) until the
 * paid period ends, when the renewal job expires it. Cancelling twice is fine.
 */
export async function cancelRenewal(db: Database, userId: string) {
  const [updated] = await db
    .update(subscriptions)
    .set({
      autoRenew: false,
      cancelledAt: sql`coalesce(${subscriptions.cancelledAt}, now())`,
      updatedAt: new Date(),
    })
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.status, "active")))
    .returning({ id: subscriptions.id });
  const current = updated ? await findCurrentSubscription(db, userId) : null;
  if (!current) throw new ApiError("SUBSCRIPTION_NOT_FOUND");
  return current;
}

/** The wire form: money as so'm strings, the payment rendered for the viewer. */
export function toSubscriptionResponse(
  subscription: SubscriptionRecord,
  transaction: TransactionSnapshot,
  viewer: Viewer,
) {
  return {
    id: subscription.id,
    status: subscription.status,
    price: formatMoney(subscription.price),
    auto_renew: subscription.autoRenew,
    current_period_start: subscription.currentPeriodStart.toISOString(),
    current_period_end: subscription.currentPeriodEnd.toISOString(),
    cancelled_at: subscription.cancelledAt?.toISOString() ?? null,
    card_id: subscription.cardId,
    transaction: renderTransaction(transaction, viewer),
  };
}
