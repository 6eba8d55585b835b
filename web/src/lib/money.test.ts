import { describe, expect, it } from "vitest";
import {
  commissionTiyin,
  formatBasisPoints,
  formatCompactSom,
  formatSom,
  fromTiyin,
  parseAmountInput,
  sumSom,
  toTiyin,
  uzbekNumberText,
} from "./money";

describe("formatSom", () => {
  it("groups thousands with spaces and uses a decimal comma", () => {
    expect(formatSom("1234567.50")).toBe("1 234 567,50 so'm");
    expect(formatSom("2000.00")).toBe("2 000,00 so'm");
    expect(formatSom("999.9")).toBe("999,90 so'm");
    expect(formatSom("0.05")).toBe("0,05 so'm");
    expect(formatSom("0")).toBe("0,00 so'm");
  });

  it("is exact for amounts beyond float precision", () => {
    expect(formatSom("90071992547409931.99")).toBe("90 071 992 547 409 931,99 so'm");
  });

  it("keeps a sign, a custom currency, and leaves non-money text alone", () => {
    expect(formatSom("-1500.5")).toBe("-1 500,50 so'm");
    expect(formatSom("1500", "сум")).toBe("1 500,00 сум");
    expect(formatSom("1500", "")).toBe("1 500,00");
    expect(formatSom("abc")).toBe("abc");
    expect(formatSom("1.234")).toBe("1.234");
  });
});

describe("tiyin conversions", () => {
  it("round-trips through the wire form", () => {
    expect(toTiyin("2000.5")).toBe(200050n);
    expect(toTiyin("0.29")).toBe(29n);
    expect(fromTiyin(200050n)).toBe("2000.50");
    expect(fromTiyin(-5n)).toBe("-0.05");
    expect(toTiyin("1e5")).toBeNull();
    expect(toTiyin("1.001")).toBeNull();
  });

  it("parses what people type", () => {
    expect(parseAmountInput("25 000")).toBe("25000.00");
    expect(parseAmountInput("25000,5")).toBe("25000.50");
    expect(parseAmountInput("0")).toBeNull();
    expect(parseAmountInput("-5")).toBeNull();
    expect(parseAmountInput("10.123")).toBeNull();
    expect(parseAmountInput("")).toBeNull();
  });

  it("sums exactly", () => {
    expect(sumSom(["0.10", "0.20"])).toBe("0.30");
    expect(sumSom([])).toBe("0.00");
  });
});

describe("commissionTiyin", () => {
  it("charges the rate in basis points, rounded half-up to the tiyin", () => {
    expect(commissionTiyin(2_000_00n, 100)).toBe(20_00n);
    expect(commissionTiyin(toTiyin("2000.50") as bigint, 100)).toBe(2001n); // 20.005 → 20.01
    expect(commissionTiyin(toTiyin("2000.49") as bigint, 100)).toBe(2000n); // 20.0049 → 20.00
    expect(commissionTiyin(toTiyin("1999999.99") as bigint, 100)).toBe(20_000_00n);
    expect(commissionTiyin(toTiyin("2500000") as bigint, 250n)).toBe(62_500_00n);
  });

  it("is exact beyond float precision", () => {
    expect(commissionTiyin(9_007_199_254_740_993_00n, 100)).toBe(90_071_992_547_409_93n);
  });

  it("charges nothing at a zero rate", () => {
    expect(commissionTiyin(2_000_000_00n, 0)).toBe(0n);
  });
});

describe("formatBasisPoints", () => {
  it("shows the rate as a percentage with the language's decimal separator", () => {
    expect(formatBasisPoints(100)).toBe("1%");
    expect(formatBasisPoints(0)).toBe("0%");
    expect(formatBasisPoints(250)).toBe("2,5%");
    expect(formatBasisPoints(5)).toBe("0,05%");
    expect(formatBasisPoints(1_000n)).toBe("10%");
    expect(formatBasisPoints(250, "ru")).toBe("2,5\u00a0%");
    expect(formatBasisPoints(250, "en")).toBe("2.5%");
    expect(formatBasisPoints(5, "en")).toBe("0.05%");
  });
});

describe("formatCompactSom", () => {
  it("shortens large amounts with the language's words", () => {
    expect(formatCompactSom(0, "uz")).toBe("0");
    expect(formatCompactSom(1_000_000, "uz")).toBe("1\u00a0mln");
    expect(formatCompactSom(1_500_000, "uz")).toBe("1,5\u00a0mln");
    expect(formatCompactSom(25_000, "uz")).toBe("25\u00a0ming");
    expect(formatCompactSom(1_000_000, "ru")).toBe("1\u00a0млн");
    expect(formatCompactSom(1_500_000, "ru")).toBe("1,5\u00a0млн");
    expect(formatCompactSom(1_000_000, "en")).toBe("1M");
    expect(formatCompactSom(1_500_000, "en")).toBe("1.5M");
  });

  it("writes English number text the Uzbek way where the runtime has no Uzbek data", () => {
    expect(uzbekNumberText("1.5M")).toBe("1,5\u00a0mln");
    expect(uzbekNumberText("25K")).toBe("25\u00a0ming");
    expect(uzbekNumberText("2B")).toBe("2\u00a0mlrd");
    expect(uzbekNumberText("2.5%")).toBe("2,5%");
    expect(uzbekNumberText("500")).toBe("500");
  });
});
