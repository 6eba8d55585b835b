import { describe, expect, it } from "vitest";
import { describeDevice, maskAddress } from "./device";

describe("device labels", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome 131 · Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari 17 · iPhone",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Microsoft Edge 131 · Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Safari 17 · macOS",
    ],
    ["okhttp/4.9.0", "okhttp 4"],
    ["curl/8.5.0", "curl 8"],
  ])("%s → %s", (userAgent, label) => {
    expect(describeDevice(userAgent)).toBe(label);
  });

  it("says nothing for an empty or meaningless User-Agent, and stays short", () => {
    expect(describeDevice(undefined)).toBeNull();
    expect(describeDevice("   ")).toBeNull();
    expect(describeDevice("(((")).toBeNull();
    expect(describeDevice(`${"x".repeat(40)}/1 ${"y".repeat(5000)}`)?.length ?? 0).toBeLessThan(65);
  });
});

describe("masked addresses", () => {
  it.each([
    ["203.0.113.45", "203.0.113.*"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::*"],
    ["2001:DB8::1", "2001:db8:0:0::*"],
    ["::ffff:198.51.100.7", "198.51.100.*"],
    ["999.1.1.1", null],
    ["unknown", null],
    ["", null],
  ])("%s → %s", (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});
