import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";
import type { Role } from "../../types";
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
 * A page of the caller's history, newest first, and its exact total, in one
 * statement (the caller's cards are resolved inside it). Each (card, side) pair
 * is read from its own (card, created_at) index with a LIMIT and the small
 * results are merged, and the total is read from the cards' counters, so a user
 * with 100 000 transactions costs about the same as one with 10.
 */
export async function listHistory(db: Database, userId: string, filters: HistoryFilters) {
  const result = await db.execute(historyQuery(userId, filters));
  const row = result.rows[0] as {
    card_found: boolean;
    viewer_role: Role | null;
    total: number;
    items: TransactionSnapshot[];
  };
  if (!row.card_found) throw new ApiError("CARD_NOT_FOUND");
  return { total: Number(row.total), items: row.items, viewer: viewerOf(userId, row.viewer_role) };
}

/** The history statement (exported so a test can EXPLAIN it). */
export function historyQuery(userId: string, filters: HistoryFilters): SQL {
  const where = and(filterConditions(filters));
  const offset = (filters.page - 1) * filters.limit;
  const depth = offset + filters.limit;
  const cardFilter = filters.card_id ? sql`and c.id = ${filters.card_id}::uuid` : sql``;
  // A refusal is the sender's record only: the received side shows successes
  // (its index is partial on them), so nobody can write into a stranger's
  // history with refused transfers.
  const sides = [
    ...(filters.direction !== "in" ? [sql`t.from_card_id = m.id`] : []),
    ...(filters.direction !== "out" ? [sql`t.status = 'success' and t.to_card_id = m.id`] : []),
  ];
  const branches = sides.map(
    (side) => sql`(select s.id, s.created_at from mine m cross join lateral (
        select t.id, t.created_at from transactions t
        where ${side} and ${where}
        order by t.created_at desc, t.id desc limit ${depth}) s)`,
  );
  // Only a card_id that is the caller's leaves a row in mine.
  const cardFound = filters.card_id ? sql`exists (select 1 from mine)` : sql`true`;
  const counted = historyTotalFromCounters(filters);
  const total = counted
    ? sql`(select coalesce(sum(${counted}), 0) from card_totals() k
          where k.card_id in (select id from mine))`
    : historyTotalByCounting(filters, where);

  return sql`
    with mine as materialized (
      select c.id from cards c where c.user_id = ${userId}::uuid ${cardFilter}
    )
    select
      ${cardFound} as card_found,
      (select u.role from users u where u.id = ${userId}::uuid) as viewer_role,
      (${total})::int as total,
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
 * The total as a sum over the cards' counters (columns of card_totals() k),
 * when the filters are only card, direction and status; null otherwise. A
 * transfer between two of the caller's cards is counted once when all their
 * cards are listed (one card never pays itself successfully, so a single card
 * needs no such correction).
 */
function historyTotalFromCounters(filters: HistoryFilters): SQL | null {
  const { start_date, end_date, amount, min_amount, max_amount, type } = filters;
  const other = [start_date, end_date, amount, min_amount, max_amount, type];
  if (other.some((value) => value !== undefined)) return null;
  const terms: SQL[] = [];
  if (filters.direction !== "in") {
    terms.push(
      filters.status === "success"
        ? sql`k.sent_success_count`
        : filters.status === "failed"
          ? sql`(k.sent_count - k.sent_success_count)`
          : sql`k.sent_count`,
    );
  }
  if (filters.direction !== "out" && filters.status !== "failed") {
    terms.push(
      filters.direction === undefined && !filters.card_id
        ? sql`(k.received_success_count - k.received_from_own_success_count)`
        : sql`k.received_success_count`,
    );
  }
  return terms.length ? sql.join(terms, sql` + `) : sql`0`;
}

/**
 * Dates, amounts and type are not counted ahead: those totals count the rows,
 * each side from its own index, over every matching row of the caller's cards
 * (a transfer between two of them is counted once).
 */
function historyTotalByCounting(filters: HistoryFilters, where: SQL): SQL {
  const ids = sql`array(select id from mine)`;
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
  return sql.join(counts, sql` + `);
}

/**
 * One transaction of the caller's history: sent from one of their cards, or
 * received by one and successful (a refusal is the sender's record only).
 * Anything else is a 404.
 */
export async function getOwnTransaction(db: Database, userId: string, id: string) {
  const result = await db.execute(sql`
    select ledger_transaction_snapshot(${id}::uuid) as snapshot,
      (select u.role from users u where u.id = ${userId}::uuid) as viewer_role,
      (select p.request_id from payment_request_payments p
       where p.transaction_id = ${id}::uuid) as payment_request_id`);
  const row = result.rows[0] as {
    snapshot: TransactionSnapshot | null;
    viewer_role: Role | null;
    payment_request_id: string | null;
  };
  const snapshot = row.snapshot;
  const mine =
    snapshot &&
    (snapshot.from_card?.owner_id === userId ||
      (snapshot.to_card.owner_id === userId && snapshot.status === "success"));
  if (!snapshot || !mine) throw new ApiError("TRANSACTION_NOT_FOUND");
  return {
    snapshot,
    viewer: viewerOf(userId, row.viewer_role),
    paymentRequestId: row.payment_request_id,
  };
}

/**
 * The payload of one of the caller's own transfers, to make it again: only the
 * sender repeats (the receiver's number is one they typed themselves); a deposit
 * or a subscription is no transfer to repeat. Anything else is a 404.
 */
export async function getRepeatableTransfer(db: Database, userId: string, id: string) {
  // A payment of a payment request is not repeated: its payer never saw the receiver's number.
  const result = await db.execute(sql`select ledger_transaction_snapshot(${id}::uuid) as snapshot,
    exists (select 1 from payment_request_payments p where p.transaction_id = ${id}::uuid) as requested`);
  const row = result.rows[0] as { snapshot: TransactionSnapshot | null; requested: boolean };
  const { snapshot } = row;
  const from = snapshot?.from_card;
  if (snapshot?.type !== "transfer" || !from || from.owner_id !== userId || row.requested) {
    throw new ApiError("TRANSACTION_NOT_FOUND");
  }
  return {
    from_card_id: from.id,
    // A payment by phone is repeated to the phone: its owner's receiving card
    // may have changed, and its number was never the sender's to see.
    to_card_number: snapshot.to_phone_number ? null : snapshot.to_card.card_number,
    to_phone_number: snapshot.to_phone_number ?? null,
    amount: formatMoney(BigInt(snapshot.amount)),
    description: snapshot.description,
  };
}

/**
 * The caller as the renderer needs them, with the role read in the page's own statement
 * (an admin sees counterparties unmasked; a role change shows on the next read).
 */
function viewerOf(userId: string, role: Role | null) {
  // No row: the account is gone; mask as for anyone (the session check answers 401 anyway).
  return { id: userId, role: role ?? "user" };
}
