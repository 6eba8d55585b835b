import { createMask, DIRECTION, type FactoryOpts, type Masked } from "imask";
import { describe, expect, it } from "vitest";
import { parseAmountInput } from "../../lib/money";
import {
  amountMask,
  cardNumberMask,
  dateMask,
  type FieldMask,
  normalizePastedAmount,
  phoneMask,
} from "./masks";

const phoneFormValue = phoneMask.toFormValue;
const amountFormValue = amountMask.toFormValue;
const cardNumberFormValue = cardNumberMask.toFormValue;

/** Where the caret sits after the text entered so far (before the first placeholder). */
const caret = (masked: Masked) => {
  const placeholder = masked.value.indexOf("_");
  return placeholder >= 0 ? placeholder : masked.value.length;
};

/** A mask holding the form value `initial`, as the field shows it once the form is set. */
function field(mask: FieldMask, initial = "") {
  const masked = createMask({ ...mask.options } as FactoryOpts) as Masked;
  masked.unmaskedValue = mask.toUnmasked(initial);
  return masked;
}

/** The whole field replaced at once: a paste over a selection, an autofill, Playwright's fill(). */
function paste(masked: Masked, text: string) {
  masked.splice(0, masked.value.length, text, DIRECTION.NONE, { input: true, raw: true });
  return masked;
}

/** Typed key by key at the end of what is entered. */
function type(masked: Masked, text: string) {
  for (const key of text) {
    masked.splice(caret(masked), 0, key, DIRECTION.NONE, { input: true, raw: true });
  }
  return masked;
}

describe("phone input", () => {
  it("shows the country code and the blanks to fill", () => {
    const masked = field(phoneMask, "+998");
    expect(masked.value).toBe("+998 __ ___ __ __");
    expect(phoneFormValue(masked)).toBe("+998");
  });

  it.each([
    "+998 90 123-45-67",
    "+998 (90) 123 45 67",
    "998901234567",
    "998 90 123 45 67",
    "90 123 45 67",
    "(90) 123-45-67",
    "901234567",
    "+998901234567",
  ])("a pasted %j becomes +998901234567", (text) => {
    const masked = paste(field(phoneMask, "+998"), text);
    expect(masked.value).toBe("+998 90 123 45 67");
    expect(phoneFormValue(masked)).toBe("+998901234567");
  });

  it("typing the nine digits after +998 fills the number", () => {
    const masked = type(field(phoneMask, "+998"), "901234567");
    expect(masked.value).toBe("+998 90 123 45 67");
    expect(phoneFormValue(masked)).toBe("+998901234567");
  });

  it("typing the country code first still gives the number after it", () => {
    expect(phoneFormValue(type(field(phoneMask, "+998"), "998901234567"))).toBe("+998901234567");
    expect(phoneFormValue(type(field(phoneMask, "+998"), "+998 90 123 45 67"))).toBe(
      "+998901234567",
    );
  });

  it("a national number that starts with 99 8 is kept as typed", () => {
    expect(phoneFormValue(type(field(phoneMask, "+998"), "998123456"))).toBe("+998998123456");
  });

  it("a partial number stays partial, so validation can say what is missing", () => {
    const masked = paste(field(phoneMask, "+998"), "+99890");
    expect(masked.value).toBe("+998 90 ___ __ __");
    expect(phoneFormValue(masked)).toBe("+99890");
  });

  it("letters and extra digits are dropped", () => {
    expect(phoneFormValue(paste(field(phoneMask, "+998"), "tel: 90 123 45 67 89"))).toBe(
      "+998901234567",
    );
  });

  it("shows a value the app sets (E.164)", () => {
    expect(field(phoneMask, "+998901234567").value).toBe("+998 90 123 45 67");
  });
});

