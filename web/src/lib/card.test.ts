import { describe, expect, it } from "vitest";
import {
  displayCardNumber,
  formatCardInput,
  formatCardNumber,
  isPlatformCard,
  isValidCardNumber,
  lastFour,
  maskCardNumber,
  normalizeCardNumber,
} from "./card";

describe("card numbers", () => {
  it("validates the check digits", () => {
    expect(isValidCardNumber("7777123456789050")).toBe(true);
    expect(isValidCardNumber("7777123456789051")).toBe(false);
    expect(isValidCardNumber("8777123456789050")).toBe(false);
  });

  it("normalizes and formats", () => {
    expect(normalizeCardNumber("7777 1234-5678 9050")).toBe("7777123456789050");
    expect(normalizeCardNumber("7777 1234")).toBeNull();
    // Displayed numbers keep their groups together with no-break spaces.
    const nbsp = "\u00a0";
    expect(formatCardNumber("7777123456789050")).toBe(`7777${nbsp}1234${nbsp}5678${nbsp}9050`);
    expect(formatCardNumber("7777 **** **** 9050")).toBe(`7777${nbsp}****${nbsp}****${nbsp}9050`);
    expect(maskCardNumber("7777123456789050")).toBe(`7777${nbsp}••••${nbsp}••••${nbsp}9050`);
    expect(displayCardNumber("7777 **** **** 9050")).toBe(`7777${nbsp}••••${nbsp}••••${nbsp}9050`);
    expect(displayCardNumber(maskCardNumber("7777123456789050"))).toBe(
      maskCardNumber("7777123456789050"),
    );
    expect(lastFour("7777 **** **** 9050")).toBe(`••${nbsp}9050`);
    for (const shown of [
      maskCardNumber("7777123456789050"),
      displayCardNumber("7777 **** **** 9050"),
    ]) {
      expect(shown).not.toMatch(/[ *]/);
    }
    expect(formatCardInput("77771234a5678905099")).toBe("7777 1234 5678 9050");
  });

  it("knows the platform card by its number", () => {
    expect(isPlatformCard("7777000000000000")).toBe(true);
    expect(isPlatformCard("7777 0000 0000 0000")).toBe(true);
    expect(isPlatformCard("7777123456789050")).toBe(false);
  });
});
