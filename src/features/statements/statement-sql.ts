import { type SQL, sql } from "drizzle-orm";

/** Movements read per statement: a page is one SQL round trip. */
export const PAGE_SIZE = 500;

export interface Cursor {
  /** created_at as Postgres text: exact to the microsecond, unlike a JS Date. */
  at: string;
  transactionId: string;
}

const start = (day: string) => sql`(${day}::date::timestamp at time zone 'Asia/Tashkent')`;
const end = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'Asia/Tashkent')`;

/**
 * One page of a card's movements in [from, to] (Tashkent days), oldest first,
 * after the cursor: a movement is one transaction's entries on this card summed
 * (the platform card can get a payment and its commission in one transaction).
 * Read from ledger_entries through (card_id, created_at, transaction_id), so a
 * page costs its own size whatever the card's history. The JSON row keeps money
 * as text, never as a JSON number.
 */
export function pageQuery(
  cardId: SQL | string,
  from: string,
  to: string,
  after: Cursor | null,
  limit: number,
): SQL {
  const card = typeof cardId === "string" ? sql`${cardId}::uuid` : cardId;
  const cursor = after
    ? sql`and (e.created_at, e.transaction_id) > (${after.at}::timestamptz, ${after.transactionId}::uuid)`
    : sql``;
  return sql`
    select m.at::text as at,
           to_char(m.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
           to_char(m.at at time zone 'Asia/Tashkent', 'YYYY-MM-DD') as day,
           to_char(m.at at time zone 'Asia/Tashkent', 'HH24:MI:SS') as time,
           m.transaction_id,
           m.change::text as change,
           (case when t.from_card_id = ${card} then t.commission else 0 end)::text as fee,
           t.type, t.description,
           o.card_number as other_card_number, o.user_id as other_owner_id,
           ou.full_name as other_owner_name
    from (
      select e.created_at as at, e.transaction_id, sum(e.amount) as change
      from ledger_entries e
      where e.card_id = ${card}
        and e.created_at >= ${start(from)} and e.created_at < ${end(to)}
        ${cursor}
      group by e.created_at, e.transaction_id
      order by e.created_at, e.transaction_id
      limit ${limit}
    ) m
    join transactions t on t.id = m.transaction_id
    left join cards o on o.id = case when t.from_card_id = ${card} then t.to_card_id else t.from_card_id end
    left join users ou on ou.id = o.user_id
    order by m.at, m.transaction_id`;
}

/**
 * The statement's head and first page in one statement: the card (only the
 * owner's when ownerId is given), the database's Tashkent day and clock, the
 * balance before `from` (every entry of the card before it), and the first page.
 * A card that is not there (or not the owner's) gives a row with card_id null.
 */
export function headQuery(
  cardId: string,
  ownerId: string | null,
  from: string,
  to: string,
  limit: number,
): SQL {
  const owner = ownerId ? sql`and c.user_id = ${ownerId}::uuid` : sql``;
  return sql`
    with card as (
      select c.id, c.card_number, c.user_id, u.full_name
      from cards c join users u on u.id = c.user_id
      where c.id = ${cardId}::uuid ${owner}
    )
    select tashkent_today()::text as today,
           now() as generated_at,
           card.id as card_id, card.card_number, card.user_id as owner_id,
           card.full_name as owner_name,
           (select coalesce(sum(e.amount), 0)::text from ledger_entries e
            where e.card_id = card.id and e.created_at < ${start(from)}) as opening,
           (select coalesce(json_agg(p order by p.at::timestamptz, p.transaction_id), '[]'::json)
            from (${pageQuery(sql`card.id`, from, to, null, limit)}) p) as movements
    from (select 1) one left join card on true`;
}
