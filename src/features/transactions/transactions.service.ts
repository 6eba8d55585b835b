import { eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cards } from "../../db/schema";
import { ApiError } from "../../lib/problem";
import type { TransactionSnapshot } from "../ledger/snapshot";

export interface HistoryFilters {
  card_id?: string;
  start_date?: string;
  end_date?: string;
  amount?: bigint;
  min_amount?: bigint;
  max_amount?: bigint;
  direction?: "in" | "out";
  status?: "success" | "failed";
  type?: "transfer" | "deposit" | "subscription";
  page: number;
  limit: number;
}

/** Conditions shared by the page query and the count; dates are whole Asia/Tashkent days. */
export function filterConditions(
  filters: Omit<HistoryFilters, "card_id" | "direction" | "page" | "limit">,
): SQL[] {
  const conditions: SQL[] = [];
  if (filters.start_date) {
    conditions.push(
      sql`t.created_at >= (${filters.start_date}::date::timestamp at time zone 'Asia/Tashkent')`,
    );
  }
  if (filters.end_date) {
    // Inclusive end day: everything before the next day's midnight in Tashkent.
    conditions.push(
      sql`t.created_at < ((${filters.end_date}::date + 1)::timestamp at time zone 'Asia/Tashkent')`,
    );
  }
  if (filters.amount !== undefined)
    conditions.push(sql`t.amount = ${filters.amount.toString()}::bigint`);
  if (filters.min_amount !== undefined)
    conditions.push(sql`t.amount >= ${filters.min_amount.toString()}::bigint`);
  if (filters.max_amount !== undefined)
    conditions.push(sql`t.amount <= ${filters.max_amount.toString()}::bigint`);
  if (filters.status) conditions.push(sql`t.status = ${filters.status}`);
  if (filters.type) conditions.push(sql`t.type = ${filters.type}`);
  return conditions;
}

const and = (conditions: SQL[]) =>
  conditions.length ? sql.join(conditions, sql` and `) : sql`true`;

/**
 * A page of the caller's history, newest first. Each (card, side) pair is read
 * from its own (card, created_at) index with a LIMIT, and the small results are
 * merged, so a user with 100 000 transactions costs about the same as one with 10.
 */
export async function listHistory(db: Database, userId: string, filters: HistoryFilters) {
  const ownCards = await db.select({ id: cards.id }).from(cards).where(eq(cards.userId, userId));
  let cardIds = ownCards.map((card) => card.id);
  if (filters.card_id) {
    if (!cardIds.includes(filters.card_id)) throw new ApiError("CARD_NOT_FOUND");
    cardIds = [filters.card_id];
  }
  if (cardIds.length === 0) return { total: 0, items: [] as TransactionSnapshot[] };

  const result = await db.execute(historyQuery(cardIds, filters));
  const row = result.rows[0] as { total: number; items: TransactionSnapshot[] };
  return { total: Number(row.total), items: row.items };
}

/** The page-and-count statement for these cards (exported so a test can EXPLAIN it). */
export function historyQuery(cardIds: string[], filters: Omit<HistoryFilters, "card_id">): SQL {
  const where = and(filterConditions(filters));
  const offset = (filters.page - 1) * filters.limit;
  const depth = offset + filters.limit;
  // A refusal is the sender's record only: the received side shows successes
  // (its index is partial on them), so nobody can write into a stranger's
  // history with refused transfers.
  const sides = [
    ...(filters.direction !== "in" ? [sql`t.from_card_id = `] : []),
    ...(filters.direction !== "out" ? [sql`t.status = 'success' and t.to_card_id = `] : []),
  ];
  const branches = cardIds.flatMap((cardId) =>
    sides.map(
      (side) => sql`(select t.id, t.created_at from transactions t
        where ${side}${cardId} and ${where}
        order by t.created_at desc, t.id desc limit ${depth})`,
    ),
  );
  const ids = sql`array[${sql.join(
    cardIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  // Counted per side so each count reads its own index; a transfer between two
  // of the caller's own cards is counted once.
  const counts = [
    ...(filters.direction !== "in"
      ? [sql`(select count(*) from transactions t where t.from_card_id = any(${ids}) and ${where})`]
      : []),
    ...(filters.direction !== "out"
      ? [
          sql`(select count(*) from transactions t
              where t.status = 'success' and t.to_card_id = any(${ids}) and ${where}
              ${filters.direction === "in" ? sql`` : sql`and (t.from_card_id is null or t.from_card_id <> all(${ids}))`})`,
        ]
      : []),
  ];

  // One round trip: the count and the page's snapshots together.
  return sql`
    select
      (${sql.join(counts, sql` + `)})::int as total,
      coalesce((
        select json_agg(ledger_transaction_snapshot(p.id) order by p.created_at desc, p.id desc)
        from (
          select merged.id, merged.created_at
          from (${sql.join(branches, sql` union `)}) merged
          order by merged.created_at desc, merged.id desc
          limit ${filters.limit} offset ${offset}
        ) p
      ), '[]'::json) as items`;
}

/**
 * One transaction of the caller's history: sent from one of their cards, or
 * received by one and successful (a refusal is the sender's record only).
 * Anything else is a 404.
 */
export async function getOwnTransaction(db: Database, userId: string, id: string) {
  const result = await db.execute(sql`select ledger_transaction_snapshot(${id}::uuid) as snapshot`);
  const snapshot = result.rows[0]?.snapshot as TransactionSnapshot | null;
  const mine =
    snapshot &&
    (snapshot.from_card?.owner_id === userId ||
      (snapshot.to_card.owner_id === userId && snapshot.status === "success"));
  if (!snapshot || !mine) throw new ApiError("TRANSACTION_NOT_FOUND");
  return snapshot;
}
