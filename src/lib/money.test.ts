import { describe, expect, it } from "vitest";
import { commissionFor, formatMoney, parseMoney, som } from "./money";

describe("parseMoney", () => {
  it("reads so'm numbers and strings with up to two decimals as exact tiyin", () => {
    expect(parseMoney(2000)).toBe(200_000n);
    expect(parseMoney("2000")).toBe(200_000n);
    expect(parseMoney("2000.5")).toBe(200_050n);
    expect(parseMoney(2000.5)).toBe(200_050n);
    expect(parseMoney("0.29")).toBe(29n);
    expect(parseMoney(0.29)).toBe(29n);
    expect(parseMoney("1999.99")).toBe(199_999n);
    expect(parseMoney("0")).toBe(0n);
  });

  it("refuses more than two decimals, negatives, exponents, NaN and junk", () => {
    for (const bad of [
      "2000.123",
      2000.123,
      "-1",
      -1,
      "1e3",
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      " 2000",
      "2,000",
      "0x10",
      null,
      true,
      {},
      [],
      "12345678901234",
    ]) {
      expect(parseMoney(bad), String(bad)).toBeNull();
    }
  });
});

describe("formatMoney", () => {
  it("writes two fraction digits in so'm", () => {
    expect(formatMoney(200_000n)).toBe("2000.00");
    expect(formatMoney(200_050n)).toBe("2000.50");
    expect(formatMoney(5n)).toBe("0.05");
    expect(formatMoney(0n)).toBe("0.00");
    expect(formatMoney(-123_45n)).toBe("-123.45");
  });

  it("round-trips with parseMoney", () => {
    for (const tiyin of [0n, 1n, 99n, 100n, 123_456_789n, 9_999_999_999_999_99n]) {
      expect(parseMoney(formatMoney(tiyin))).toBe(tiyin);
    }
  });
});

describe("commissionFor", () => {
  it("takes 1% rounded half-up to the tiyin", () => {
    expect(commissionFor(som(2000), 100n)).toBe(2_000n);
    expect(commissionFor(150n, 100n)).toBe(2n); // 1.5 tiyin → 2
    expect(commissionFor(149n, 100n)).toBe(1n); // 1.49 → 1
    expect(commissionFor(200_050n, 100n)).toBe(2_001n); // 2000.50 so'm → 20.005 → 20.01
    expect(commissionFor(200_049n, 100n)).toBe(2_000n);
    expect(commissionFor(som(2000), 0n)).toBe(0n);
  });
});
