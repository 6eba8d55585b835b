import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { formatMoney } from "../../lib/money";

export const AUDIT_ACTIONS = [
  "deposit",
  "cash_in.request",
  "cash_in.approve",
  "cash_in.reject",
  "card.status",
  "user.role",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditQuery {
  action?: AuditAction;
  actor_id?: string;
  /** First Asia/Tashkent day included, "YYYY-MM-DD". */
  from?: string;
  /** Last Asia/Tashkent day included, "YYYY-MM-DD". */
  to?: string;
  page: number;
  limit: number;
}

interface AuditRow {
  id: string;
  actor_id: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  created_at: string;
  card_id: string | null;
  card_number: string | null;
  card_owner_name: string | null;
  person_id: string | null;
  person_name: string | null;
  person_phone: string | null;
  amount: string | null;
  source_card_id: string | null;
  source_card_number: string | null;
}

function conditions(query: AuditQuery): SQL {
  const parts: SQL[] = [];
  if (query.action) parts.push(sql`a.action = ${query.action}`);
  if (query.actor_id) parts.push(sql`a.actor_user_id = ${query.actor_id}::uuid`);
  if (query.from) {
    parts.push(sql`a.created_at >= (${query.from}::date::timestamp at time zone 'Asia/Tashkent')`);
  }
  if (query.to) {
    // Inclusive last day: everything before the next day's midnight in Tashkent.
    parts.push(
      sql`a.created_at < ((${query.to}::date + 1)::timestamp at time zone 'Asia/Tashkent')`,
    );
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * One page of the audit log with what a reader needs to say each entry in words,
 * in one statement: the admin who acted; the card the action was about (a
 * cash-in's receiving card (posted or awaiting approval), or the card whose
 * status changed) with its owner;
 * the person (the user whose role changed, or the card's owner); and for a
 * cash-in its amount and the admin's card it was paid from (none: the treasury).
 * Only the page's rows are joined to their details.
 */
export async function listAuditLog(db: Database, query: AuditQuery) {
  const where = conditions(query);
  const result = await db.execute(sql`
    select
      (select count(*)::int from audit_log a where ${where}) as total,
      coalesce((
        select json_agg(detail order by detail.created_at_sort desc, detail.id_sort desc)
        from (
          select
            a.id::text as id, a.id as id_sort, a.created_at as created_at_sort,
            a.actor_user_id as actor_id, actor.full_name as actor_name,
            a.action, a.entity_type, a.entity_id, a.before, a.after,
            a.created_at,
            c.id as card_id, c.card_number, card_owner.full_name as card_owner_name,
            person.id as person_id, person.full_name as person_name,
            person.phone_number as person_phone,
            coalesce(t.amount, p.amount)::text as amount,
            source.id as source_card_id, source.card_number as source_card_number
          from (
            select * from audit_log a where ${where}
            order by a.created_at desc, a.id desc
            limit ${query.limit} offset ${(query.page - 1) * query.limit}
          ) a
          join users actor on actor.id = a.actor_user_id
          left join pending_cash_ins p
            on p.id = case a.entity_type when 'cash_in' then a.entity_id::uuid end
          left join transactions t
            on t.id = case a.entity_type when 'transaction' then a.entity_id::uuid end
          left join cards c
            on c.id = coalesce(t.to_card_id, p.to_card_id,
                               case a.entity_type when 'card' then a.entity_id::uuid end)
          left join users card_owner on card_owner.id = c.user_id
          left join users person
            on person.id = coalesce(case a.entity_type when 'user' then a.entity_id::uuid end, c.user_id)
          left join cards source on source.id = coalesce(t.from_card_id, p.from_card_id)
        ) detail
      ), '[]'::json) as items`);
  const row = result.rows[0] as { total: number; items: AuditRow[] };
  return {
    total: row.total,
    items: row.items.map((item) => ({
      id: item.id,
      actor: { id: item.actor_id, full_name: item.actor_name },
      action: item.action,
      entity_type: item.entity_type,
      entity_id: item.entity_id,
      card:
        item.card_id && item.card_number
          ? {
              id: item.card_id,
              card_number: item.card_number,
              owner_name: item.card_owner_name ?? "",
            }
          : null,
      person:
        item.person_id && item.person_name && item.person_phone
          ? { id: item.person_id, full_name: item.person_name, phone_number: item.person_phone }
          : null,
      amount: item.amount === null ? null : formatMoney(BigInt(item.amount)),
      source_card:
        item.source_card_id && item.source_card_number
          ? { id: item.source_card_id, card_number: item.source_card_number }
          : null,
      before: item.before,
      after: item.after,
      created_at: new Date(item.created_at).toISOString(),
    })),
  };
}
