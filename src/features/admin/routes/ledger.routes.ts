import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { PaginationQuery } from "../../../lib/schemas";
import { CardSchema } from "../../cards/cards.routes";
import { admin, CardIdParams, Search } from "./common";

export const platformCard = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/platform-card",
  summary: "The platform card (commissions and subscriptions), read without a lock",
  responses: { 200: jsonContent(CardSchema, "The platform card") },
  errors: ["PLATFORM_CARD_MISSING"],
});

const VerifyOneSchema = z
  .object({
    card_info: z.object({ id: z.guid(), number: z.string(), owner_id: z.guid() }),
    audit: z.object({
      stored_balance: z.string(),
      calculated_balance: z.string(),
      difference: z.string(),
      status: z.enum(["OK", "Error"]),
    }),
  })
  .openapi("BalanceVerification");

export const verifyBalancePaths = [
  "/api/admin/verify-balance/{card_id}",
  "/api/admin/verify_balance/{card_id}",
] as const;
export const verifyBalance = (path: (typeof verifyBalancePaths)[number]) =>
  defineRoute({
    ...admin,
    method: "get",
    path,
    summary: "Recompute one card's balance from the ledger",
    request: { params: CardIdParams },
    responses: {
      200: jsonContent(VerifyOneSchema, "Stored vs calculated"),
    },
    errors: ["CARD_NOT_FOUND"],
  });

export const verifyAll = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/verify-all-balance",
  summary: "Reconcile every card against the ledger",
  description:
    "One aggregate pass over the entries. `bug_details` is the requested page of mismatched cards; `ledger_sum` must be 0.00.",
  request: { query: z.object({ search_number: Search.optional(), ...PaginationQuery }) },
  responses: {
    200: jsonContent(
      z
        .object({
          total_cards: z.number().int(),
          total_valid_cards: z.number().int(),
          total_invalid_cards: z.number().int(),
          page: z.number().int(),
          limit: z.number().int(),
          total_page: z.number().int(),
          ledger_sum: z.string(),
          treasury_ok: z.boolean(),
          bug_details: z.array(
            z.object({
              card_number: z.string(),
              stored_balance: z.string(),
              calculated_balance: z.string(),
              difference: z.string(),
            }),
          ),
        })
        .openapi("LedgerVerification"),
      "The reconciliation",
    ),
  },
  errors: [],
});
