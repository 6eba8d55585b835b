import { z } from "@hono/zod-openapi";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { PLATFORM_CARD_NUMBER } from "../../db/schema";
import { formatMoney } from "../../lib/money";
import { ApiError, PROBLEM_CODES, type ProblemCode } from "../../lib/problem";
import { type IdempotentOutcome, requestHashOf } from "../ledger/idempotency";
import type { Caller } from "../ledger/idempotent-posting";
import { ledgerError, ledgerOutcome, refusalError } from "../ledger/ledger.service";

export const CASH_IN_STATUSES = ["pending", "approved", "rejected", "expired"] as const;
export type CashInStatus = (typeof CASH_IN_STATUSES)[number];

const card = z.object({
  id: z.string(),
  card_number: z.string(),
  owner_id: z.string(),
  owner_name: z.string(),
});
const person = z.object({ id: z.string(), full_name: z.string() });

/** A cash-in as cash_in_snapshot() in SQL builds it. */
const cashInSnapshot = z.object({
  id: z.string(),
  status: z.enum(CASH_IN_STATUSES),
  /** tiyin as decimal text */
  amount: z.string(),
  to_card: card,
  from_card: card.nullable(),
  description: z.string().nullable(),
  created_by: person,
  decided_by: person.nullable(),
  reject_reason: z.string().nullable(),
  transaction_id: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
  decided_at: z.string().nullable(),
});
export type CashInSnapshot = z.infer<typeof cashInSnapshot>;

const iso = (value: string) => new Date(value).toISOString();

/** The wire form (admins only: card numbers and names in full). */
export function renderCashIn(snapshot: CashInSnapshot) {
  return {
    ...snapshot,
    amount: formatMoney(BigInt(snapshot.amount)),
    created_at: iso(snapshot.created_at),
    expires_at: iso(snapshot.expires_at),
    decided_at: snapshot.decided_at ? iso(snapshot.decided_at) : null,
  };
}

async function run(db: Database, statement: SQL): Promise<unknown> {
  try {
    const { rows } = await db.execute(statement);
    return rows[0]?.outcome;
  } catch (error) {
    throw ledgerError(error) ?? error;
  }
}

const requested = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("recorded"), body: cashInSnapshot }),
  z.object({
    outcome: z.literal("replay"),
    request_hash: z.string(),
    status_code: z.number().int(),
    body: z.unknown(),
    context: z.unknown(),
  }),
  z.object({
    outcome: z.literal("refused"),
    code: z.string(),
    min: z.string().nullable(),
    max: z.string().nullable(),
  }),
]);

export interface CashInRequest {
  to_card_number: string;
  amount: bigint;
  description?: string;
  from_card_id?: string;
}

/** What a cash-in request answered: a new (or replayed) pending cash-in, or a replayed posting. */
export type RequestOutcome =
  | { kind: "pending"; cashIn: CashInSnapshot; replayed: boolean }
  | { kind: "posted"; outcome: IdempotentOutcome };

const soM = (tiyin: string | null) => (tiyin === null ? "" : (BigInt(tiyin) / 100n).toString());

/**
 * A cash-in above the approval threshold: recorded pending by one statement
 * (cash_in_request in ./sql), under the caller's Idempotency-Key. The key's
 * row in Postgres decides, so a concurrent retry waits for the first and
 * replays it. The payload is hashed as an immediate cash-in's, so a key that
 * already posted (the threshold was higher then) replays that posting.
 */
export async function requestCashIn(
  db: Database,
  caller: Caller,
  input: CashInRequest,
  payloadHash: string,
): Promise<RequestOutcome> {
  const raw = await run(
    db,
    sql`select cash_in_request(
      p_creator => ${caller.id}::uuid,
      p_to_card_number => ${input.to_card_number}::text,
      p_amount => ${input.amount.toString()}::bigint,
      p_idempotency_key => ${caller.idempotencyKey}::text,
      p_request_hash => ${payloadHash}::text,
      p_from_card_id => ${input.from_card_id ?? null}::uuid,
      p_description => ${input.description || null}::text,
      p_response_context => ${JSON.stringify(caller.responseContext)}::jsonb
    ) as outcome`,
  );
  const result = requested.parse(raw);
  if (result.outcome === "refused") {
    const code = result.code in PROBLEM_CODES ? (result.code as ProblemCode) : "INTERNAL_ERROR";
    throw new ApiError(code, { params: { min: soM(result.min), max: soM(result.max) } });
  }
  if (result.outcome === "recorded")
    return { kind: "pending", cashIn: result.body, replayed: false };
  if (result.request_hash.trim() !== payloadHash) throw new ApiError("IDEMPOTENCY_KEY_REUSED");
  if (result.status_code === 202) {
    return { kind: "pending", cashIn: cashInSnapshot.parse(result.body), replayed: true };
  }
  const stored = ledgerOutcome.parse({
    outcome: "replay",
    status_code: result.status_code,
    request_hash: result.request_hash,
    transaction: result.body,
    context: result.context,
  });
  const outcome = { ...stored, replayed: true };
  if (outcome.status_code !== 201) throw refusalError(outcome);
  return { kind: "posted", outcome };
}

