import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";

const RoleTermsSchema = z.object({
  commission_bp: z.number().int().openapi({
    description: "commission in basis points of the amount (100 = 1 %), half-up to the tiyin",
  }),
  min_amount: z
    .string()
    .openapi({ description: "smallest amount of one transfer, so'm", example: "2000.00" }),
  max_amount: z
    .string()
    .openapi({ description: "largest amount of one transfer, so'm", example: "2000000.00" }),
  max_cards: z
    .number()
    .int()
    .openapi({ description: "cards that may be open (not closed) — and active — at once" }),
});

export const TermsSchema = z
  .object({
    roles: z.object({ user: RoleTermsSchema, premium: RoleTermsSchema, admin: RoleTermsSchema }),
    subscription: z.object({
      price: z.string().openapi({ example: "85000.00" }),
      period_days: z.number().int().openapi({ example: 31 }),
    }),
  })
  .openapi("Terms");

export const getTerms = defineRoute({
  method: "get",
  path: "/api/terms",
  tags: ["Meta"],
  summary: "The rules of money: fees, limits and card counts per role, and the premium price",
  description:
    "Exactly what the ledger applies (it reads the same table inside every posting). Public and cacheable for a minute.",
  responses: { 200: jsonContent(TermsSchema, "The terms in force") },
  errors: ["SERVICE_UNAVAILABLE"],
});
