import { describe, expect, it } from "vitest";
import { quoteTransfer } from "./transfer-math";

describe("quoteTransfer", () => {
  it("adds the user's 1% commission, half-up to the tiyin", () => {
    expect(quoteTransfer("25 000", "user", "1000000.00")).toEqual({
      amount: "25000.00",
      commission: "250.00",
      total: "25250.00",
      problem: undefined,
    });
    expect(quoteTransfer("2000,50", "user")?.commission).toBe("20.01");
    expect(quoteTransfer("2000.49", "user")?.commission).toBe("20.00");
  });

  it("charges premium and admin nothing", () => {
    expect(quoteTransfer("3000000", "premium")?.total).toBe("3000000.00");
    expect(quoteTransfer("3000000", "admin")?.commission).toBe("0.00");
  });

  it("flags the role's limits and the balance", () => {
    expect(quoteTransfer("1999.99", "user")?.problem).toBe("transfer.belowMin");
    expect(quoteTransfer("2000000.01", "user")?.problem).toBe("transfer.aboveMax");
    expect(quoteTransfer("2000000.01", "premium")?.problem).toBeUndefined();
    expect(quoteTransfer("10000", "user", "10099.99")?.problem).toBe("transfer.insufficient");
    expect(quoteTransfer("10000", "user", "10100.00")?.problem).toBeUndefined();
  });

  it("is null until the input is an amount", () => {
    expect(quoteTransfer("", "user")).toBeNull();
    expect(quoteTransfer("12.345", "user")).toBeNull();
  });
});
