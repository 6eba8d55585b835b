import { describe, expect, it } from "vitest";
import type { Transaction } from "../../../lib/api/client";
import { dailyTotals } from "./month-stats";

const tx = (
  created_at: string,
  amount: string,
  commission = "0.00",
  status: Transaction["status"] = "success",
): Transaction => ({
  id: crypto.randomUUID(),
  type: "transfer",
  status,
  from_card: { card_number: "7777 **** **** 9050", owner_name: "Alisher V." },
  to_card: { card_number: "7777123456789050", owner_name: "Bobur Karimov" },
  to_phone: null,
  amount,
  commission,
  description: null,
  failure_reason: status === "failed" ? "INSUFFICIENT_FUNDS" : null,
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

  it("leaves refused transfers out of income and spending", () => {
    const result = dailyTotals(
      "2026-11-01",
      "2026-11-01",
      [
        tx("2026-11-01T10:00:00Z", "500.00"),
        tx("2026-11-01T11:00:00Z", "90000.00", "0.00", "failed"),
      ],
      [
        tx("2026-11-01T12:00:00Z", "1000.00", "10.00"),
        tx("2026-11-01T13:00:00Z", "50000.00", "500.00", "failed"),
      ],
    );
    expect(result.income).toBe("500.00");
    expect(result.spending).toBe("1010.00");
    expect(result.days[0]?.incomeValue).toBe(500);
    expect(result.days[0]?.spendingValue).toBe(1010);
  });
});
