import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import { validationMessage } from "../../lib/problem";
import {
  CardNumberInput,
  DateInput,
  IdempotencyKeyHeaders,
  MoneyInput,
  optionalField,
  PageMetaSchema,
  PaginationQuery,
  PhoneNumberInput,
  UuidParam,
} from "../../lib/schemas";
import { requirePostingSession, requireSession } from "../../middleware/auth";
import { StepUpTokenHeader } from "../step-up/step-up-token";

const tags = ["Transactions"];
const security = [{ OAuth2PasswordBearer: [] }];

const CardSide = z.object({ card_number: z.string(), owner_name: z.string() });

export const TransactionSchema = z
  .object({
    id: z.guid(),
    type: z.enum(["transfer", "deposit", "subscription"]),
    status: z.enum(["success", "failed"]),
    from_card: CardSide.nullable(),
    to_card: CardSide,
    to_phone: z.string().nullable().openapi({
      description:
        "The phone number the sender paid to, masked (`+998 90 *** ** 11`; in full for admins); null for a payment to a card number",
      example: null,
    }),
    amount: z.string(),
    commission: z.string(),
    description: z.string().nullable(),
    failure_reason: z.string().nullable(),
    created_at: z.string().openapi({ format: "date-time" }),
    completed_at: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("Transaction", {
    example: {
      id: "0b9f6a52-5f3c-4b7e-8d8e-2f5b1c3a9d11",
      type: "transfer",
      status: "success",
      from_card: { card_number: "7777123456789050", owner_name: "Alisher Valiyev" },
      to_card: { card_number: "7777 **** **** 8950", owner_name: "Bobur K." },
      to_phone: null,
      amount: "25000.00",
      commission: "250.00",
      description: "Tushlik uchun",
      failure_reason: null,
      created_at: "2026-11-24T09:30:00.000Z",
      completed_at: "2026-11-24T09:30:00.000Z",
    },
  });

export const TransferBody = z
  .object({
    from_card_id: z.guid(),
    to_card_number: optionalField(CardNumberInput()),
    to_phone_number: optionalField(PhoneNumberInput()).openapi({
      description:
        "Instead of `to_card_number`: the receiver's phone (+998 and 9 digits; spaces and dashes allowed). The money goes to their receiving card.",
    }),
    amount: MoneyInput,
    description: optionalField(z.string().trim().max(255)),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.to_card_number === undefined) === (body.to_phone_number === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [body.to_card_number === undefined ? "to_card_number" : "to_phone_number"],
        message: validationMessage("receiver_one_of"),
      });
    }
  })
  .openapi("TransferRequest", {
    example: {
      from_card_id: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69",
      to_card_number: "7777 0123 4567 8950",
      amount: "25000.00",
      description: "Tushlik uchun",
    },
  });

export const createTransfer = defineRoute({
  method: "post",
  path: "/api/transactions",
  tags,
  security,
  middleware: [requirePostingSession] as const,
  summary: "Send money card to card",
  description: [
    "Requires `Idempotency-Key` (1–255 chars): a retry with the same key and payload replays the first outcome with `Idempotent-Replayed: true` and moves no money; the same key with another payload → 422; while the first is in flight → 409.",
    "Role user pays 1% commission (half-up to the tiyin) on top of the amount; limits per role: 2 000 so'm minimum, 2 000 000 / 4 000 000 / 100 000 000 maximum.",
    "The receiver is `to_card_number` or `to_phone_number`, exactly one (both or neither → 422). A phone pays its owner's receiving card: the one they chose if it is active, else their oldest active card; a phone whose owner is not discoverable or has no active card answers exactly like an unknown phone.",
    "Above your step-up threshold (`step_up_threshold` on `/api/auth/me`, default 1 000 000 so'm) the transfer needs a `Step-Up-Token` from `POST /api/auth/step-up` for this amount and receiver; without one → 403 STEP_UP_REQUIRED and nothing moves. A retry with the same Idempotency-Key replays without one.",
    "A business refusal (inactive card, limits, funds) is recorded as a failed transaction and answered with a 400 problem. Rate limited: 30 per minute per user.",
  ].join("\n\n"),
  request: {
    headers: IdempotencyKeyHeaders.extend({ "step-up-token": StepUpTokenHeader }),
    body: { required: true, content: { "application/json": { schema: TransferBody } } },
  },
  responses: {
    201: jsonContent(TransactionSchema, "The completed transfer (the receipt)"),
  },
  errors: [
    "IDEMPOTENCY_KEY_MISSING",
    "IDEMPOTENCY_IN_PROGRESS",
    "IDEMPOTENCY_KEY_REUSED",
    "SAME_CARD",
    "CARD_NOT_ACTIVE",
    "AMOUNT_TOO_SMALL",
    "LIMIT_EXCEEDED",
    "INSUFFICIENT_FUNDS",
    ["SENDER_CARD_NOT_FOUND", "also for another user's card"],
    [
      "RECEIVER_CARD_NOT_FOUND",
      "the same answer for a card that does not exist and another user's card that cannot receive",
    ],
    [
      "RECEIVER_PHONE_NOT_FOUND",
      "the same answer for an unknown phone, a person who is not discoverable by phone and one with no active card",
    ],
    [
      "STEP_UP_REQUIRED",
      "above your step-up threshold without a valid Step-Up-Token for this amount and receiver; nothing moved",
    ],
    "RATE_LIMITED",
    ["SERVICE_UNAVAILABLE", "nothing moved"],
    ["PLATFORM_CARD_MISSING", "a commission has nowhere to go; nothing moved"],
  ],
});

