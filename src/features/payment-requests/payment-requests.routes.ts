import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import {
  IdempotencyKeyHeaders,
  MoneyInput,
  optionalField,
  PageMetaSchema,
  PaginationQuery,
  UuidParam,
} from "../../lib/schemas";
import { requirePostingSession, requireSession } from "../../middleware/auth";
import { StepUpTokenHeader } from "../step-up/step-up-token";
import { TransactionSchema } from "../transactions/transactions.routes";
import {
  DEFAULT_EXPIRY_HOURS,
  LISTED_PAYMENTS,
  MAX_EXPIRY_HOURS,
} from "./payment-requests.service";

const tags = ["Payment requests"];
const security = [{ OAuth2PasswordBearer: [] }];

const STATUSES = ["open", "paid", "cancelled", "expired"] as const;

const PaymentSchema = z
  .object({
    transaction_id: z.guid(),
    payer_name: z.string(),
    amount: z.string(),
    paid_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("PaymentRequestPayment");

export const PaymentRequestSchema = z
  .object({
    id: z.guid(),
    url: z.string().openapi({ description: "the web app's page that pays it" }),
    mine: z.boolean(),
    requester_name: z.string().openapi({ description: "masked unless it is yours" }),
    to_card: z
      .object({ id: z.guid(), card_number: z.string() })
      .nullable()
      .openapi({ description: "the receiving card; only for the requester" }),
    amount: z.string().nullable().openapi({ description: "null: the payer chooses the amount" }),
    description: z.string().nullable(),
    status: z.enum(STATUSES),
    expires_at: z.string().openapi({ format: "date-time" }),
    created_at: z.string().openapi({ format: "date-time" }),
    paid_at: z.string().nullable().openapi({ format: "date-time" }),
    cancelled_at: z.string().nullable().openapi({ format: "date-time" }),
    payments_count: z.number().int(),
    received_total: z.string(),
    payments: z.array(PaymentSchema).openapi({
      description: `the latest ${LISTED_PAYMENTS}, newest first: all payers' for the requester, your own for anyone else`,
    }),
  })
  .openapi("PaymentRequest", {
    example: {
      id: "5b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
      url: "https://chontak.pages.dev/pay/5b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
      mine: false,
      requester_name: "Alisher V.",
      to_card: null,
      amount: "150000.00",
      description: "Tug'ilgan kun sovg'asi",
      status: "open",
      expires_at: "2026-12-05T09:30:00.000Z",
      created_at: "2026-12-02T09:30:00.000Z",
      paid_at: null,
      cancelled_at: null,
      payments_count: 0,
      received_total: "0.00",
      payments: [],
    },
  });

const CreateBody = z
  .object({
    to_card_id: z.guid(),
    amount: optionalField(MoneyInput),
    description: optionalField(z.string().trim().max(255)),
    expires_in_hours: optionalField(z.number().int().min(1).max(MAX_EXPIRY_HOURS)),
  })
  .strict()
  .openapi("CreatePaymentRequest", {
    example: {
      to_card_id: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69",
      amount: "150000.00",
      description: "Tug'ilgan kun sovg'asi",
      expires_in_hours: 72,
    },
  });

const PayBody = z
  .object({
    from_card_id: z.guid(),
    amount: optionalField(MoneyInput),
  })
  .strict()
  .openapi("PayPaymentRequest", {
    example: { from_card_id: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69" },
  });

const ListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  ...PaginationQuery,
});

const IdParams = z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) });
const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const create = defineRoute({
  method: "post",
  path: "/api/payment-requests",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Ask for money to one of your cards",
  description: [
    `A link (\`url\`, also for a QR code) that any logged-in user can open and pay. With \`amount\` it is paid once; without, anyone may pay any amount until it expires or you cancel it. \`expires_in_hours\` 1–${MAX_EXPIRY_HOURS}, default ${DEFAULT_EXPIRY_HOURS}.`,
    "The card must be yours (another user's card is 404, like a missing one) and active. Rate limited: 30 per hour per user.",
  ].join("\n\n"),
  request: { body: jsonBody(CreateBody) },
  responses: {
    201: jsonContent(PaymentRequestSchema, "The request, with its link"),
  },
  errors: [
    ["CARD_NOT_FOUND", "also for another user's card"],
    ["CARD_NOT_ACTIVE", "frozen, closed or expired: nobody could pay it"],
    "RATE_LIMITED",
  ],
});

