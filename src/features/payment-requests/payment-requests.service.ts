import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { maskOwnerName } from "../../lib/card-number";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";

export const DEFAULT_EXPIRY_HOURS = 72;
export const MAX_EXPIRY_HOURS = 720;
/** Payments listed with a request (the latest); the count and the sum cover all of them. */
export const LISTED_PAYMENTS = 20;

export type RequestStatus = "open" | "paid" | "cancelled" | "expired";

/** A request and its payments as one statement reads them (JSON from Postgres). */
interface RequestRow {
  id: string;
  requester_user_id: string;
  requester_name: string;
  to_card_id: string;
  to_card_number: string;
  amount: string | null;
  description: string | null;
  status: "open" | "paid" | "cancelled";
  expired: boolean;
  expires_at: string;
  paid_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  payments_count: number;
  received_total: string;
  payments: {
    transaction_id: string;
    payer_user_id: string;
    payer_name: string;
    amount: string;
    paid_at: string;
  }[];
}

const iso = (value: string) => new Date(value).toISOString();

/**
 * The view of the request rows in `source` (a relation with payment_requests'
 * columns, aliased r) for one viewer, as JSON: the requester sees every payment
 * (the latest LISTED_PAYMENTS, with their count and sum); anyone else sees only
 * their own payments.
 */
function requestView(source: SQL, viewerId: string): SQL {
  const visible = sql`pp.request_id = r.id
    and (r.requester_user_id = ${viewerId}::uuid or pp.payer_user_id = ${viewerId}::uuid)`;
  return sql`select r.id, r.requester_user_id, u.full_name as requester_name,
      r.to_card_id, c.card_number as to_card_number, r.amount::text as amount, r.description,
      r.status, (r.status = 'open' and r.expires_at <= now()) as expired,
      r.expires_at, r.paid_at, r.cancelled_at, r.created_at,
      totals.payments_count, totals.received_total,
      coalesce((
        select json_agg(p order by p.paid_at desc, p.transaction_id)
        from (
          select pp.transaction_id, pp.payer_user_id, pu.full_name as payer_name,
                 t.amount::text as amount, pp.created_at as paid_at
          from payment_request_payments pp
          join transactions t on t.id = pp.transaction_id
          join users pu on pu.id = pp.payer_user_id
          where ${visible}
          order by pp.created_at desc, pp.transaction_id
          limit ${LISTED_PAYMENTS}
        ) p
      ), '[]'::json) as payments
    from ${source} r
    join users u on u.id = r.requester_user_id
    join cards c on c.id = r.to_card_id
    cross join lateral (
      select count(*)::int as payments_count, coalesce(sum(t.amount), 0)::text as received_total
      from payment_request_payments pp join transactions t on t.id = pp.transaction_id
      where ${visible}
    ) totals`;
}

/**
 * The wire form for this viewer. Anyone but the requester sees the requester's
 * masked name and nothing else about them (no card, no phone); the requester
 * sees the card and who paid (masked names).
 */
export function toRequestResponse(row: RequestRow, viewerId: string, webOrigin: string) {
  const mine = row.requester_user_id === viewerId;
  const status: RequestStatus = row.expired ? "expired" : row.status;
  return {
    id: row.id,
    url: `${webOrigin}/pay/${row.id}`,
    mine,
    requester_name: mine ? row.requester_name : maskOwnerName(row.requester_name),
    to_card: mine ? { id: row.to_card_id, card_number: row.to_card_number } : null,
    amount: row.amount === null ? null : formatMoney(BigInt(row.amount)),
    description: row.description,
    status,
    expires_at: iso(row.expires_at),
    created_at: iso(row.created_at),
    paid_at: row.paid_at ? iso(row.paid_at) : null,
    cancelled_at: row.cancelled_at ? iso(row.cancelled_at) : null,
    payments_count: row.payments_count,
    received_total: formatMoney(BigInt(row.received_total)),
    payments: row.payments.map((payment) => ({
      transaction_id: payment.transaction_id,
      payer_name:
        payment.payer_user_id === viewerId ? payment.payer_name : maskOwnerName(payment.payer_name),
      amount: formatMoney(BigInt(payment.amount)),
      paid_at: iso(payment.paid_at),
    })),
  };
}

export type RequestResponse = ReturnType<typeof toRequestResponse>;

async function oneRow<T>(db: Database, statement: SQL): Promise<T | undefined> {
  const { rows } = await db.execute(statement);
  return rows[0] as T | undefined;
}