export const HistoryQuery = z.object({
  card_id: z.guid().optional(),
  start_date: DateInput.optional(),
  end_date: DateInput.optional(),
  amount: MoneyInput.optional(),
  min_amount: MoneyInput.optional(),
  max_amount: MoneyInput.optional(),
  direction: z.enum(["in", "out"]).optional(),
  status: z.enum(["success", "failed"]).optional(),
  type: z.enum(["transfer", "deposit", "subscription"]).optional(),
  ...PaginationQuery,
});

export const listTransactions = defineRoute({
  method: "get",
  path: "/api/transactions",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Your history, newest first",
  description:
    "Only transactions touching your cards. Dates are whole days in Asia/Tashkent; the end date is inclusive.",
  request: { query: HistoryQuery },
  responses: {
    200: jsonContent(
      z.object({ ...PageMetaSchema, data: z.array(TransactionSchema) }).openapi("TransactionPage"),
      "One page",
    ),
  },
  errors: [["CARD_NOT_FOUND", "card_id is not yours"]],
});

export const getTransaction = defineRoute({
  method: "get",
  path: "/api/transactions/{id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "One of your transactions (a receipt)",
  description:
    "`payment_request_id`: the payment request this transfer paid, if any (such a payment is not repeated).",
  request: { params: z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: jsonContent(
      TransactionSchema.extend({ payment_request_id: z.guid().nullable() }).openapi(
        "TransactionDetail",
      ),
      "The transaction",
    ),
  },
  errors: [["TRANSACTION_NOT_FOUND", "also for a transaction that touches none of your cards"]],
});

export const TransferRepeatSchema = z
  .object({
    from_card_id: z.guid(),
    to_card_number: z.string().nullable().openapi({ description: "null for a payment by phone" }),
    to_phone_number: z
      .string()
      .nullable()
      .openapi({ description: "the phone the sender paid to (E.164); null for a card payment" }),
    amount: z.string(),
    description: z.string().nullable(),
  })
  .openapi("TransferRepeat", {
    example: {
      from_card_id: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69",
      to_card_number: "7777012345678950",
      to_phone_number: null,
      amount: "25000.00",
      description: "Tushlik uchun",
    },
  });

export const getTransferRepeat = defineRoute({
  method: "get",
  path: "/api/transactions/{id}/repeat",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "What to prefill to repeat one of your transfers",
  description:
    "For the sender only: the card it was paid from, the receiver's full card number (the sender typed it) or, for a payment by phone, the phone number (the receiving card may differ next time), the amount and the note. Nothing is sent; the payment is made again through POST /api/transactions.",
  request: { params: z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: jsonContent(TransferRepeatSchema, "The transfer's payload"),
  },
  errors: [
    [
      "TRANSACTION_NOT_FOUND",
      "also for a transaction you did not send, a deposit, a subscription, and the payment of a payment request (its payer never saw the receiver's number)",
    ],
  ],
});
