import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { containsPattern } from "../../lib/like";
import { ApiError } from "../../lib/problem";

export interface CardAudit {
  cardId: string;
  cardNumber: string;
  ownerId: string;
  stored: bigint;
  calculated: bigint;
}

/**
 * Recomputes one card's balance from its entries. The stored balance is the
 * card's row plus its credit shards (card_totals()).
 */
export async function auditCard(db: Database, cardId: string): Promise<CardAudit> {
  const result = await db.execute(sql`
    select c.id, c.card_number, c.user_id, k.balance::text as stored,
           coalesce((select sum(e.amount) from ledger_entries e where e.card_id = c.id), 0)::text as calculated
    from cards c join card_totals() k on k.card_id = c.id where c.id = ${cardId}`);
  const row = result.rows[0];
  if (!row) throw new ApiError("CARD_NOT_FOUND");
  return {
    cardId: row.id as string,
    cardNumber: row.card_number as string,
    ownerId: row.user_id as string,
    stored: BigInt(row.stored as string),
    calculated: BigInt(row.calculated as string),
  };
}

export interface LedgerAudit {
  totalCards: number;
  validCards: number;
  /** sum of every entry, treasury included: zero on a healthy ledger */
  ledgerSum: bigint;
  /** treasury (system accounts) stored vs calculated mismatches */
  invalidSystemAccounts: number;
  /** the page of mismatched cards asked for */
  mismatches: CardAudit[];
  totalMismatches: number;
}

/**
 * Reconciles every card (its row plus its credit shards) against the ledger
 * with one aggregate pass over the entries (a hash aggregate, not a query per
 * card), plus the global sum.
 */
export async function auditAllCards(
  db: Database,
  options: { cardNumberLike?: string; page: number; limit: number },
): Promise<LedgerAudit> {
  const filter = options.cardNumberLike
    ? sql`and c.card_number like ${containsPattern(options.cardNumberLike)}`
    : sql``;
  const offset = (options.page - 1) * options.limit;
  const result = await db.execute(sql`
    with sums as (
      select card_id, sum(amount) as calculated from ledger_entries where card_id is not null group by card_id
    ), audit as (
      select c.id, c.card_number, c.user_id, k.balance as stored, coalesce(s.calculated, 0) as calculated
      from cards c join card_totals() k on k.card_id = c.id left join sums s on s.card_id = c.id
      where true ${filter}
    ), bad as (
      select * from audit where stored <> calculated
    )
    select
      (select count(*)::int from audit) as total_cards,
      (select count(*)::int from bad) as total_mismatches,
      (select coalesce(sum(amount), 0)::text from ledger_entries) as ledger_sum,
      (select count(*)::int from system_accounts a
         where a.balance <> coalesce((select sum(e.amount) from ledger_entries e where e.system_account = a.code), 0)
      ) as invalid_system_accounts,
      coalesce((
        select json_agg(json_build_object('id', id, 'card_number', card_number, 'owner_id', user_id,
                                          'stored', stored::text, 'calculated', calculated::text)
                        order by card_number)
        from (select * from bad order by card_number limit ${options.limit} offset ${offset}) page
      ), '[]'::json) as mismatches`);
  const row = result.rows[0] as {
    total_cards: number;
    total_mismatches: number;
    ledger_sum: string;
    invalid_system_accounts: number;
    mismatches: {
      id: string;
      card_number: string;
      owner_id: string;
      stored: string;
      calculated: string;
    }[];
  };
  return {
    totalCards: row.total_cards,
    validCards: row.total_cards - row.total_mismatches,
    totalMismatches: row.total_mismatches,
    ledgerSum: BigInt(row.ledger_sum),
    invalidSystemAccounts: row.invalid_system_accounts,
    mismatches: row.mismatches.map((m) => ({
      cardId: m.id,
      cardNumber: m.card_number,
      ownerId: m.owner_id,
      stored: BigInt(m.stored),
      calculated: BigInt(m.calculated),
    })),
  };
}