describe("amount input", () => {
  it("groups digits by three while typing", () => {
    const masked = field(amountMask);
    const shown: string[] = [];
    for (const key of "1500000") shown.push(type(masked, key).value);
    expect(shown).toEqual(["1", "15", "150", "1 500", "15 000", "150 000", "1 500 000"]);
    expect(amountFormValue(masked)).toBe("1500000");
  });

  it("takes a comma or a dot as the decimal separator, at most two decimals", () => {
    expect(type(field(amountMask), "1500000,50").value).toBe("1 500 000,50");
    expect(type(field(amountMask), "1500000.5").value).toBe("1 500 000,5");
    const tooLong = type(field(amountMask), "25,505");
    expect(tooLong.value).toBe("25,50");
    expect(amountFormValue(tooLong)).toBe("25.5");
  });

  it.each([
    ["1 500 000,50", "1 500 000,50", "1500000.5"],
    ["1500000.5", "1 500 000,5", "1500000.5"],
    ["1,500,000", "1 500 000", "1500000"],
    ["1.500.000,50", "1 500 000,50", "1500000.5"],
    ["1,500,000.25", "1 500 000,25", "1500000.25"],
    ["25000", "25 000", "25000"],
    ["0,05", "0,05", "0.05"],
    ["1 500 000 so'm", "1 500 000", "1500000"],
  ])("a pasted %j shows %j and the form gets %j", (text, shown, value) => {
    const masked = paste(field(amountMask), text);
    expect(masked.value).toBe(shown);
    expect(amountFormValue(masked)).toBe(value);
    expect(parseAmountInput(amountFormValue(masked))).not.toBeNull();
  });

  it("refuses a paste it cannot read exactly instead of cutting digits", () => {
    for (const text of ["1500000,555", "12,34,56", "abc", "-5", "1e6"]) {
      expect(paste(field(amountMask), text).value, text).toBe("");
    }
  });

  it("keeps big amounts exact (no float)", () => {
    const masked = paste(field(amountMask), "9999999999999,99");
    expect(amountFormValue(masked)).toBe("9999999999999.99");
  });

  it("shows a value the app sets", () => {
    expect(field(amountMask, "25000.5").value).toBe("25 000,5");
    expect(field(amountMask, "1500000").value).toBe("1 500 000");
  });
});

describe("normalizePastedAmount", () => {
  it("reads the common ways of writing an amount", () => {
    expect(normalizePastedAmount("1 500 000,50")).toBe("1500000,50");
    expect(normalizePastedAmount("1,500")).toBe("1500");
    expect(normalizePastedAmount("1,5")).toBe("1,5");
    expect(normalizePastedAmount("1.500,5")).toBe("1500,5");
    expect(normalizePastedAmount("15000,00")).toBe("15000,00");
  });

  it("returns null for text that is not one amount", () => {
    expect(normalizePastedAmount("1.500.00")).toBeNull();
    expect(normalizePastedAmount("12 so'm 50")).toBeNull();
  });
});

describe("card number input", () => {
  it.each([
    "7777-1234-5678-9012",
    "7777 1234 5678 9012",
    "7777123456789012",
    " 7777.1234.5678.9012 ",
  ])("a pasted %j is grouped by four and the form gets the 16 digits", (text) => {
    const masked = paste(field(cardNumberMask), text);
    expect(masked.value).toBe("7777 1234 5678 9012");
    expect(cardNumberFormValue(masked)).toBe("7777123456789012");
  });

  it("groups by four while typing and stops at 16 digits", () => {
    const masked = type(field(cardNumberMask), "77771234567890129");
    expect(masked.value).toBe("7777 1234 5678 9012");
    expect(cardNumberFormValue(masked)).toBe("7777123456789012");
  });

  it("takes digits only", () => {
    expect(cardNumberFormValue(type(field(cardNumberMask), "77a7-7"))).toBe("7777");
  });
});

describe("date input", () => {
  it("puts the dots in as the day is typed or pasted", () => {
    expect(type(field(dateMask), "24112026").value).toBe("24.11.2026");
    expect(paste(field(dateMask), "24/11/2026").value).toBe("24.11.2026");
    expect(paste(field(dateMask), "24.11.2026").value).toBe("24.11.2026");
  });
});
