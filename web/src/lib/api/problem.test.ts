import { describe, expect, it } from "vitest";
import { ApiProblem, isRetryableAttempt, parseRetryAfter } from "./problem";

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

describe("isRetryableAttempt", () => {
  it("retries a lost answer, a 5xx and a request still in flight as the same attempt", () => {
    expect(isRetryableAttempt(new ApiProblem({ status: 0 }, "offline"))).toBe(true);
    expect(isRetryableAttempt(new ApiProblem({ status: 503 }, "down"))).toBe(true);
    expect(
      isRetryableAttempt(new ApiProblem({ status: 409, code: "IDEMPOTENCY_IN_PROGRESS" }, "busy")),
    ).toBe(true);
    expect(isRetryableAttempt(new TypeError("Failed to fetch"))).toBe(true);
  });

  it("retries a payment that only lacked its step-up confirmation (nothing moved)", () => {
    expect(
      isRetryableAttempt(new ApiProblem({ status: 403, code: "STEP_UP_REQUIRED" }, "confirm")),
    ).toBe(true);
  });

  it("never retries a refusal or when nothing failed", () => {
    expect(
      isRetryableAttempt(new ApiProblem({ status: 400, code: "INSUFFICIENT_FUNDS" }, "no")),
    ).toBe(false);
    expect(
      isRetryableAttempt(new ApiProblem({ status: 409, code: "PAYMENT_REQUEST_PAID" }, "paid")),
    ).toBe(false);
    expect(isRetryableAttempt(null)).toBe(false);
  });
});
