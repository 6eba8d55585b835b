import { describe, expect, it } from "vitest";
import {
  formatCardNumber,
  generateCardNumber,
  isValidCardNumber,
  maskCardNumber,
  maskOwnerName,
  normalizeCardNumber,
} from "./card-number";

describe("card number checksum", () => {
  it("matches the documented example (drawn 1234567890 → 7777123456789050)", () => {
    expect(isValidCardNumber("7777123456789050")).toBe(true);
  });

  it("refuses a wrong check digit, a wrong prefix and wrong lengths", () => {
    expect(isValidCardNumber("7777123456789051")).toBe(false);
    expect(isValidCardNumber("7777123456789040")).toBe(false);
    expect(isValidCardNumber("8777123456789050")).toBe(false);
    expect(isValidCardNumber("777712345678905")).toBe(false);
    expect(isValidCardNumber("77771234567890500")).toBe(false);
    expect(isValidCardNumber("7777abcd56789050")).toBe(false);
  });

  it("generates valid, prefixed, varied numbers", () => {
    const numbers = new Set(Array.from({ length: 500 }, () => generateCardNumber()));
    expect(numbers.size).toBe(500);
    for (const number of numbers) {
      expect(number).toMatch(/^7777\d{12}$/);
      expect(isValidCardNumber(number)).toBe(true);
    }
  });

  it("draws uniform digits (rejects bytes ≥ 250)", () => {
    const bytes = [255, 251, 250, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const number = generateCardNumber((buffer) => {
      buffer.fill(0);
      bytes.forEach((byte, index) => {
        if (index < buffer.length) buffer[index] = byte;
      });
    });
    expect(number).toBe("7777012345678950");
  });
});

describe("card number text", () => {
  it("accepts digits with spaces or dashes", () => {
    expect(normalizeCardNumber("7777 1234 5678 9050")).toBe("7777123456789050");
    expect(normalizeCardNumber("7777-1234-5678-9050")).toBe("7777123456789050");
    expect(normalizeCardNumber("7777.1234.5678.9050")).toBeNull();
    expect(normalizeCardNumber("7777 1234")).toBeNull();
  });

  it("formats and masks", () => {
    expect(formatCardNumber("7777123456789050")).toBe("7777 1234 5678 9050");
    expect(maskCardNumber("7777123456789050")).toBe("7777 **** **** 9050");
  });

  it("masks owner names to the first name and last initial", () => {
    expect(maskOwnerName("Alisher Valiyev")).toBe("Alisher V.");
    expect(maskOwnerName("  Alisher   Karimov  Valiyevich ")).toBe("Alisher V.");
    expect(maskOwnerName("Alisher")).toBe("Alisher");
    expect(maskOwnerName("")).toBe("Noma'lum");
    expect(maskOwnerName(null)).toBe("Noma'lum");
    expect(maskOwnerName("Ōzoda ōlmas")).toBe("Ōzoda Ō.");
  });
});
