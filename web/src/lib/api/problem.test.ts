import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./problem";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-12-02T10:00:00Z");

  it("reads delta-seconds", () => {
    expect(parseRetryAfter("840", now)).toBe(840);
    expect(parseRetryAfter(" 5 ", now)).toBe(5);
  });

  it("reads an HTTP date as the seconds until it", () => {
    expect(parseRetryAfter("Wed, 02 Dec 2026 10:02:30 GMT", now)).toBe(150);
    expect(parseRetryAfter("Wed, 02 Dec 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("gives null when the header is absent or unreadable", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});
