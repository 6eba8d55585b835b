import { asc } from "drizzle-orm";
import type { Database } from "../../db/client";
import { roleTerms } from "../../db/schema";
import { formatMoney } from "../../lib/money";

/**
 * The rules of money as the ledger applies them: one row per role in
 * role_terms (the ledger reads the same rows inside every posting), plus the
 * premium price. Served to clients so no app keeps a copy of a fee or a limit.
 */
export async function currentTerms(db: Database, subscriptionPrice: bigint, periodDays: number) {
  const rows = await db.select().from(roleTerms).orderBy(asc(roleTerms.role));
  const byRole = new Map(
    rows.map((row) => [
      row.role,
      {
        commission_bp: row.commissionBp,
        min_amount: formatMoney(row.minAmount),
        max_amount: formatMoney(row.maxAmount),
        max_cards: row.maxCards,
      },
    ]),
  );
  const termsOf = (role: "user" | "premium" | "admin") => {
    const terms = byRole.get(role);
    // Migration 0008 seeds every role; a missing row is a broken deploy.
    if (!terms) throw new Error(`role_terms has no row for ${role}`);
    return terms;
  };
  return {
    roles: { user: termsOf("user"), premium: termsOf("premium"), admin: termsOf("admin") },
    subscription: { price: formatMoney(subscriptionPrice), period_days: periodDays },
  };
}
