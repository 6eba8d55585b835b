import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { DateInput } from "../../../lib/schemas";
import { admin } from "./common";

const Money = z.string().openapi({ example: "0.00" });

export const dashboard = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/dashboard",
  summary: "Totals for one Asia/Tashkent day, with hourly and daily series",
  request: { query: z.object({ calendar: DateInput.optional() }) },
  responses: {
    200: jsonContent(
      z
        .object({
          date: z.string(),
          total_balance: Money,
          sender_transactions: Money.openapi({
            description:
              "debited from sender cards (amount + commission), successful only; cash-in from the treasury is not a sender",
          }),
          receiver_transactions: Money.openapi({
            description:
              "credited to receiver cards (transfers, cash-in, subscriptions), successful only",
          }),
          total_commission: Money,
          total_count: z.number().int(),
          success_transfers_count: z.number().int(),
          failed_transfers_count: z.number().int(),
          success_percent: z.string(),
          failed_percent: z.string(),
          hourly: z.array(
            z.object({ hour: z.number().int(), volume: Money, count: z.number().int() }),
          ),
          daily: z.array(z.object({ date: z.string(), volume: Money, count: z.number().int() })),
        })
        .openapi("Dashboard"),
      "The dashboard",
    ),
  },
  errors: [],
});
