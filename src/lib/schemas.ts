import { z } from "@hono/zod-openapi";
import { isValidCardNumber, normalizeCardNumber } from "./card-number";
import { parseMoney } from "./money";
import { validationMessage } from "./problem";

/**
 * A so'm amount: JSON number or string, > 0, at most two fraction digits → bigint
 * tiyin. A JSON number reaches here as its literal text unless that text is the
 * float's own shortest form (see middleware/json-body), so either way the rules
 * judge what the client wrote.
 */
export const MoneyInput = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const tiyin = parseMoney(value);
    if (tiyin === null || tiyin <= 0n) {
      ctx.addIssue({
        code: "custom",
        message: validationMessage("money"),
      });
      return z.NEVER;
    }
    return tiyin;
  })
  .openapi({
    type: "string",
    example: "25000.00",
    description: "so'm, two fraction digits at most",
  });

/**
 * An optional body field: absent and `null` both mean "not given" (the earlier
 * client sends null for an empty field), so handlers see only undefined. The
 * document shows the field as optional and nullable.
 */
export const optionalField = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

/** A Cho'ntak card number: digits with optional spaces or dashes, checksum-validated. */
export const CardNumberInput = () =>
  z
    .string()
    .max(32)
    .transform((value, ctx) => {
      const number = normalizeCardNumber(value);
      if (!number || !isValidCardNumber(number)) {
        ctx.addIssue({ code: "custom", message: validationMessage("card_number") });
        return z.NEVER;
      }
      return number;
    })
    .openapi({ type: "string", example: "7777 1234 5678 9050" });

/**
 * An Uzbek phone number as people type it (+998 90 123-45-67): spaces, dashes
 * and brackets are dropped, then it must be +998 and 9 digits (E.164).
 */
export const PhoneNumberInput = () =>
  z
    .string()
    .max(32)
    .transform((value, ctx) => {
      const phone = value.replace(/[\s\-()]/g, "");
      if (!/^\+998\d{9}$/.test(phone)) {
        ctx.addIssue({ code: "custom", message: validationMessage("phone_number") });
        return z.NEVER;
      }
      return phone;
    })
    .openapi({ type: "string", example: "+998 90 123 45 67" });

// guid: any 8-4-4-4-12 hex id, as Postgres accepts (the well-known system ids are not RFC 4122 v4).
export const UuidParam = z.guid().openapi({ example: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69" });

/** A calendar day (YYYY-MM-DD) that exists. */
export const DateInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, validationMessage("date_format"))
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, validationMessage("calendar_date"))
  .openapi({ example: "2026-11-24" });

export const PaginationQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ example: 1 }),
  limit: z.coerce.number().int().min(1).max(100).default(8).openapi({ example: 8 }),
};

export function pageMeta(total: number, page: number, limit: number) {
  return { total, page, limit, total_pages: Math.ceil(total / limit) };
}

export const PageMetaSchema = {
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  total_pages: z.number().int(),
};

/**
 * The Idempotency-Key header of money-moving POSTs. Required (the document says
 * so), but its absence is answered by the handler with a 400
 * IDEMPOTENCY_KEY_MISSING (not a 422), so the schema itself lets it be missing.
 */
export const IdempotencyKeyHeaders = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({
      param: { name: "idempotency-key", in: "header", required: true },
      example: "5f0c2a9e-7b1d-4c3e-9a8f-1d2e3f4a5b6c",
    }),
});
