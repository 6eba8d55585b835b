import { describe, expect, it } from "vitest";
import { maskPhoneNumber } from "./phone-number";

describe("maskPhoneNumber", () => {
  it("keeps the operator code and the last two digits", () => {
    expect(maskPhoneNumber("+998901234511")).toBe("+998 90 *** ** 11");
    expect(maskPhoneNumber("+998971112233")).toBe("+998 97 *** ** 33");
  });

  it("never echoes something that is not a whole Uzbek number", () => {
    expect(maskPhoneNumber("+7900123")).toBe("+998 ** *** ** **");
  });
});
