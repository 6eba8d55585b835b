import { and, asc, count, desc, eq, ilike, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { avatars, cards, PLATFORM_CARD_NUMBER, users } from "../../db/schema";
import { containsPattern } from "../../lib/like";
import { ApiError } from "../../lib/problem";
import { type CardRecord, cardColumns } from "../cards/cards.service";
import type { TransactionSnapshot } from "../ledger/snapshot";
import { filterConditions, type HistoryFilters } from "../transactions/transactions.service";
import { type UserRecord, userColumns } from "../users/users.service";

const offsetOf = (page: number, limit: number) => (page - 1) * limit;

/** People (never the system user); admins only when the search asks for them. */
export async function searchUsers(
  db: Database,
  query: {
    search_name?: string;
    search_number?: string;
    search_role?: "user" | "premium" | "admin";
    page: number;
    limit: number;
  },
) {
  const conditions: SQL[] = [
    query.search_role
      ? eq(users.role, query.search_role)
      : inArray(users.role, ["user", "premium"]),
  ];
  if (query.search_name) conditions.push(ilike(users.fullName, containsPattern(query.search_name)));
  if (query.search_number)
    conditions.push(ilike(users.phoneNumber, containsPattern(query.search_number)));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select(userColumns)
      .from(users)
      .leftJoin(avatars, eq(avatars.userId, users.id))
      .where(where)
      .orderBy(desc(users.createdAt), asc(users.id))
      .limit(query.limit)
      .offset(offsetOf(query.page, query.limit)),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return { total: total?.value ?? 0, items: rows as UserRecord[] };
}

export async function getUserWithCards(db: Database, userId: string) {
  const [user] = await db
    .select(userColumns)
    .from(users)
    .leftJoin(avatars, eq(avatars.userId, users.id))
    .where(and(eq(users.id, userId), ne(users.role, "system")));
  if (!user) throw new ApiError("USER_NOT_FOUND");
  const owned = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.userId, userId))
    .orderBy(asc(cards.createdAt));
  return { user: user as UserRecord, cards: owned as CardRecord[] };
}

export async function searchCards(
  db: Database,
  query: { search_owner?: string; search_card_number?: string; page: number; limit: number },
) {
  const conditions: SQL[] = [];
  if (query.search_owner)
    conditions.push(ilike(users.fullName, containsPattern(query.search_owner)));
  if (query.search_card_number) {
    conditions.push(
      ilike(cards.cardNumber, containsPattern(query.search_card_number.replace(/[\s-]/g, ""))),
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select(cardColumns)
      .from(cards)
      .innerJoin(users, eq(users.id, cards.userId))
      .where(where)
      .orderBy(desc(cards.createdAt), asc(cards.id))
      .limit(query.limit)
      .offset(offsetOf(query.page, query.limit)),
    db
      .select({ value: count() })
      .from(cards)
      .innerJoin(users, eq(users.id, cards.userId))
      .where(where),
  ]);
  return { total: total?.value ?? 0, items: rows as CardRecord[] };
}

export async function getCard(db: Database, cardId: string): Promise<CardRecord> {
  const [card] = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.id, cardId));
  if (!card) throw new ApiError("CARD_NOT_FOUND");
  return card as CardRecord;
}

export async function getPlatformCard(db: Database): Promise<CardRecord> {
  // A plain read: no row lock on the hot platform card.
  const [card] = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.cardNumber, PLATFORM_CARD_NUMBER));
  if (!card) throw new ApiError("PLATFORM_CARD_MISSING");
  return card as CardRecord;
}

/** Every transaction in the system, newest first, with the admin's filters. */
export async function searchTransactions(
  db: Database,
  query: Omit<HistoryFilters, "card_id" | "direction"> & { card_number?: string },
) {
  const conditions = filterConditions(query);
  if (query.card_number) {
    conditions.push(sql`(t.from_card_id = (select id from cards where card_number = ${query.card_number})
      or t.to_card_id = (select id from cards where card_number = ${query.card_number}))`);
  }
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  const result = await db.execute(sql`
    select
      (select count(*)::int from transactions t where ${where}) as total,
      coalesce((
        select json_agg(ledger_transaction_snapshot(p.id) order by p.created_at desc, p.id desc)
        from (select t.id, t.created_at from transactions t where ${where}
              order by t.created_at desc, t.id desc
              limit ${query.limit} offset ${offsetOf(query.page, query.limit)}) p
      ), '[]'::json) as items`);
  const row = result.rows[0] as { total: number; items: TransactionSnapshot[] };
  return { total: row.total, items: row.items };
}

export async function getTransaction(db: Database, id: string): Promise<TransactionSnapshot> {
  const result = await db.execute(sql`select ledger_transaction_snapshot(${id}::uuid) as snapshot`);
  const snapshot = result.rows[0]?.snapshot as TransactionSnapshot | null;
  if (!snapshot) throw new ApiError("TRANSACTION_NOT_FOUND");
  return snapshot;
}
