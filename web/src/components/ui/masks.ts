import type { AppendFlags, FactoryOpts, Masked } from "imask";

/**
 * Input masks (react-imask) for the fields people type money, phones and card
 * numbers into, and how a mask's text becomes the form's value. `prepare` sees
 * every inserted chunk (a key, a paste, an autofill) while the mask still holds
 * only the text before the caret; it reshapes pasted text so spaces, dashes,
 * brackets and prefixes land where they belong.
 */

/** A mask and how its text maps to the form's value and back. */
export interface FieldMask {
  options: FactoryOpts;
  /** The form's value for what the mask holds. */
  toFormValue: (masked: Masked) => string;
  /** What the mask's unmasked value is for a form value the app sets. */
  toUnmasked: (value: string) => string;
}

/** A user's edit, as opposed to the app setting the value. */
const isUserEdit = (flags: AppendFlags | undefined) => Boolean(flags?.input && flags.raw);

// ---------- phone: +998 90 123 45 67 ----------

const COUNTRY = "998";
const NATIONAL_DIGITS = 9;

/**
 * The chunk to append so the national number reads right: a leading `+998` or
 * `998` (followed by a full number) is the country code, not part of the number;
 * typing 998 and then more digits than a number holds means the same, so the
 * field starts over from the digits after the code.
 */
function preparePhone(chunk: string, masked: Masked, flags?: AppendFlags): string {
  if (!isUserEdit(flags)) return chunk;
  const unmasked = masked.unmaskedValue;
  const prefixShown = unmasked.startsWith(COUNTRY);
  const before = prefixShown ? unmasked.slice(COUNTRY.length) : "";
  const digits = chunk.replace(/\D/g, "");
  const withCode =
    before === "" &&
    digits.startsWith(COUNTRY) &&
    (/^\s*\+/.test(chunk) || digits.length > NATIONAL_DIGITS);
  const national = withCode ? digits.slice(COUNTRY.length) : digits;
  const joined = before + national;
  if (joined.length > NATIONAL_DIGITS && joined.startsWith(COUNTRY)) {
    masked.remove(0);
    return `+${COUNTRY}${joined.slice(COUNTRY.length)}`;
  }
  return prefixShown ? national : `+${COUNTRY}${national}`;
}

/** The form's value is E.164 as the API takes it, "+998" while nothing is typed. */
export const phoneMask: FieldMask = {
  options: {
    mask: "+{998} 00 000 00 00",
    lazy: false,
    placeholderChar: "_",
    prepare: preparePhone,
  },
  toFormValue: (masked) => `+${masked.unmaskedValue}`,
  toUnmasked: (value) => value.replace(/\D/g, ""),
};

// ---------- amount: 1 500 000,50 ----------

/**
 * Pasted amounts in the ways people write them → digits with a decimal comma,
 * or null when the text is no amount with at most two decimals (a paste that
 * would lose digits is refused rather than cut). The last `,` or `.` followed by
 * one or two digits is the decimal separator; separators between groups of
 * three digits are grouping ("1,500,000", "1.500.000,50", "1 500 000.5"), so a
 * lone separator before three digits groups them ("1,500" is 1500).
 */
export function normalizePastedAmount(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u2009\u202f'’]/g, "").replace(/(so'?m|сум|sum)$/i, "");
  if (compact === "") return "";
  if (!/^[\d.,]+$/.test(compact)) return null;
  const decimal = /^(.*\d)[.,](\d{1,2})$/.exec(compact);
  const whole = decimal ? (decimal[1] as string) : compact;
  const grouped = /^\d{1,3}([.,]\d{3})+$/.test(whole);
  if (!grouped && !/^\d+$/.test(whole)) return null;
  // One character cannot be both the grouping and the decimal separator ("1.500.00").
  const separator = compact.charAt(whole.length);
  if (decimal && grouped && whole.includes(separator)) return null;
  const digits = whole.replace(/[.,]/g, "");
  return decimal ? `${digits},${decimal[2]}` : digits;
}

function prepareAmount(chunk: string, _masked: Masked, flags?: AppendFlags): string {
  if (!isUserEdit(flags) || chunk.length < 2) return chunk;
  return normalizePastedAmount(chunk) ?? "";
}

/**
 * The form's value is the exact decimal with a dot ("1500000.5"), taken from the
 * text, never through a float.
 */
export const amountMask: FieldMask = {
  options: {
    mask: Number,
    scale: 2,
    radix: ",",
    mapToRadix: ["."],
    thousandsSeparator: " ",
    min: 0,
    // 13 whole digits, what the money validation accepts.
    max: 9_999_999_999_999.99,
    normalizeZeros: true,
    prepare: prepareAmount,
  },
  toFormValue: (masked) => masked.unmaskedValue,
  toUnmasked: (value) => value.replace(/[\s\u00a0\u2009\u202f]/g, "").replace(",", "."),
};

// ---------- card number: 7777 1234 5678 9012 ----------

function prepareCardNumber(chunk: string, _masked: Masked, flags?: AppendFlags): string {
  return isUserEdit(flags) ? chunk.replace(/\D/g, "") : chunk;
}

/** The form's value is the digits only. */
export const cardNumberMask: FieldMask = {
  options: { mask: "0000 0000 0000 0000", prepare: prepareCardNumber },
  toFormValue: (masked) => masked.unmaskedValue,
  toUnmasked: (value) => value.replace(/\D/g, ""),
};

// ---------- date: dd.mm.yyyy ----------

/** The form's value is the text as shown ("24.11.2026"); the date field reads it. */
export const dateMask: FieldMask = {
  options: {
    mask: "00.00.0000",
    prepare: (chunk: string, _masked: Masked, flags?: AppendFlags) =>
      isUserEdit(flags) ? chunk.replace(/[^\d.]/g, "") : chunk,
  },
  toFormValue: (masked) => masked.value,
  toUnmasked: (value) => value.replace(/\D/g, ""),
};
