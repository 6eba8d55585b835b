import { describe, expect, it } from "vitest";
import { displayDate, parseDisplayDate } from "./date-text";

describe("dates as typed", () => {
  it("reads dd.mm.yyyy as the API's day", () => {
    expect(parseDisplayDate("24.11.2026")).toBe("2026-11-24");
    expect(parseDisplayDate("01.01.2027")).toBe("2027-01-01");
    expect(parseDisplayDate("29.02.2028")).toBe("2028-02-29");
  });

  it("refuses partial text and days that do not exist", () => {
    expect(parseDisplayDate("24.11.20")).toBeNull();
    expect(parseDisplayDate("31.02.2026")).toBeNull();
    expect(parseDisplayDate("29.02.2026")).toBeNull();
    expect(parseDisplayDate("00.11.2026")).toBeNull();
    expect(parseDisplayDate("2026-11-24")).toBeNull();
  });

  it("writes the API's day as dd.mm.yyyy", () => {
    expect(displayDate("2026-11-24")).toBe("24.11.2026");
    expect(displayDate("2027-01-05")).toBe("05.01.2027");
  });
});
