import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import { IdempotencyKeyHeaders, UuidParam } from "../../lib/schemas";
import { requirePostingSession, requireSession } from "../../middleware/auth";
import { TransactionSchema } from "../transactions/transactions.routes";

const tags = ["Premium"];
const security = [{ OAuth2PasswordBearer: [] }];

export const SubscriptionSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(["active", "cancelled", "expired"]),
    price: z.string(),
    auto_renew: z.boolean(),
    current_period_start: z.string().openapi({ format: "date-time" }),
    current_period_end: z.string().openapi({ format: "date-time" }),
    cancelled_at: z.string().nullable().openapi({ format: "date-time" }),
    card_id: z.uuid(),
    transaction: TransactionSchema,
  })
  .openapi("Subscription", {
    example: {
      id: "6a1d3c9e-2b4f-4e8a-9c7d-5f0e1a2b3c4d",
      status: "active",
      price: "85000.00",
      auto_renew: true,
      current_period_start: "2026-11-24T09:30:00.000Z",
      current_period_end: "2026-12-25T09:30:00.000Z",
      cancelled_at: null,
      card_id: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69",
      transaction: {
        id: "0b9f6a52-5f3c-4b7e-8d8e-2f5b1c3a9d11",
        type: "subscription",
        status: "success",
        from_card: { card_number: "7777123456789050", owner_name: "Alisher Valiyev" },
        to_card: { card_number: "7777000000000000", owner_name: "Cho'ntak" },
        amount: "85000.00",
        commission: "0.00",
        description: "Premium obuna",
        failure_reason: null,
        created_at: "2026-11-24T09:30:00.000Z",
        completed_at: "2026-11-24T09:30:00.000Z",
      },
    },
  });

export const getPrice = defineRoute({
  method: "get",
  path: "/api/subscription/price",
  tags,
  summary: "The premium price and period (public)",
  responses: {
    200: jsonContent(
      z
        .object({ price: z.string(), period_days: z.number().int() })
        .openapi("SubscriptionPrice", { example: { price: "85000.00", period_days: 31 } }),
      "What premium costs per period",
    ),
  },
  errors: [],
});

export const purchase = defineRoute({
  method: "post",
  path: "/api/subscription/{card_id}",
  tags,
  security,
  middleware: [requirePostingSession] as const,
  summary: "Buy premium from one of your active cards",
  description: [
    "Pays `SUBSCRIPTION_PRICE` (no commission) from the card to the platform card through the ledger, and in the same database transaction makes you premium for 31 days with automatic renewal. No money moves without premium being granted, and no premium without the payment.",
    "Requires `Idempotency-Key` (1–255 chars): a retry with the same key replays the first outcome with `Idempotent-Replayed: true` and pays nothing; the same key for another card → 422; while the first is in flight → 409.",
    "One live subscription per user: a second purchase (any key, even concurrent) → 409 ALREADY_SUBSCRIBED, also for a premium granted by an admin. Admins already have every premium right and never lose their role, so they cannot subscribe: 409 ADMIN_CANNOT_SUBSCRIBE.",
    "A refused payment (card not active, insufficient funds) is recorded as a failed transaction and answered with a 400 problem, replayed on retry.",
  ].join("\n\n"),
  request: {
    params: z.object({
      card_id: UuidParam.openapi({ param: { name: "card_id", in: "path" } }),
    }),
    headers: IdempotencyKeyHeaders,
  },
  responses: {
    201: jsonContent(SubscriptionSchema, "The subscription and its payment (the receipt)"),
  },
  errors: [
    "IDEMPOTENCY_KEY_MISSING",
    "IDEMPOTENCY_IN_PROGRESS",
    "IDEMPOTENCY_KEY_REUSED",
    ["CARD_NOT_ACTIVE", "the paying card"],
    "INSUFFICIENT_FUNDS",
    ["CARD_NOT_FOUND", "also for another user's card"],
    "ALREADY_SUBSCRIBED",
    "ADMIN_CANNOT_SUBSCRIBE",
    ["SERVICE_UNAVAILABLE", "nothing moved"],
    ["PLATFORM_CARD_MISSING", "nothing moved"],
  ],
});

/** Having no subscription is an ordinary state of an account, answered as such. */
export const NoSubscriptionSchema = z
  .object({ status: z.literal("none") })
  .openapi("NoSubscription", { example: { status: "none" } });

export const getCurrent = defineRoute({
  method: "get",
  path: "/api/subscription",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Your current subscription",
  description:
    'The live subscription: renewing, or cancelled (`auto_renew: false`) with its paid period still running. `transaction` is its latest payment. Without one (never bought, or expired) the answer is 200 `{"status": "none"}`.',
  responses: {
    200: jsonContent(
      z.union([SubscriptionSchema, NoSubscriptionSchema]),
      "The subscription, or `status: none`",
    ),
  },
  errors: [],
});

export const cancel = defineRoute({
  method: "delete",
  path: "/api/subscription",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Cancel renewal",
  description:
    "Stops automatic renewal and answers 200 with the subscription. It stays `active` and you stay premium until `current_period_end`, which you have paid for; then it expires and the role returns to user. Cancelling again is harmless.",
  responses: {
    200: jsonContent(SubscriptionSchema, "The subscription, now with `auto_renew: false`"),
  },
  errors: ["SUBSCRIPTION_NOT_FOUND"],
});
