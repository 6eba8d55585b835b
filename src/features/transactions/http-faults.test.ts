import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  holdTransactionOpen,
  ledgerInvariants,
  query,
} from "../../../test/worker/db";
import { sendMoney } from "../../../test/worker/transfers";
import { newUser } from "../../../test/worker/users";

/** The pids of sessions running a ledger posting that waits on a row lock. */
async function waitingPostings(): Promise<number[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const rows = await query(
      sql`select pid from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'
            and query like '%ledger_post%'`,
    );
    if (rows.length > 0) return rows.map((row) => Number(row.pid));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no posting started waiting on the lock");
}

describe("a transfer over Postgres' HTTP path when its backend dies", () => {
  it("answers a clean 503 problem, moves nothing, and the retry with the same key posts once", async () => {
    const sender = await newUser("Alisher Valiyev");
    const receiver = await newUser("Bobur Karimov");
    const from = await openActiveCard(sender);
    const to = await openActiveCard(receiver);
    await fund(from.card_number, 1_000_000_00n);
    const body = { from_card_id: from.id, to_card_number: to.card_number, amount: 100_000 };
    const key = crypto.randomUUID();

    // Hold the sender card's lock so the posting is caught mid-statement, then kill
    // the backend running it: its transaction never commits.
    const release = await holdTransactionOpen((tx) =>
      tx.execute(sql`select 1 from cards where id = ${from.id} for update`),
    );
    const transfer = sendMoney(sender, body, key);
    const [pid] = await waitingPostings();
    await query(sql`select pg_terminate_backend(${pid}::int)`);
    const failed = await transfer;
    await release();

    expect(failed.status).toBe(503);
    expect(failed.headers.get("content-type")).toContain("application/problem+json");
    expect(((await failed.json()) as { code: string }).code).toBe("SERVICE_UNAVAILABLE");
    expect(await balanceOf(from.card_number)).toBe(1_000_000_00n);
    expect(await balanceOf(to.card_number)).toBe(0n);

    const retried = await sendMoney(sender, body, key);
    expect(retried.status).toBe(201);
    const replayed = await sendMoney(sender, body, key);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await balanceOf(to.card_number)).toBe(100_000_00n);
    // 100 000 so'm and its 1 % commission, taken once.
    expect(await balanceOf(from.card_number)).toBe(1_000_000_00n - 100_000_00n - 1_000_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});