export const list = defineRoute({
  method: "get",
  path: "/api/payment-requests",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Your payment requests, newest first",
  description:
    "`status` filters: `open` (payable now), `expired` (open but past `expires_at`), `paid`, `cancelled`. Each request lists who paid it (masked names), how much and when.",
  request: { query: ListQuery },
  responses: {
    200: jsonContent(
      z
        .object({ ...PageMetaSchema, data: z.array(PaymentRequestSchema) })
        .openapi("PaymentRequestPage"),
      "One page",
    ),
  },
  errors: [],
});

export const get = defineRoute({
  method: "get",
  path: "/api/payment-requests/{id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "One payment request (what a payer needs)",
  description:
    "Any logged-in user may read a request: its link is meant to be shared. A payer sees the requester's masked name, the amount (or `null`: any amount), the description, the status and their own payments; nothing else about the requester. The requester also sees the receiving card and every payment.",
  request: { params: IdParams },
  responses: {
    200: jsonContent(PaymentRequestSchema, "The request"),
  },
  errors: ["PAYMENT_REQUEST_NOT_FOUND"],
});

export const cancel = defineRoute({
  method: "delete",
  path: "/api/payment-requests/{id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Cancel one of your payment requests",
  description:
    "Nobody can pay it afterwards; payments already made stay. Cancelling again is harmless. A paid request cannot be cancelled (409); another user's request is 404.",
  request: { params: IdParams },
  responses: {
    200: jsonContent(PaymentRequestSchema, "The request, now cancelled"),
  },
  errors: [
    ["PAYMENT_REQUEST_NOT_FOUND", "also for another user's request"],
    "PAYMENT_REQUEST_PAID",
  ],
});

export const pay = defineRoute({
  method: "post",
  path: "/api/payment-requests/{id}/pay",
  tags,
  security,
  middleware: [requirePostingSession] as const,
  summary: "Pay a payment request from one of your cards",
  description: [
    "A transfer to the requester's card through the ledger, with your role's commission and limits, recorded with the request in the same database transaction. The answer is the transaction (the receipt); the receiver shows masked.",
    "A fixed-amount request is paid once: `amount` may be omitted or must equal it (else 422); of concurrent payers exactly one succeeds, the others get 409 PAYMENT_REQUEST_PAID. An open-amount request needs `amount` (else 422).",
    "Requires `Idempotency-Key` (1–255 chars): a retry with the same key and payload replays the first outcome with `Idempotent-Replayed: true`, even after the request became paid, and moves no money; the same key with another payload → 422; while the first is in flight → 409. Spends the transfer budget: 30 per minute per user.",
    "Above your step-up threshold the payment needs a `Step-Up-Token` for this request (`payment_request_id`) and amount; without one → 403 STEP_UP_REQUIRED and nothing moves.",
  ].join("\n\n"),
  request: {
    params: IdParams,
    headers: IdempotencyKeyHeaders.extend({ "step-up-token": StepUpTokenHeader }),
    body: jsonBody(PayBody),
  },
  responses: {
    201: jsonContent(
      TransactionSchema.extend({ payment_request_id: z.guid() }).openapi(
        "PaymentRequestTransaction",
      ),
      "The completed payment (the receipt)",
    ),
  },
  errors: [
    "IDEMPOTENCY_KEY_MISSING",
    "IDEMPOTENCY_IN_PROGRESS",
    "IDEMPOTENCY_KEY_REUSED",
    "PAYMENT_REQUEST_NOT_FOUND",
    "PAYMENT_REQUEST_PAID",
    "PAYMENT_REQUEST_CANCELLED",
    "PAYMENT_REQUEST_EXPIRED",
    "PAYMENT_REQUEST_AMOUNT_MISMATCH",
    "PAYMENT_REQUEST_AMOUNT_REQUIRED",
    ["SAME_CARD", "your own request, paid from the card it asks money to"],
    "CARD_NOT_ACTIVE",
    "AMOUNT_TOO_SMALL",
    "LIMIT_EXCEEDED",
    "INSUFFICIENT_FUNDS",
    ["SENDER_CARD_NOT_FOUND", "also for another user's card"],
    ["RECEIVER_CARD_NOT_FOUND", "the requester's card can no longer receive"],
    [
      "STEP_UP_REQUIRED",
      "above your step-up threshold without a valid Step-Up-Token for this amount and receiver; nothing moved",
    ],
    "RATE_LIMITED",
    ["SERVICE_UNAVAILABLE", "nothing moved"],
    ["PLATFORM_CARD_MISSING", "a commission has nowhere to go; nothing moved"],
  ],
});