/**
 * The pending cash-in a key already holds, replayed (or 422 for another payload);
 * null when the key holds none. For an immediate cash-in whose key was first used
 * while the threshold was lower: ledger_post never posts under such a key, it
 * replays the key's record, which is not a posting.
 */
export async function replayPendingKey(
  db: Database,
  caller: Caller,
  payloadHash: string,
): Promise<RequestOutcome | null> {
  const { rows } = await db.execute(sql`
    select request_hash, response_body from idempotency_keys
    where user_id = ${caller.id}::uuid and key = ${caller.idempotencyKey}
      and status_code = 202 and expires_at > now()`);
  const row = rows[0] as { request_hash: string; response_body: unknown } | undefined;
  if (!row) return null;
  if (row.request_hash.trim() !== payloadHash) throw new ApiError("IDEMPOTENCY_KEY_REUSED");
  return { kind: "pending", cashIn: cashInSnapshot.parse(row.response_body), replayed: true };
}

/** The hash an immediate cash-in of this payload is stored under (postToLedgerOnce's). */
export function cashInPayloadHash(input: CashInRequest): Promise<string> {
  return requestHashOf({
    op: "deposit",
    from_card_id: input.from_card_id ?? null,
    to_card_number: input.to_card_number,
    amount: input.amount.toString(),
    description: input.description || null,
  });
}

const approved = z.object({ cash_in: cashInSnapshot });

/**
 * Approves a pending cash-in and posts it through the ledger, exactly once,
 * in one statement (cash_in_approve in ./sql): another admin than its creator,
 * before it expires, while its cards can still take it.
 */
export async function approveCashIn(db: Database, approverId: string, id: string) {
  const raw = await run(
    db,
    sql`select cash_in_approve(
      p_id => ${id}::uuid, p_approver => ${approverId}::uuid,
      p_platform_card_number => ${PLATFORM_CARD_NUMBER}::text
    ) as outcome`,
  );
  return approved.parse(raw).cash_in;
}

/** Rejects a pending cash-in with a reason (cash_in_reject in ./sql); nothing was posted. */
export async function rejectCashIn(db: Database, adminId: string, id: string, reason: string) {
  const raw = await run(
    db,
    sql`select cash_in_reject(
      p_id => ${id}::uuid, p_admin => ${adminId}::uuid, p_reason => ${reason}::text
    ) as outcome`,
  );
  return cashInSnapshot.parse(raw);
}

export async function getCashIn(db: Database, id: string) {
  const { rows } = await db.execute(sql`select cash_in_snapshot(${id}::uuid) as cash_in`);
  const found = rows[0]?.cash_in;
  if (!found) throw new ApiError("CASH_IN_NOT_FOUND");
  return cashInSnapshot.parse(found);
}

/** Filters by the status as of now: a pending cash-in past its expiry is expired. */
function statusCondition(status: CashInStatus | undefined): SQL {
  switch (status) {
    case undefined:
      return sql`true`;
    case "pending":
      return sql`p.status = 'pending' and p.expires_at > now()`;
    case "expired":
      return sql`(p.status = 'expired' or (p.status = 'pending' and p.expires_at <= now()))`;
    default:
      return sql`p.status = ${status}::cash_in_status`;
  }
}

/**
 * One page of cash-ins in one statement. The pending queue is oldest first
 * (the next to expire on top); every other view newest first.
 */
export async function listCashIns(
  db: Database,
  query: { status?: CashInStatus; page: number; limit: number },
) {
  const where = statusCondition(query.status);
  const order =
    query.status === "pending" ? sql`p.created_at asc, p.id` : sql`p.created_at desc, p.id`;
  const { rows } = await db.execute(sql`
    select
      (select count(*)::int from pending_cash_ins p where ${where}) as total,
      coalesce((
        select json_agg(cash_in_snapshot(page.id) order by page.n)
        from (
          select p.id, row_number() over (order by ${order}) as n
          from pending_cash_ins p where ${where}
          order by ${order}
          limit ${query.limit} offset ${(query.page - 1) * query.limit}
        ) page
      ), '[]'::json) as items`);
  const row = rows[0] as { total: number; items: unknown[] };
  return { total: row.total, items: row.items.map((item) => cashInSnapshot.parse(item)) };
}

/** The hourly job: marks pending cash-ins past their expiry (reads already show them expired). */
export async function expireCashIns(db: Database): Promise<number> {
  const { rows } = await db.execute(sql`
    update pending_cash_ins set status = 'expired'
    where status = 'pending' and expires_at <= now()
    returning id`);
  return rows.length;
}
