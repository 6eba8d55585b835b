import type { Database } from "../../db/client";
import { SYSTEM_USER_ID } from "../../db/schema";
import { maskCardNumber, maskOwnerName } from "../../lib/card-number";
import { ApiError } from "../../lib/problem";
import { checkPeriod, type Period } from "./period";
import { type Cursor, headQuery, PAGE_SIZE, pageQuery } from "./statement-sql";

/** One movement of money on the card, as the ledger's entries give it. */
export interface Movement {
  /** The entry's instant, in UTC ISO form. */
  createdAt: string;
  /** Tashkent day and time (UTC+5). */
  day: string;
  time: string;
  transactionId: string;
  type: "transfer" | "deposit" | "subscription";
  /** The other side: masked card and name; null for money from the bank itself. */
  counterparty: { cardNumber: string; ownerName: string } | null;
  description: string | null;
  /** Signed principal: what was sent (negative) or received (positive). */
  amount: bigint;
  /** Commission this card paid for it (0 when it received). */
  fee: bigint;
  /** amount − fee: what the balance changed by. */
  change: bigint;
  /** The balance right after this movement. */
  balance: bigint;
}

export interface StatementHead {
  cardId: string;
  cardNumber: string;
  ownerName: string;
  from: string;
  to: string;
  opening: bigint;
  generatedAt: string;
}

export interface StatementTotals {
  closing: bigint;
  totalIn: bigint;
  totalOut: bigint;
  fees: bigint;
  count: number;
}

export interface Statement {
  head: StatementHead;
  /** Every movement, oldest first, read page by page as it is consumed. */
  movements: () => AsyncGenerator<Movement>;
  /** Complete once `movements` has been consumed to its end. */
  totals: StatementTotals;
}

interface MovementRow {
  /** Postgres text of the instant: exact to the microsecond, for the cursor. */
  at: string;
  created_at: string;
  day: string;
  time: string;
  transaction_id: string;
  change: string;
  fee: string;
  type: Movement["type"];
  description: string | null;
  other_card_number: string | null;
  other_owner_id: string | null;
  other_owner_name: string | null;
}

interface HeadRow {
  today: string;
  generated_at: string | Date;
  card_id: string | null;
  card_number: string | null;
  owner_id: string | null;
  owner_name: string | null;
  opening: string;
  movements: MovementRow[] | string;
}

const iso = (value: string | Date) => new Date(value).toISOString();

function counterparty(row: MovementRow, ownerId: string): Movement["counterparty"] {
  if (!row.other_card_number) return null;
  // The card's owner's own cards and the platform card are named in full; another
  // person's name is masked as in any transfer. Card numbers are masked always: a
  // statement is a document that travels.
  const named = row.other_owner_id === ownerId || row.other_owner_id === SYSTEM_USER_ID;
  return {
    cardNumber: maskCardNumber(row.other_card_number),
    ownerName: named ? (row.other_owner_name ?? "") : maskOwnerName(row.other_owner_name),
  };
}

/**
 * A card's statement for whole Tashkent days: the head and the first page come
 * from one SQL statement; later pages (keyset, PAGE_SIZE each) are read only as
 * the consumer pulls, so a year of a busy card is never held in memory. The
 * closing balance is opening plus the movements read, so the statement always
 * adds up.
 */
export async function openStatement(
  db: Database,
  query: Period & { cardId: string; ownerId: string | null },
  options: { pageSize?: number } = {},
): Promise<Statement> {
  const { from, to } = checkPeriod(query);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const result = await db.execute(headQuery(query.cardId, query.ownerId, from, to, pageSize));
  const row = result.rows[0] as unknown as HeadRow;
  if (!row.card_id || !row.card_number || !row.owner_id) throw new ApiError("CARD_NOT_FOUND");
  if (to > row.today)
    throw new ApiError("STATEMENT_PERIOD_IN_FUTURE", { params: { today: row.today } });
  const ownerId = row.owner_id;
  const cardId = row.card_id;
  const first: MovementRow[] =
    typeof row.movements === "string" ? JSON.parse(row.movements) : row.movements;
  const opening = BigInt(row.opening);
  const totals: StatementTotals = {
    closing: opening,
    totalIn: 0n,
    totalOut: 0n,
    fees: 0n,
    count: 0,
  };

  async function* movements(): AsyncGenerator<Movement> {
    let page = first;
    let balance = opening;
    while (true) {
      for (const item of page) {
        const change = BigInt(item.change);
        const fee = BigInt(item.fee);
        balance += change;
        if (change > 0n) totals.totalIn += change;
        else totals.totalOut -= change;
        totals.fees += fee;
        totals.count++;
        totals.closing = balance;
        yield {
          createdAt: item.created_at,
          day: item.day,
          time: item.time,
          transactionId: item.transaction_id,
          type: item.type,
          counterparty: counterparty(item, ownerId),
          description: item.description,
          amount: change + fee,
          fee,
          change,
          balance,
        };
      }
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      const cursor: Cursor = { at: last.at, transactionId: last.transaction_id };
      const next = await db.execute(pageQuery(cardId, from, to, cursor, pageSize));
      page = next.rows as unknown as MovementRow[];
    }
  }

  return {
    head: {
      cardId,
      cardNumber: maskCardNumber(row.card_number),
      ownerName: row.owner_name ?? "",
      from,
      to,
      opening,
      generatedAt: iso(row.generated_at),
    },
    movements,
    totals,
  };
}