/**
 * Creates a request to one of the requester's own active cards, in one
 * statement: a card that is not theirs is a 404 like everywhere, one that
 * cannot receive is refused (nobody could pay it).
 */
export async function createRequest(
  db: Database,
  requesterId: string,
  input: { toCardId: string; amount?: bigint; description?: string; expiresInHours: number },
): Promise<RequestRow> {
  const row = await oneRow<{ card_status: string | null; item: RequestRow | null }>(
    db,
    sql`with card as (
        select c.id, card_effective_status(c.status, c.expiry_date) as status
        from cards c where c.id = ${input.toCardId}::uuid and c.user_id = ${requesterId}::uuid
      ),
      created as (
        insert into payment_requests (requester_user_id, to_card_id, amount, description, expires_at)
        select ${requesterId}::uuid, card.id, ${input.amount?.toString() ?? null}::bigint,
               ${input.description ?? null}::text,
               now() + make_interval(hours => ${input.expiresInHours}::int)
        from card where card.status = 'active'
        returning *
      )
      select (select status::text from card) as card_status,
             (select row_to_json(v) from (${requestView(sql`created`, requesterId)}) v) as item`,
  );
  if (!row?.card_status) throw new ApiError("CARD_NOT_FOUND");
  if (!row.item) throw new ApiError("CARD_NOT_ACTIVE");
  return row.item;
}

/** One request for any logged-in viewer (what they see depends on who they are). */
export async function getRequest(db: Database, viewerId: string, id: string): Promise<RequestRow> {
  const row = await oneRow<{ item: RequestRow }>(
    db,
    sql`select row_to_json(v) as item from (${requestView(
      sql`(select * from payment_requests where id = ${id}::uuid)`,
      viewerId,
    )}) v`,
  );
  if (!row) throw new ApiError("PAYMENT_REQUEST_NOT_FOUND");
  return row.item;
}

const statusCondition: Record<RequestStatus, SQL> = {
  open: sql`status = 'open' and expires_at > now()`,
  expired: sql`status = 'open' and expires_at <= now()`,
  paid: sql`status = 'paid'`,
  cancelled: sql`status = 'cancelled'`,
};

/** The requester's requests, newest first, with the total, in one statement. */
export async function listRequests(
  db: Database,
  requesterId: string,
  filters: { status?: RequestStatus; page: number; limit: number },
): Promise<{ total: number; items: RequestRow[] }> {
  const where = sql`requester_user_id = ${requesterId}::uuid
    and ${filters.status ? statusCondition[filters.status] : sql`true`}`;
  const row = await oneRow<{ total: number; items: RequestRow[] }>(
    db,
    sql`with page as (
        select * from payment_requests where ${where}
        order by created_at desc, id desc
        limit ${filters.limit} offset ${(filters.page - 1) * filters.limit}
      )
      select (select count(*)::int from payment_requests where ${where}) as total,
        coalesce((
          select json_agg(v order by v.created_at desc, v.id desc)
          from (${requestView(sql`page`, requesterId)}) v
        ), '[]'::json) as items`,
  );
  return { total: Number(row?.total ?? 0), items: row?.items ?? [] };
}

/**
 * Cancels an open (or expired) request of the requester's, in one statement.
 * Cancelling again is harmless; a paid request stays paid (409). Another
 * user's request is a 404. The update waits for payments in flight (they hold
 * the row), so a request is never cancelled under a payer.
 */
export async function cancelRequest(
  db: Database,
  requesterId: string,
  id: string,
): Promise<RequestRow> {
  const cancelled = await oneRow<{ item: RequestRow | null }>(
    db,
    sql`with cancelled as (
        update payment_requests set status = 'cancelled', cancelled_at = now()
        where id = ${id}::uuid and requester_user_id = ${requesterId}::uuid and status = 'open'
        returning *
      )
      select (select row_to_json(v) from (${requestView(sql`cancelled`, requesterId)}) v) as item`,
  );
  if (cancelled?.item) return cancelled.item;
  // Not open (or a payer got there first): its state now, read afresh.
  const row = await oneRow<{ item: RequestRow }>(
    db,
    sql`select row_to_json(v) as item from (${requestView(
      sql`(select * from payment_requests
           where id = ${id}::uuid and requester_user_id = ${requesterId}::uuid)`,
      requesterId,
    )}) v`,
  );
  if (!row) throw new ApiError("PAYMENT_REQUEST_NOT_FOUND");
  if (row.item.status === "paid") throw new ApiError("PAYMENT_REQUEST_PAID");
  return row.item;
}
