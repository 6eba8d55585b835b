import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import { query, withDb } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { type HistoryFilters, historyQuery } from "./transactions.service";

const ROWS = 100_000;
const NOISE_ROWS = 400_000;

type PlanNode = Record<string, unknown>;

/** Every node of an EXPLAIN (FORMAT JSON) plan, subplans included. */
function planNodes(plan: PlanNode): PlanNode[] {
  const children = (plan.Plans as PlanNode[] | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

const describeNode = (node: PlanNode) =>
  `${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`;

/** Runs the history statement under EXPLAIN ANALYZE and returns its plan's nodes. */
async function analyzedHistory(userId: string, filters: Partial<HistoryFilters> = {}) {
  const plan = await withDb(async (db) => {
    const explained = await db.execute(
      sql`explain (analyze, format json) ${historyQuery(userId, { page: 1, limit: 8, ...filters })}`,
    );
    const document = explained.rows[0]?.["QUERY PLAN"] as { Plan: PlanNode }[];
    return document[0]?.Plan;
  });
  return planNodes(plan ?? {});
}

/** How many rows the plan's scans of transactions produced, over all their loops. */
const transactionRowsRead = (nodes: PlanNode[]) =>
  nodes
    .filter((node) => node["Relation Name"] === "transactions")
    .reduce((sum, node) => sum + Number(node["Actual Rows"]) * Number(node["Actual Loops"]), 0);

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
    // Rows written outside ledger_post: the cards' history counters are recounted.
    await query(sql`select ledger_rebuild_card_counters()`);
    await query(sql`vacuum analyze transactions`);
  }, 120_000);

  it("reads the page from the (card, created_at) indexes and the total from the counters", async () => {
    const nodes = await analyzedHistory(user.id);
    const scans = nodes.filter((node) => node["Relation Name"] === "transactions");
    expect(scans).not.toHaveLength(0);
    // Only the page's index reads touch transactions, from the index alone (no heap
    // visits): at most 8 rows per side, not the 100 000 the total stands for.
    expect(scans.map(describeNode)).toEqual(scans.map(() => "Index Only Scan on transactions"));
    expect(transactionRowsRead(nodes)).toBeLessThanOrEqual(2 * 8);
  });

  it("reads as few rows for every card, direction and status filter", async () => {
    for (const filters of [
      { card_id: card.id },
      { direction: "out" as const },
      { direction: "in" as const, status: "success" as const },
      { card_id: card.id, status: "failed" as const },
    ]) {
      const nodes = await analyzedHistory(user.id, filters);
      expect(transactionRowsRead(nodes), JSON.stringify(filters)).toBeLessThanOrEqual(2 * 8);
    }
  });

  it("counts the rows only for filters no counter answers (dates, amounts, type)", async () => {
    const nodes = await analyzedHistory(user.id, { min_amount: 200_000n });
    expect(transactionRowsRead(nodes)).toBeGreaterThanOrEqual(ROWS);
    const page = await call(`/api/transactions?limit=1&min_amount=2000`, {
      headers: bearer(user.accessToken),
    });
    expect(((await page.json()) as { total: number }).total).toBe(ROWS);
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
