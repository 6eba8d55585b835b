// After the load, the ledger must still add up, and the database must hold exactly
// the transfers the load generator was told succeeded (no lost or phantom money).
import type pg from "pg";

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export async function reconcile(client: pg.Client, since: Date, seen201: number): Promise<Check[]> {
  const sum = await client.query<{ total: string }>(
    "select coalesce(sum(amount), 0)::text as total from ledger_entries",
  );
  // One aggregate pass: every account whose stored balance (a card's is its row plus
  // its credit shards, card_totals()) differs from its entries.
  const drift = await client.query<{ accounts: number }>(
    `select count(*)::int as accounts from (
       select c.balance, coalesce(e.total, 0) as total from card_totals() c
       left join (select card_id, sum(amount) as total from ledger_entries
                  where card_id is not null group by card_id) e on e.card_id = c.card_id
       union all
       select s.balance, coalesce(e.total, 0) from system_accounts s
       left join (select system_account, sum(amount) as total from ledger_entries
                  where system_account is not null group by system_account) e
         on e.system_account = s.code
     ) balances where balance <> total`,
  );
  const transfers = await client.query<{ count: number }>(
    `select count(*)::int as count from transactions
     where type = 'transfer' and status = 'success' and created_at >= $1`,
    [since],
  );
  const total = sum.rows[0]?.total ?? "?";
  const accounts = drift.rows[0]?.accounts ?? -1;
  const stored = transfers.rows[0]?.count ?? -1;
  return [
    { name: "sum of all ledger entries = 0", pass: total === "0", detail: `sum = ${total}` },
    {
      name: "every balance = sum of its entries",
      pass: accounts === 0,
      detail: `${accounts} account(s) differ`,
    },
    {
      name: "successful transfers in DB = 201s seen",
      pass: stored === seen201,
      detail: `${stored} in DB, ${seen201} answered 201`,
    },
  ];
}
