import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import {
  CardNumberInput,
  IdempotencyKeyHeaders,
  MoneyInput,
  optionalField,
} from "../../../lib/schemas";
import { TransactionSchema } from "../../transactions/transactions.routes";
import { CashInSchema } from "./cash-ins.routes";
import { admin } from "./common";

export const deposit = defineRoute({
  ...admin,
  method: "post",
  path: "/api/admin/deposit",
  summary: "Cash-in to any active card but the platform card",
  description:
    "Money enters from the treasury (or from the admin's own card with `from_card_id`) through the ledger as a `deposit`, with both legs. Requires `Idempotency-Key`. Admin limits: 2 000 – 100 000 000 so'm. Audited.\n\nMore than `CASH_IN_APPROVAL_THRESHOLD` so'm (default 10 000 000) is not posted: it is recorded pending (202, the pending cash-in; the same key replays it) and moves money only when another admin approves it (`POST /api/admin/deposits/{id}/approve`). The cards and bounds are checked at once, and again by the ledger at approval.",
  request: {
    headers: IdempotencyKeyHeaders,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              to_card_number: CardNumberInput(),
              amount: MoneyInput,
              description: optionalField(z.string().trim().max(255)),
              from_card_id: optionalField(z.guid()),
            })
            .strict()
            .openapi("DepositRequest", {
              example: { to_card_number: "7777 1234 5678 9050", amount: "500000.00" },
            }),
        },
      },
    },
  },
  responses: {
    201: jsonContent(TransactionSchema, "The deposit"),
    202: jsonContent(CashInSchema, "Above the approval threshold: the pending cash-in"),
  },
  errors: [
    "IDEMPOTENCY_KEY_MISSING",
    "IDEMPOTENCY_IN_PROGRESS",
    "IDEMPOTENCY_KEY_REUSED",
    ["SAME_CARD", "`from_card_id` is the receiving card"],
    "CARD_NOT_ACTIVE",
    "AMOUNT_TOO_SMALL",
    "LIMIT_EXCEEDED",
    ["INSUFFICIENT_FUNDS", "on the card `from_card_id`"],
    ["SENDER_CARD_NOT_FOUND", "`from_card_id` is not your card"],
    "RECEIVER_CARD_NOT_FOUND",
    ["PLATFORM_CARD_LOCKED", "the receiving card is the platform card; nothing is recorded"],
  ],
});
