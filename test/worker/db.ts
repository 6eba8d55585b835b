import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { loadConfig } from "../../src/config";
import {
  closePool,
  type Database,
  openHttpDatabase,
  openPooledDatabase,
  type TransactionalDatabase,
} from "../../src/db/client";

type Transaction = Parameters<Parameters<TransactionalDatabase["transaction"]>[0]>[0];

function testConfig() {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(`test env misconfigured: ${loaded.variables.join(", ")}`);
  return loaded.config;
}

/** Runs `work` with the Worker's own database client (Neon's HTTP driver). */
export async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
  return work(openHttpDatabase(testConfig()));
}

/** Runs `work` with a Pool like the Worker's interactive transactions use (Neon's WebSocket driver). */
export async function withTransactionalDb<T>(
  work: (db: TransactionalDatabase) => Promise<T>,
): Promise<T> {
  const { db, pool } = openPooledDatabase(testConfig());
  try {
    return await work(db);
  } finally {
    await closePool(pool);
  }
}

/**
 * Runs `work` in a transaction that stays open until the returned release is
 * called: its row locks are held meanwhile.
 */
export async function holdTransactionOpen(work: (tx: Transaction) => Promise<unknown>) {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ready = () => {};
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const done = withTransactionalDb((db) =>
    db.transaction(async (tx) => {
      await work(tx);
      ready();
      await held;
    }),
  );
  await Promise.race([isReady, done]);
  return async () => {
    release();
    await done;
  };
}

export const query = (statement: ReturnType<typeof sql>) =>
  withDb(async (db) => (await db.execute(statement)).rows);

/** Sessions of the test database waiting for a lock right now. */
export async function lockWaiters(): Promise<number> {
  const [row] = await query(
    sql`select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return Number(row?.waiting);
}

/** Resolves once at least `count` sessions wait for a lock (5 s at most). */
export async function waitForLockWaiters(count: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await lockWaiters()) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} sessions started waiting on a lock`);
}

/**
 * Rewrites the hash chains of every account a transaction touched, from their
 * first entry, after a test changed that transaction's entries on purpose (a
 * statement test moves a payment to another day). It is what a forger would
 * have to do; the head rows are locked first, as a posting locks them, so
 * postings of other tests wait instead of chaining onto a stale head.
 */
export async function rechainAccountsOf(transactionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(transactionId)) throw new Error(`not a uuid: ${transactionId}`);
  await query(
    sql.raw(`DO $rechain$
DECLARE
  a record;
  e record;
  v_prev bytea;
BEGIN
  FOR a IN
    SELECT DISTINCT card_id, system_account, shard,
           ledger_chain_account(card_id, system_account, shard) AS account
    FROM ledger_entries WHERE transaction_id = '${transactionId}'::uuid
    ORDER BY account
  LOOP
    IF a.card_id IS NULL THEN
      PERFORM 1 FROM system_accounts WHERE code = a.system_account FOR UPDATE;
    ELSIF a.shard IS NULL THEN
      PERFORM 1 FROM cards WHERE id = a.card_id FOR UPDATE;
    ELSE
      PERFORM 1 FROM card_credit_shards WHERE card_id = a.card_id AND shard = a.shard FOR UPDATE;
    END IF;
    v_prev := NULL;
    FOR e IN
      SELECT le.id, le.transaction_id, t.type::text AS type, le.chain_position, le.amount, le.created_at
      FROM ledger_entries le JOIN transactions t ON t.id = le.transaction_id
      WHERE le.card_id IS NOT DISTINCT FROM a.card_id
        AND le.system_account IS NOT DISTINCT FROM a.system_account
        AND le.shard IS NOT DISTINCT FROM a.shard
      ORDER BY le.chain_position
    LOOP
      v_prev := ledger_entry_hash(v_prev, e.id, e.transaction_id, e.type, a.account,
                                  e.chain_position, e.amount, e.created_at);
      UPDATE ledger_entries SET hash = v_prev WHERE id = e.id;
    END LOOP;
    IF a.card_id IS NULL THEN
      UPDATE system_accounts SET chain_head = v_prev WHERE code = a.system_account;
    ELSIF a.shard IS NULL THEN
      UPDATE cards SET chain_head = v_prev WHERE id = a.card_id;
    ELSE
      UPDATE card_credit_shards SET chain_head = v_prev WHERE card_id = a.card_id AND shard = a.shard;
    END IF;
  END LOOP;
END
$rechain$`),
  );
}

