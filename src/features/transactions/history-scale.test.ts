import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import { query, withDb } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { historyQuery } from "./transactions.service";

const ROWS = 100_000;
const NOISE_ROWS = 400_000;

/** Walks an EXPLAIN (FORMAT JSON) plan and lists "node on relation" for every node. */
function planNodes(plan: Record<string, unknown>): string[] {
  const here = `${plan["Node Type"]}${plan["Relation Name"] ? ` on ${plan["Relation Name"]}` : ""}`;
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [here, ...children.flatMap(planNodes)];
}

describe("history at scale", () => {
  let user: TestUser;
  let card: TestCard;

  beforeAll(async () => {
    user = await newUser();
    card = await openActiveCard(user);
    const other = await openActiveCard(await newUser());
    // 100 000 rows, one per minute going back in time: half sent (recorded refusals) and
    // half received (successes; a receiver sees only those). They carry no ledger
    // entries and change no balance, so the ledger's invariants still hold.
    await query(sql`
      insert into transactions (type, status, from_card_id, to_card_id, amount, commission, failure_reason, created_at, completed_at)
      select 'transfer', case when i % 2 = 0 then 'failed' else 'success' end::transaction_status,
             case when i % 2 = 0 then ${card.id}::uuid else ${other.id}::uuid end,
             case when i % 2 = 0 then ${other.id}::uuid else ${card.id}::uuid end,
             200000 + i, 0, case when i % 2 = 0 then 'INSUFFICIENT_FUNDS' end,
             now() - make_interval(mins => i), case when i % 2 = 1 then now() - make_interval(mins => i) end
      from generate_series(1, ${ROWS}) as i`);
    // Other people's traffic: in a real database a user's rows are a small share of the table.
    const [a, b] = [await openActiveCard(await newUser()), await openActiveCard(await newUser())];
    await query(sql`
      insert into transactions (type, status, from_card_id, to_card_id, amount, commission, failure_reason, created_at)
      select 'transfer', 'failed', ${a.id}::uuid, ${b.id}::uuid, 200000, 0, 'INSUFFICIENT_FUNDS',
             now() - make_interval(secs => i)
      from generate_series(1, ${NOISE_ROWS}) as i`);
    await query(sql`vacuum analyze transactions`);
  }, 120_000);

  it("reads the page and the counts from the (card, created_at) indexes alone", async () => {
    const plan = await withDb(async (db) => {
      const explained = await db.execute(
        sql`explain (format json) ${historyQuery([card.id], { page: 1, limit: 8 })}`,
      );
      const document = explained.rows[0]?.["QUERY PLAN"] as { Plan: Record<string, unknown> }[];
      return document[0]?.Plan;
    });
    const nodes = planNodes(plan ?? {});
    expect(nodes.filter((node) => node.includes("on transactions"))).not.toHaveLength(0);
    expect(nodes).not.toContain("Seq Scan on transactions");
    // The page and both counts are answered from the indexes alone (no heap visits).
    const scans = nodes.filter((node) => node.endsWith("on transactions"));
    expect(scans).toEqual(scans.map(() => "Index Only Scan on transactions"));
  });

  it("answers the newest page and a deep page correctly", async () => {
    const first = await call("/api/transactions?limit=3", { headers: bearer(user.accessToken) });
    const page = (await first.json()) as { total: number; data: { amount: string }[] };
    expect(page.total).toBe(ROWS);
    expect(page.data.map((t) => t.amount)).toEqual(["2000.01", "2000.02", "2000.03"]);
    const deep = await call("/api/transactions?limit=100&page=1000", {
      headers: bearer(user.accessToken),
    });
    const last = (await deep.json()) as { data: { amount: string }[] };
    expect(last.data).toHaveLength(100);
    expect(last.data.at(-1)?.amount).toBe("3000.00");
  });
});
