// What must hold after the run, whatever the faults did: money is conserved, every
// acknowledged payment exists exactly once, nothing refused exists, and the only
// server errors were 503 problems while something was broken.
import type pg from "pg";
import { parseMoney } from "../../src/lib/money.ts";
import type { Attempt, Operation } from "./clients.ts";
import type { FaultWindow } from "./faults.ts";

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** How long after a fault's recovery a late 503 (a request that began during it) still counts. */
const GRACE_MS = 3_000;
/** The API must answer normally this soon after a fault is healed. */
export const RECOVERY_LIMIT_MS = 10_000;

const during = (attempt: Attempt, windows: FaultWindow[]) =>
  windows.some(
    (w) =>
      attempt.endedAt >= w.startedAt &&
      attempt.startedAt <= (w.recoveredAt ?? w.healedAt) + GRACE_MS,
  );

/** A 503 with an RFC 9457 body and nothing of the server's insides. */
function isCleanOutage(attempt: Attempt): boolean {
  if (attempt.status !== 503 || attempt.contentType !== "application/problem+json") return false;
  try {
    const problem = JSON.parse(attempt.body) as { status?: number; code?: string };
    return (
      problem.status === 503 &&
      typeof problem.code === "string" &&
      !/\bat .+:\d+:\d+|stack|Error:/.test(attempt.body)
    );
  } catch {
    return false;
  }
}

const check = (name: string, pass: boolean, detail: string): Check => ({ name, pass, detail });

