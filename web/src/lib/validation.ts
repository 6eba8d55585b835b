import { z } from "zod";
import { isValidCardNumber, normalizeCardNumber } from "./card";
import { parseAmountInput } from "./money";

/**
 * The server's input rules, for instant feedback in forms. Messages
 * are i18n keys, translated where the error is shown. The server stays the judge.
 */
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+998\d{9}$/, "validation.phone");

export const fullNameSchema = z
  .string()
  .trim()
  .min(2, "validation.fullName")
  .max(50, "validation.fullName");

export const passwordSchema = z
  .string()
  .refine((value) => utf8Bytes(value) >= 8 && utf8Bytes(value) <= 72, "validation.password");

/** An amount as typed ("25 000,50") that becomes a wire string with ≤ 2 decimals. */
export const amountSchema = z
  .string()
  .refine((value) => parseAmountInput(value) !== null, "validation.amount");

export const cardNumberSchema = z.string().refine((value) => {
  const number = normalizeCardNumber(value);
  return number !== null && isValidCardNumber(number);
}, "validation.cardNumber");
