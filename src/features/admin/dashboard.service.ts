import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { formatMoney } from "../../lib/money";

/** Every YYYY-MM-DD of the month that contains `day`. */
function monthDays(day: string): string[] {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from(
    { length },
    (_, index) => `${day.slice(0, 8)}${String(index + 1).padStart(2, "0")}`,
  );
}

const percent = (part: number, whole: number) =>
  whole === 0 ? "0.00" : ((part * 100) / whole).toFixed(2);

/**
 * The admin dashboard for one Asia/Tashkent day: totals, success rate, and
 * chart series (per hour of the day, per day of its month). Aggregates run in
 * Postgres; an empty day is all zeros, never an error. Without a day, today
 * in Tashkent by the database's clock.
 */
export async function dashboard(db: Database, requestedDay: string | undefined) {
  const result = await db.execute(sql`
    with chosen as (select coalesce(${requestedDay ?? null}::date, tashkent_today()) as day),
    bounds as (
      select (day::timestamp at time zone 'Asia/Tashkent') as day_start,
             ((day + 1)::timestamp at time zone 'Asia/Tashkent') as day_end,
             (date_trunc('month', day)::timestamp at time zone 'Asia/Tashkent') as month_start,
             ((date_trunc('month', day) + interval '1 month')::timestamp at time zone 'Asia/Tashkent') as month_end
      from chosen
    ),
    day_tx as (
      select t.* from transactions t, bounds b where t.created_at >= b.day_start and t.created_at < b.day_end
    ),
    month_tx as (
      select t.* from transactions t, bounds b where t.created_at >= b.month_start and t.created_at < b.month_end
    )
    select
      (select day::text from chosen) as day,
      (select coalesce(sum(balance), 0)::text from card_totals()) as total_balance,
      (select coalesce(sum(amount + commission) filter (where status = 'success' and from_card_id is not null), 0)::text
         from day_tx) as sent,
      (select coalesce(sum(amount) filter (where status = 'success'), 0)::text from day_tx) as received,
      (select coalesce(sum(commission) filter (where status = 'success'), 0)::text from day_tx) as commission,
      (select count(*)::int from day_tx) as total_count,
      (select count(*)::int from day_tx where status = 'success') as success_count,
      (select count(*)::int from day_tx where status = 'failed') as failed_count,
      (select coalesce(json_agg(h order by h.hour), '[]'::json) from (
         select extract(hour from created_at at time zone 'Asia/Tashkent')::int as hour,
                coalesce(sum(amount) filter (where status = 'success'), 0)::text as volume,
                count(*)::int as count
         from day_tx group by 1) h) as hourly,
      (select coalesce(json_agg(d order by d.date), '[]'::json) from (
         select to_char(created_at at time zone 'Asia/Tashkent', 'YYYY-MM-DD') as date,
                coalesce(sum(amount) filter (where status = 'success'), 0)::text as volume,
                count(*)::int as count
         from month_tx group by 1) d) as daily`);
  const row = result.rows[0] as {
    day: string;
    total_balance: string;
    sent: string;
    received: string;
    commission: string;
    total_count: number;
    success_count: number;
    failed_count: number;
    hourly: { hour: number; volume: string; count: number }[];
    daily: { date: string; volume: string; count: number }[];
  };
  const byHour = new Map(row.hourly.map((point) => [point.hour, point]));
  const byDate = new Map(row.daily.map((point) => [point.date, point]));
  const day = row.day;
  return {
    date: day,
    total_balance: formatMoney(BigInt(row.total_balance)),
    sender_transactions: formatMoney(BigInt(row.sent)),
    receiver_transactions: formatMoney(BigInt(row.received)),
    total_commission: formatMoney(BigInt(row.commission)),
    total_count: row.total_count,
    success_transfers_count: row.success_count,
    failed_transfers_count: row.failed_count,
    success_percent: percent(row.success_count, row.total_count),
    failed_percent: percent(row.failed_count, row.total_count),
    // Every hour and every day of the month present (zeros included): no gap filling in charts.
    hourly: Array.from({ length: 24 }, (_, hour) => {
      const point = byHour.get(hour);
      return { hour, volume: formatMoney(BigInt(point?.volume ?? "0")), count: point?.count ?? 0 };
    }),
    daily: monthDays(day).map((date) => {
      const point = byDate.get(date);
      return { date, volume: formatMoney(BigInt(point?.volume ?? "0")), count: point?.count ?? 0 };
    }),
  };
}