const SYSTEM_USER = "00000000-0000-0000-0000-000000000000";

/** Cash-in from the treasury through the real ledger function (the admin deposit path). */
export async function fund(cardNumber: string, tiyin: bigint): Promise<void> {
  const rows = await query(sql`
    select ledger_post(p_type => 'deposit', p_initiator => ${SYSTEM_USER}::uuid,
      p_to_card_number => ${cardNumber}::text, p_amount => ${tiyin.toString()}::bigint,
      p_platform_card_number => '7777000000000000', p_description => 'test funding') as outcome`);
  const outcome = rows[0]?.outcome as {
    status_code: number;
    transaction: { failure_reason: string };
  };
  if (outcome.status_code !== 201)
    throw new Error(`funding failed: ${outcome.transaction.failure_reason}`);
}

/**
 * Takes the user's step-up threshold out of the way (straight in the table: the
 * API caps it at the role's maximum), for tests about other rules of large transfers.
 */
export async function withoutStepUp(userId: string) {
  await query(
    sql`update users set step_up_threshold = ${"9223372036854775807"}::bigint where id = ${userId}`,
  );
}

export async function setRole(userId: string, role: "user" | "premium" | "admin") {
  await query(sql`update users set role = ${role} where id = ${userId}`);
}

export async function setCardColumns(
  cardId: string,
  changes: { status?: string; expiry_date?: string },
) {
  // A frozen card records who froze it; here, as if its owner did.
  if (changes.status)
    await query(sql`update cards set status = ${changes.status},
      frozen_by = case when ${changes.status} = 'frozen' then 'owner'::card_freezer end
      where id = ${cardId}`);
  if (changes.expiry_date)
    await query(sql`update cards set expiry_date = ${changes.expiry_date} where id = ${cardId}`);
}

/** A card's balance: its row plus its credit shards (card_totals()). */
export async function balanceOf(cardNumber: string): Promise<bigint> {
  const rows = await query(
    sql`select k.balance::text as balance from cards c join card_totals() k on k.card_id = c.id
        where c.card_number = ${cardNumber}`,
  );
  return BigInt(rows[0]?.balance as string);
}

/**
 * The ledger's invariants over the whole database: entries sum to zero, balances
 * (card_totals()) equal entries, none negative, every hash chain valid.
 */
export async function ledgerInvariants() {
  const rows = await query(sql`
    select
      (select coalesce(sum(amount), 0)::text from ledger_entries) as entries_sum,
      (select count(*)::int from card_totals() where balance < 0) as negative_cards,
      (select count(*)::int from card_totals() c
         where c.balance <> coalesce((select sum(e.amount) from ledger_entries e where e.card_id = c.card_id), 0)
      ) as mismatched_cards,
      (select count(*)::int from system_accounts s
         where s.balance <> coalesce((select sum(e.amount) from ledger_entries e where e.system_account = s.code), 0)
      ) as mismatched_accounts,
      (select count(*)::int from (select transaction_id from ledger_entries group by transaction_id having sum(amount) <> 0) x
      ) as unbalanced_transactions,
      (ledger_proof() ->> 'valid')::boolean as chains_valid`);
  return rows[0] as {
    entries_sum: string;
    negative_cards: number;
    mismatched_cards: number;
    mismatched_accounts: number;
    unbalanced_transactions: number;
    chains_valid: boolean;
  };
}

export const HEALTHY_LEDGER = {
  entries_sum: "0",
  negative_cards: 0,
  mismatched_cards: 0,
  mismatched_accounts: 0,
  unbalanced_transactions: 0,
  chains_valid: true,
};
