import { z } from "@hono/zod-openapi";
import { BANK_FREEZE_REASONS } from "../../db/schema";
import { defineRoute, jsonContent, type ProblemDeclaration } from "../../lib/openapi";
import { validationMessage } from "../../lib/problem";
import { CardNumberInput, PhoneNumberInput, UuidParam } from "../../lib/schemas";
import { requireSession } from "../../middleware/auth";

const tags = ["Cards"];
const security = [{ OAuth2PasswordBearer: [] }];

export const CardSchema = z
  .object({
    id: z.guid(),
    user_id: z.guid(),
    card_number: z.string(),
    balance: z.string(),
    status: z.enum(["active", "frozen", "expired", "closed"]),
    frozen_by: z.enum(["owner", "bank", "limit"]).nullable().openapi({
      description:
        "Who froze the card: its owner (they may unfreeze it), the bank (only the bank reopens it) or the card limit of the owner's plan (unfreeze it after freezing another card). null unless frozen.",
    }),
    freeze_reason: z.enum(BANK_FREEZE_REASONS).nullable().openapi({
      description: "Why the bank blocked the card (a code the app shows in the user's language)",
    }),
    activated: z.boolean().openapi({
      description:
        "false from opening until the owner first activates the card (a new card opens frozen): a frozen card that was never activated is shown as not activated yet, not as frozen",
    }),
    receiving: z.boolean().openapi({
      description:
        "true for the card a payment to the owner's phone number goes to right now: the card they chose if it is active, else their oldest active card",
    }),
    expiry_date: z.string().openapi({ format: "date" }),
    owner_name: z.string(),
    created_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Card", {
    example: {
      id: "3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69",
      user_id: "4f6c1c1e-2d0b-4a4e-9a51-0f3f5d7c2b11",
      card_number: "7777123456789050",
      balance: "150000.00",
      status: "active",
      frozen_by: null,
      freeze_reason: null,
      activated: true,
      receiving: true,
      expiry_date: "2031-11-24",
      owner_name: "Alisher Valiyev",
      created_at: "2026-11-24T09:30:00.000Z",
    },
  });

const CardLookupSchema = z
  .object({ card_number: z.string(), owner_name: z.string() })
  .openapi("CardLookup", {
    example: { card_number: "7777 **** **** 9050", owner_name: "Alisher V." },
  });

const CardIdParams = z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) });
const notFound: ProblemDeclaration = ["CARD_NOT_FOUND", "also for another user's card"];

export const openCard = defineRoute({
  method: "post",
  path: "/api/card",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Open a virtual card",
  description:
    "Opens a frozen card (activate it with unfreeze), balance 0, expiry in 5 years. Limit: 1 card for role user, 5 for premium and admin (closed cards do not count).",
  responses: {
    201: jsonContent(CardSchema, "The new card"),
  },
  errors: [
    ["CARD_LIMIT", "role user, at its one card"],
    ["CARD_LIMIT_PREMIUM", "premium and admin, at their limit"],
  ],
});

export const listCards = defineRoute({
  method: "get",
  path: "/api/card",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Your cards",
  responses: { 200: jsonContent(z.array(CardSchema), "Your cards, oldest first") },
  errors: [],
});

export const lookupCard = defineRoute({
  method: "get",
  path: "/api/card/lookup",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Masked owner of an active card or of a phone number (for the send screen)",
  description:
    "`number` (a card) or `phone` (+998 and 9 digits; the card a payment to it would reach), exactly one. Rate limited: 20 per minute per user, one budget for both kinds (and for saving a card). The number is checksum-validated first.",
  request: {
    query: z
      .object({
        number: CardNumberInput()
          .optional()
          .openapi({ param: { name: "number", in: "query" } }),
        phone: PhoneNumberInput()
          .optional()
          .openapi({ param: { name: "phone", in: "query" } }),
      })
      .superRefine((query, ctx) => {
        if ((query.number === undefined) === (query.phone === undefined)) {
          ctx.addIssue({
            code: "custom",
            path: [query.number === undefined ? "number" : "phone"],
            message: validationMessage("receiver_one_of"),
          });
        }
      }),
  },
  responses: {
    200: jsonContent(
      CardLookupSchema,
      "The masked card number and owner name (for a phone: of its receiving card)",
    ),
  },
  errors: [
    [
      "RECEIVER_CARD_NOT_FOUND",
      "no card with this number can receive money: the same answer for a card that does not exist and one that is frozen, closed or expired",
    ],
    [
      "RECEIVER_PHONE_NOT_FOUND",
      "the same answer for an unknown phone, a person who is not discoverable by phone and one with no active card",
    ],
    "RATE_LIMITED",
  ],
});

export const getCard = defineRoute({
  method: "get",
  path: "/api/card/{id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "One of your cards",
  request: { params: CardIdParams },
  responses: { 200: jsonContent(CardSchema, "The card") },
  errors: [notFound],
});

export const freezeCard = defineRoute({
  method: "patch",
  path: "/api/card/{id}/freeze",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Freeze an active card",
  request: { params: CardIdParams },
  responses: {
    200: jsonContent(CardSchema, "The frozen card"),
  },
  errors: ["CARD_ALREADY_FROZEN", "CARD_CLOSED", "CARD_EXPIRED", notFound],
});

export const unfreezeCard = defineRoute({
  method: "patch",
  path: "/api/card/{id}/unfreeze",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Activate a frozen card",
  description:
    "Only a card its owner froze (or the card limit froze) is activated here; a card the bank blocked stays blocked until an admin reopens it. The role's number of active cards is never exceeded.",
  request: { params: CardIdParams },
  responses: {
    200: jsonContent(CardSchema, "The active card"),
  },
  errors: [
    "CARD_ALREADY_ACTIVE",
    "CARD_CLOSED",
    "CARD_EXPIRED",
    notFound,
    "CARD_BLOCKED_BY_BANK",
    "ACTIVE_CARD_LIMIT",
  ],
});

export const chooseReceivingCard = defineRoute({
  method: "patch",
  path: "/api/card/{id}/receiving",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Make a card the one payments to your phone number go to",
  description:
    "Only an active card. If it is later frozen, closed or expires, payments by phone go to your oldest active card until it is active again.",
  request: { params: CardIdParams },
  responses: {
    200: jsonContent(CardSchema, "The card, now receiving"),
  },
  errors: [["CARD_NOT_ACTIVE", "the card is frozen, closed or expired"], notFound],
});
