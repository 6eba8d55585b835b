import { describe, expect, it } from "vitest";
import { lastUsed } from "./last-used";

describe("a device's last use", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it.each([
    [0, { key: "devices.activeNow" }],
    [-30_000, { key: "devices.activeNow" }], // a clock a little ahead
    [119_000, { key: "devices.activeNow" }],
    [120_000, { key: "devices.minutesAgo", count: 2 }],
    [59 * 60_000, { key: "devices.minutesAgo", count: 59 }],
    [60 * 60_000, { key: "devices.hoursAgo", count: 1 }],
    [23 * 3_600_000 + 59 * 60_000, { key: "devices.hoursAgo", count: 23 }],
  ])("%i ms ago → %j", (ms, expected) => {
    expect(lastUsed(ago(ms), now)).toEqual(expected);
  });

  it("names the date from a day on", () => {
    const instant = ago(24 * 3_600_000);
    expect(lastUsed(instant, now)).toEqual({ date: instant });
  });
});
