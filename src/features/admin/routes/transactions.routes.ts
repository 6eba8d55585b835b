import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import {
  CardNumberInput,
  DateInput,
  MoneyInput,
  PageMetaSchema,
  PaginationQuery,
  UuidParam,
} from "../../../lib/schemas";
import { TransactionSchema } from "../../transactions/transactions.routes";
import { admin, TransactionIdParams } from "./common";

export const allTransactions = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/all-transactions",
  summary: "All transactions, newest first (unmasked)",
  description: "Dates are whole Asia/Tashkent days, the end date included.",
  request: {
    query: z.object({
      min_amount: MoneyInput.optional(),
      max_amount: MoneyInput.optional(),
      start_date: DateInput.optional(),
      end_date: DateInput.optional(),
      card_number: CardNumberInput().optional(),
      status: z.enum(["success", "failed"]).optional(),
      type: z.enum(["transfer", "deposit", "subscription"]).optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          ...PageMetaSchema,
          total_transactions: z.number().int(),
          data: z.array(TransactionSchema),
        })
        .openapi("AdminTransactionPage"),
      "One page of transactions",
    ),
  },
  errors: [],
});

const oneTransactionResponses = { 200: jsonContent(TransactionSchema, "The transaction") };

export const oneTransaction = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/one-transaction/{transaction_id}",
  summary: "Any transaction",
  request: { params: TransactionIdParams },
  responses: oneTransactionResponses,
  errors: ["TRANSACTION_NOT_FOUND"],
});

export const oneTransactionByQuery = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/one-transaction",
  summary: "Any transaction (earlier client: ?transaction_id=)",
  request: { query: z.object({ transaction_id: UuidParam }) },
  responses: oneTransactionResponses,
  errors: ["TRANSACTION_NOT_FOUND"],
});
