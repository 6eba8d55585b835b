// Benchmark fixtures, written straight into Postgres (seconds, not minutes):
// users sharing one cost-4 bcrypt hash, one active card each, funded through
// the real ledger_post so the ledger stays balanced, and the history rows of the
// read scenario. Then every sender logs in through the API for a real token.
import bcrypt from "bcryptjs";
import type pg from "pg";
import { generateCardNumber } from "../src/lib/card-number.ts";
import type { Send } from "./load.ts";

export interface Account {
  userId: string;
  phone: string;
  role: "user" | "premium";
  cardId: string;
  cardNumber: string;
  token: string;
}

export interface Fixtures {
  /** role user: pays 1 % commission to the platform card (the hot row). */
  users: Account[];
  premium: Account[];
  merchant: Account;
  /** 100 000 transactions, and 10. */
  heavy: Account;
  light: Account;
}

export const PASSWORD = "bench-password-1";
export const SYSTEM_USER = "00000000-0000-0000-0000-000000000000";
export const PLATFORM_CARD = "7777000000000000";
/** 100 000 000 so'm per card: the admin maximum of one deposit, far above what a run spends. */
const FUNDS_TIYIN = "10000000000";
const HEAVY_ROWS = 100_000;
const NOISE_ROWS = 400_000;

export async function seedFixtures(client: pg.Client, userCount: number): Promise<Fixtures> {
  const hash = await bcrypt.hash(PASSWORD, 4);
  const half = Math.floor(userCount / 2);
  // Senders, then the merchant, the two history owners, and three counterparties.
  const roles = Array.from({ length: userCount + 6 }, (_, i) =>
    i < half ? "user" : i < userCount ? "premium" : "user",
  );
  const phones = roles.map((_, i) => `+99899${String(i).padStart(7, "0")}`);
  const numbers = new Set<string>([PLATFORM_CARD]);
  while (numbers.size <= roles.length) numbers.add(generateCardNumber());
  numbers.delete(PLATFORM_CARD);

  const { rows } = await client.query<{ user_id: string; card_id: string; card_number: string }>(
    `with u as (
       insert into users (full_name, phone_number, password_hash, role)
       select 'Bench ' || p, p, $2, r from unnest($1::text[], $3::user_role[]) as t(p, r)
       returning id, phone_number)
     insert into cards (user_id, card_number, status, expiry_date)
     select u.id, n.number, 'active', (now() at time zone 'Asia/Tashkent')::date + interval '5 years'
     from u join unnest($1::text[], $4::text[]) as n(phone, number) on n.phone = u.phone_number
     returning user_id, id as card_id, card_number`,
    [phones, hash, roles, [...numbers]],
  );
  const byNumber = new Map(rows.map((row) => [row.card_number.trim(), row]));
  const accounts = [...numbers].map((number, i): Account => {
    const row = byNumber.get(number);
    if (!row) throw new Error(`seed: card ${number} was not created`);
    const role = roles[i] as Account["role"];
    return {
      userId: row.user_id,
      phone: phones[i] as string,
      role,
      cardId: row.card_id,
      cardNumber: number,
      token: "",
    };
  });

  // One statement funds every card; each call is a normal deposit from the treasury.
  const funded = await client.query<{ recorded: number }>(
    `select count(*) filter (where (ledger_post(p_type => 'deposit', p_initiator => $1,
       p_to_card_number => n, p_amount => $2, p_platform_card_number => $3,
       p_description => 'bench funds'))->>'status_code' = '201')::int as recorded
     from unnest($4::text[]) as n`,
    [SYSTEM_USER, FUNDS_TIYIN, PLATFORM_CARD, accounts.map((a) => a.cardNumber)],
  );
  if (funded.rows[0]?.recorded !== accounts.length) throw new Error("seed: a deposit was refused");

  const extra = (i: number) => accounts[userCount + i] as Account;
  const [heavy, light, peer] = [extra(1), extra(2), extra(3)];
  await seedHistory(client, heavy, peer, HEAVY_ROWS, "1 minute");
  await seedHistory(client, light, peer, 10, "1 minute");
  await seedNoise(client, extra(4), extra(5), NOISE_ROWS);
  // Cards may keep history counters the ledger maintains; rows inserted behind its back
  // need them recomputed (the function exists only once the schema has them).
  const { rows: counters } = await client.query<{ exists: boolean }>(
    "select to_regproc('ledger_rebuild_card_counters') is not null as exists",
  );
  if (counters[0]?.exists) await client.query("select ledger_rebuild_card_counters()");
  await client.query("vacuum analyze transactions, ledger_entries, cards");
  // Flush the bulk load now, so its checkpoint does not land in the first scenario
  // (needs a superuser; on a managed server we do without).
  await client.query("checkpoint").catch(() => undefined);
  return {
    users: accounts.slice(0, half),
    premium: accounts.slice(half, userCount),
    merchant: extra(0),
    heavy,
    light,
  };
}

