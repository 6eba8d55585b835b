import { describe, expect, it } from "vitest";
import { displayPhone, normalizePhone } from "./phone";

const nbsp = "\u00a0";

describe("phone numbers", () => {
  it("shows a whole number in groups that never wrap", () => {
    expect(displayPhone("+998901234567")).toBe(`+998${nbsp}90${nbsp}123${nbsp}45${nbsp}67`);
    expect(displayPhone("+998 90 123-45-67")).toBe(displayPhone("+998901234567"));
  });

  it("shows the API's masked phone with the app's one masking glyph", () => {
    expect(displayPhone("+998 90 *** ** 11")).toBe(`+998${nbsp}90${nbsp}•••${nbsp}••${nbsp}11`);
    expect(displayPhone("+998 90 *** ** 11")).not.toMatch(/[ *]/);
  });

  it("normalizes only whole Uzbek numbers", () => {
    expect(normalizePhone("+998 (90) 123-45-67")).toBe("+998901234567");
    expect(normalizePhone("+998")).toBeNull();
    expect(normalizePhone("+99890123456")).toBeNull();
    expect(normalizePhone("+79001234567")).toBeNull();
  });
});
