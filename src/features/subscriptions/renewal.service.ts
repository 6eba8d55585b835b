import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { PLATFORM_CARD_NUMBER, subscriptions } from "../../db/schema";
import { subscriptionPeriod } from "./subscriptions.service";

/** The description of a renewal payment, the one users know. */
export const RENEWAL_DESCRIPTION = "Premium obuna yangilandi";

/** Per run; the job is hourly, so a backlog larger than this drains over a few runs. */
const RENEWAL_BATCH = 500;

type RenewalResult = "renewed" | "expired" | "payment_failed" | "skipped";

/**
 * Cron: renews (or ends) every subscription whose paid period is over, one
 * by one, each in its own transaction (one SQL call of subscription_renew,
 * migrations/0005), so one failure never blocks the others. The function
 * locks the row and re-checks the period, so running twice, or twice at once,
 * charges a period once.
 */
export async function renewDueSubscriptions(db: Database, now = new Date()) {
  const due = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.status, "active"), lte(subscriptions.currentPeriodEnd, now)))
    .orderBy(asc(subscriptions.currentPeriodEnd))
    .limit(RENEWAL_BATCH);
  const counts: Record<RenewalResult | "errors", number> = {
    renewed: 0,
    expired: 0,
    payment_failed: 0,
    skipped: 0,
    errors: 0,
  };
  for (const { id } of due) {
    try {
      const { rows } = await db.execute(sql`
        select subscription_renew(
          ${id}, ${now.toISOString()}, ${subscriptionPeriod()}, ${PLATFORM_CARD_NUMBER},
          ${RENEWAL_DESCRIPTION}
        ) as result`);
      counts[rows[0]?.result as RenewalResult] += 1;
    } catch (error) {
      counts.errors += 1;
      const message = error instanceof Error ? error.message : String(error);
      console.error(JSON.stringify({ level: "error", renewal: id, error: message }));
    }
  }
  return {
    renewedSubscriptions: counts.renewed,
    expiredSubscriptions: counts.expired,
    failedRenewalPayments: counts.payment_failed,
    skippedRenewals: counts.skipped,
    renewalErrors: counts.errors,
  };
}
