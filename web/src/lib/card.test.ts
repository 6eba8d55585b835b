import { describe, expect, it } from "vitest";
import {
  displayCardNumber,
  formatCardInput,
  formatCardNumber,
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
    expect(formatCardNumber("7777123456789050")).toBe("7777 1234 5678 9050");
    expect(formatCardNumber("7777 **** **** 9050")).toBe("7777 **** **** 9050");
    expect(maskCardNumber("7777123456789050")).toBe("7777 •••• •••• 9050");
    expect(displayCardNumber("7777 **** **** 9050")).toBe("7777 •••• •••• 9050");
    expect(displayCardNumber("7777123456789050")).toBe("7777 •••• •••• 9050");
    expect(lastFour("7777 **** **** 9050")).toBe("•• 9050");
    expect(formatCardInput("77771234a5678905099")).toBe("7777 1234 5678 9050");
  });
});