/**
 * History as history-scale.test.ts builds it, one row per step back in time: even rows
 * are the owner's sent refusals (`failed`, no entries), odd rows transfers the owner
 * received (`success`, with their two entries and the balances moved, so the ledger
 * still reconciles). A refusal is its sender's record only, so this way every row is in
 * the owner's history.
 */
function seedHistory(
  client: pg.Client,
  owner: Account,
  other: Account,
  rows: number,
  step: string,
) {
  return client.query(
    `with moved as (
       insert into transactions (type, status, from_card_id, to_card_id, amount, commission,
                                 failure_reason, initiated_by, created_at, completed_at)
       select 'transfer', t.status::transaction_status,
              case when t.sent then $1::uuid else $2::uuid end,
              case when t.sent then $2::uuid else $1::uuid end,
              -- received amounts stay small: the peer's funds pay for all of them
              case when t.sent then 200000 + i else 100000 + i % 100000 end, 0,
              case when t.sent then 'INSUFFICIENT_FUNDS' end,
              case when t.sent then $5::uuid else $6::uuid end,
              now() - i * $4::interval,
              case when not t.sent then now() - i * $4::interval end
       from generate_series(1, $3::int) as i,
            lateral (select i % 2 = 0 as sent,
                            case when i % 2 = 0 then 'failed' else 'success' end as status) t
       returning id, status, from_card_id, to_card_id, amount, created_at),
     entries as (
       insert into ledger_entries (transaction_id, card_id, amount, created_at)
       select id, from_card_id, -amount, created_at from moved where status = 'success'
       union all
       select id, to_card_id, amount, created_at from moved where status = 'success'),
     total as (select coalesce(sum(amount), 0) as amount from moved where status = 'success')
     update cards c
     set balance = c.balance + case when c.id = $1::uuid then total.amount else -total.amount end,
         updated_at = now()
     from total where c.id in ($1::uuid, $2::uuid)`,
    [owner.cardId, other.cardId, rows, step, owner.userId, other.userId],
  );
}

/** Other people's refusals, so the history owners' rows are a small share of the table. */
function seedNoise(client: pg.Client, from: Account, to: Account, rows: number) {
  return client.query(
    `insert into transactions (type, status, from_card_id, to_card_id, amount, commission,
                               failure_reason, initiated_by, created_at)
     select 'transfer', 'failed', $1::uuid, $2::uuid, 200000 + i, 0, 'INSUFFICIENT_FUNDS',
            $4::uuid, now() - i * interval '1 second'
     from generate_series(1, $3::int) as i`,
    [from.cardId, to.cardId, rows, from.userId],
  );
}

/** Logs every account in through the API (a few at a time) and stores its access token. */
export async function logIn(send: Send, accounts: Account[], parallel = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < accounts.length; i = next++) {
      const account = accounts[i] as Account;
      const body = JSON.stringify({ phone_number: account.phone, password: PASSWORD });
      const reply = await send({ method: "POST", path: "/api/auth/login", body });
      if (reply.status !== 200)
        throw new Error(`login ${account.phone}: ${reply.status} ${reply.body}`);
      account.token = (JSON.parse(reply.body) as { access_token: string }).access_token;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
