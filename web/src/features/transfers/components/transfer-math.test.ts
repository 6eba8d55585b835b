import { describe, expect, it } from "vitest";
import type { RoleTerms } from "../../../lib/terms";
import { quoteTransfer } from "./transfer-math";

// Terms as GET /api/terms serves them; the quote follows whatever it is given.
const USER: RoleTerms = {
  commission_bp: 100,
  min_amount: "2000.00",
  max_amount: "2000000.00",
  max_cards: 1,
};
const PREMIUM: RoleTerms = { ...USER, commission_bp: 0, max_amount: "4000000.00", max_cards: 5 };

describe("quoteTransfer", () => {
  it("adds a 1% commission, half-up to the tiyin", () => {
    expect(quoteTransfer("25 000", USER, "1000000.00")).toEqual({
      amount: "25000.00",
      commission: "250.00",
      total: "25250.00",
      problem: undefined,
    });
    expect(quoteTransfer("2000,50", USER)?.commission).toBe("20.01");
    expect(quoteTransfer("2000.49", USER)?.commission).toBe("20.00");
  });

  it("charges nothing at a zero rate", () => {
    expect(quoteTransfer("3000000", PREMIUM)?.total).toBe("3000000.00");
    expect(quoteTransfer("3000000", PREMIUM)?.commission).toBe("0.00");
  });

  it("follows the served rate, not a rate of its own", () => {
    const dearer = { ...USER, commission_bp: 250, max_amount: "3000000.00" };
    expect(quoteTransfer("2500000", dearer)).toEqual({
      amount: "2500000.00",
      commission: "62500.00",
      total: "2562500.00",
      problem: undefined,
    });
    const quarter = { ...USER, commission_bp: 25, min_amount: "0.01" };
    expect(quoteTransfer("2.00", quarter)?.commission).toBe("0.01"); // 0.005 → 0.01
    expect(quoteTransfer("1.99", quarter)?.commission).toBe("0.00"); // 0.004975 → 0.00
  });

  it("flags the role's limits and the balance", () => {
    expect(quoteTransfer("1999.99", USER)?.problem).toBe("transfer.belowMin");
    expect(quoteTransfer("2000.00", USER)?.problem).toBeUndefined();
    expect(quoteTransfer("2000000.00", USER)?.problem).toBeUndefined();
    expect(quoteTransfer("2000000.01", USER)?.problem).toBe("transfer.aboveMax");
    expect(quoteTransfer("2000000.01", PREMIUM)?.problem).toBeUndefined();
    expect(quoteTransfer("4000000.01", PREMIUM)?.problem).toBe("transfer.aboveMax");
    expect(quoteTransfer("10000", USER, "10099.99")?.problem).toBe("transfer.insufficient");
    expect(quoteTransfer("10000", USER, "10100.00")?.problem).toBeUndefined();
  });

  it("is null until the input is an amount", () => {
    expect(quoteTransfer("", USER)).toBeNull();
    expect(quoteTransfer("12.345", USER)).toBeNull();
  });
});
