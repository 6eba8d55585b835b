import { describe, expect, it } from "vitest";
import type { Transaction } from "../../../lib/api/client";
import { dailyTotals } from "./month-stats";

const tx = (created_at: string, amount: string, commission = "0.00"): Transaction => ({
  id: crypto.randomUUID(),
  type: "transfer",
  status: "success",
  from_card: { card_number: "7777 **** **** 9050", owner_name: "Alisher V." },
  to_card: { card_number: "7777123456789050", owner_name: "Bobur Karimov" },
  amount,
  commission,
  description: null,
  failure_reason: null,
  created_at,
  completed_at: created_at,
});

describe("dailyTotals", () => {
  it("sums income and spending (with commission) per Tashkent day, exactly", () => {
    const result = dailyTotals(
      "2026-11-01",
      "2026-11-03",
      [tx("2026-11-01T10:00:00Z", "0.10"), tx("2026-11-01T11:00:00Z", "0.20")],
      [tx("2026-11-02T19:30:00Z", "2000.50", "20.01")], // the 3rd in Tashkent
    );
    expect(result.income).toBe("0.30");
    expect(result.spending).toBe("2020.51");
    expect(result.days.map((d) => [d.day, d.income, d.spending])).toEqual([
      ["2026-11-01", "0.30", "0.00"],
      ["2026-11-02", "0.00", "0.00"],
      ["2026-11-03", "0.00", "2020.51"],
    ]);
    expect(result.days[2]?.spendingValue).toBe(2020.51);
  });
});
