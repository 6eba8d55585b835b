import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  daysOfMonth,
  formatDateTime,
  formatDay,
  formatTime,
  groupByDay,
  monthStart,
  tashkentDay,
} from "./dates";

describe("Tashkent days", () => {
  it("uses the Asia/Tashkent calendar (UTC+5)", () => {
    expect(tashkentDay("2026-11-23T18:59:59Z")).toBe("2026-11-23");
    expect(tashkentDay("2026-11-23T19:00:00Z")).toBe("2026-11-24");
    expect(monthStart(new Date("2026-11-30T20:00:00Z"))).toBe("2026-12-01");
  });

  it("does calendar arithmetic", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysOfMonth("2028-02-10")).toHaveLength(29);
    expect(daysOfMonth("2026-12-31").at(-1)).toBe("2026-12-31");
    expect(daysBetween("2026-11-29", "2026-12-01")).toEqual([
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
    ]);
  });
});

describe("formatting", () => {
  it("writes Uzbek dates by hand (browsers lack Uzbek locale data)", () => {
    expect(formatDay("2026-11-24", "uz")).toBe("24-noyabr 2026-yil");
    expect(formatDateTime("2026-11-24T02:10:00Z", "uz")).toBe("24-noyabr 2026-yil, 07:10");
    expect(formatTime("2026-11-23T19:05:00Z")).toBe("00:05");
  });

  it("uses Intl for Russian and English, in Tashkent time", () => {
    expect(formatDay("2026-11-24", "ru")).toBe("24 ноября 2026 г.");
    expect(formatDateTime("2026-11-24T02:10:00Z", "en")).toBe("24 November 2026 at 07:10");
  });
});

describe("groupByDay", () => {
  const now = new Date("2026-11-24T10:00:00Z"); // 15:00 in Tashkent
  const item = (id: string, created_at: string) => ({ id, created_at });

  it("labels today and yesterday in Tashkent and keeps the order", () => {
    const groups = groupByDay(
      [
        item("a", "2026-11-24T09:00:00Z"),
        item("b", "2026-11-23T19:30:00Z"), // 00:30 on the 24th in Tashkent: today
        item("c", "2026-11-23T18:30:00Z"), // 23:30 on the 23rd: yesterday
        item("d", "2026-11-20T08:00:00Z"),
        item("e", "2026-11-20T07:00:00Z"),
      ],
      now,
    );
    expect(groups.map((group) => [group.day, group.kind, group.items.map((i) => i.id)])).toEqual([
      ["2026-11-24", "today", ["a", "b"]],
      ["2026-11-23", "yesterday", ["c"]],
      ["2026-11-20", "date", ["d", "e"]],
    ]);
  });

  it("returns nothing for nothing", () => {
    expect(groupByDay([], now)).toEqual([]);
  });
});
