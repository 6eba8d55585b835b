import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ApiError } from "../../lib/problem";
import type { TransactionSnapshot } from "../ledger/snapshot";

/**
 * A transaction the caller may see, in one statement: sent from or (successfully)
 * received by one of their cards, or any if they are an admin (role read fresh).
 * Only a success has a receipt.
 */
export async function getReceiptTransaction(db: Database, userId: string, id: string) {
  const result = await db.execute(sql`
    select ledger_transaction_snapshot(${id}::uuid) as snapshot,
      (select u.role from users u where u.id = ${userId}::uuid) as viewer_role`);
  const row = result.rows[0] as {
    snapshot: TransactionSnapshot | null;
    viewer_role: string | null;
  };
  const { snapshot } = row;
  const visible =
    snapshot &&
    (row.viewer_role === "admin" ||
      snapshot.from_card?.owner_id === userId ||
      (snapshot.to_card.owner_id === userId && snapshot.status === "success"));
  if (!snapshot || !visible) throw new ApiError("TRANSACTION_NOT_FOUND");
  if (snapshot.status !== "success") throw new ApiError("NO_RECEIPT");
  return snapshot;
}