export async function runChecks(
  db: pg.Client,
  operations: Operation[],
  windows: FaultWindow[],
): Promise<Check[]> {
  const checks: Check[] = [];
  const one = async <T>(sql: string): Promise<T> => (await db.query(sql)).rows[0] as T;

  const { total } = await one<{ total: string }>(
    "select coalesce(sum(amount), 0)::text as total from ledger_entries",
  );
  checks.push(check("sum of all ledger entries = 0", total === "0", `sum = ${total}`));

  // A card's balance is its row plus its credit shards (card_totals()).
  const { drifted } = await one<{ drifted: number }>(
    `select count(*)::int as drifted from (
       select c.balance, coalesce(sum(e.amount), 0) as total
       from card_totals() c left join ledger_entries e on e.card_id = c.card_id
       group by c.card_id, c.balance
       union all
       select s.balance, coalesce(sum(e.amount), 0)
       from system_accounts s left join ledger_entries e on e.system_account = s.code group by s.code
     ) b where balance <> total`,
  );
  checks.push(
    check("every balance = sum of its entries", drifted === 0, `${drifted} account(s) differ`),
  );

  const { negative } = await one<{ negative: number }>(
    "select count(*)::int as negative from card_totals() where balance < 0",
  );
  checks.push(check("no negative card balance", negative === 0, `${negative} card(s) below 0`));

  // Every entry written through the faults is a valid link of its account's hash chain.
  const { proof } = await one<{
    proof: { valid: boolean; entries: number; chains: number; broken: unknown };
  }>("select ledger_proof() as proof");
  checks.push(
    check(
      "ledger proof: every hash chain valid",
      proof.valid,
      proof.valid
        ? `${proof.entries} entries in ${proof.chains} chains`
        : `first broken link ${JSON.stringify(proof.broken)}`,
    ),
  );

  const money = await one<{ cards: string; treasury: string; deposits: string }>(
    `select (select sum(balance) from card_totals())::text as cards,
            (select -balance from system_accounts where code = 'treasury')::text as treasury,
            (select coalesce(sum(amount), 0) from transactions
              where type = 'deposit' and status = 'success')::text as deposits`,
  );
  checks.push(
    check(
      "card balances add up to the cash-in",
      money.cards === money.deposits && money.treasury === money.deposits,
      `cards ${money.cards}, cash-in ${money.deposits}, treasury out ${money.treasury} (tiyin)`,
    ),
  );

  // Every payment that moved money, and the key it was made under.
  const { rows: stored } = await db.query<{
    key: string | null;
    transaction_id: string;
    amount: string;
  }>(
    `select k.key, t.id as transaction_id, t.amount::text as amount
     from transactions t left join idempotency_keys k on k.transaction_id = t.id
     where t.status = 'success' and t.type in ('transfer', 'deposit')`,
  );
  const byKey = new Map<string, { transaction_id: string; amount: string }[]>();
  const byTransaction = new Map<string, number>();
  for (const row of stored) {
    byTransaction.set(row.transaction_id, (byTransaction.get(row.transaction_id) ?? 0) + 1);
    if (row.key) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  }
  const ours = new Map(operations.map((op) => [op.key, op]));

  const acknowledged = operations.filter((op) => op.outcome === "success");
  const missing = acknowledged.filter((op) => {
    const rows = byKey.get(op.key) ?? [];
    const [id] = [...op.transactionIds];
    return (
      op.transactionIds.size !== 1 ||
      rows.length !== 1 ||
      rows[0]?.transaction_id !== id ||
      rows[0]?.amount !== String(parseMoney(op.body.amount))
    );
  });
  checks.push(
    check(
      "every payment a client saw succeed exists exactly once, as asked",
      missing.length === 0,
      `${acknowledged.length} acknowledged, ${missing.length} missing or different${
        missing[0] ? ` (e.g. key ${missing[0].key})` : ""
      }`,
    ),
  );

  const refused = operations.filter((op) => op.outcome === "refused");
  const refusedButStored = refused.filter((op) => byKey.has(op.key));
  checks.push(
    check(
      "no payment exists whose final answer was a refusal",
      refusedButStored.length === 0,
      `${refused.length} refused, ${refusedButStored.length} of them stored as successful`,
    ),
  );

  const unkeyed = stored.filter((row) => !row.key || !ours.has(row.key));
  const doubled = [...byTransaction.values()].filter((n) => n > 1).length;
  const unknown = operations.filter((op) => op.outcome === "unknown");
  const unknownStored = unknown.filter((op) => byKey.has(op.key)).length;
  checks.push(
    check(
      "no duplicate or unrequested execution",
      unkeyed.length === 0 && doubled === 0,
      `${stored.length} successful payments stored, ${unkeyed.length} under no key of ours, ` +
        `${doubled} under two keys; ${unknown.length} gave up unanswered (${unknownStored} of them did complete)`,
    ),
  );

  const attempts = operations.flatMap((op) => op.attempts);
  const serverErrors = attempts.filter((a) => a.status >= 500);
  const unclean = serverErrors.filter((a) => !isCleanOutage(a));
  const outsideFaults = serverErrors.filter((a) => !during(a, windows));
  checks.push(
    check(
      "every 5xx was a 503 problem while a fault was on",
      unclean.length === 0 && outsideFaults.length === 0,
      `${serverErrors.length} 5xx: ${unclean.length} not a clean 503 problem${
        unclean[0] ? ` (e.g. ${unclean[0].status} ${unclean[0].body.slice(0, 160)})` : ""
      }, ${outsideFaults.length} outside a fault`,
    ),
  );

  const silent = attempts.filter((a) => a.status === 0 && !a.aborted && !during(a, windows));
  checks.push(
    check(
      "no request went unanswered outside a fault",
      silent.length === 0,
      `${silent.length} unanswered${silent[0] ? ` (e.g. ${silent[0].error})` : ""}`,
    ),
  );

  const slow = windows.filter(
    (w) => w.recoveredAt === null || w.recoveredAt - w.healedAt > RECOVERY_LIMIT_MS,
  );
  checks.push(
    check(
      `the API answers normally within ${RECOVERY_LIMIT_MS / 1000} s of each fault`,
      slow.length === 0,
      windows
        .map(
          (w) =>
            `${w.name}: ${w.recoveredAt === null ? "never" : `${w.recoveredAt - w.healedAt} ms`}`,
        )
        .join("; "),
    ),
  );

  const lastRecovery = Math.max(0, ...windows.map((w) => w.recoveredAt ?? Infinity));
  const afterwards = acknowledged.filter(
    (op) => (op.attempts.at(-1)?.startedAt ?? 0) > lastRecovery,
  ).length;
  checks.push(
    check(
      "payments succeed again after the last fault",
      afterwards > 0,
      `${afterwards} acknowledged after the last recovery`,
    ),
  );
  return checks;
}
