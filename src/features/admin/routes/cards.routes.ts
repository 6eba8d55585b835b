import { z } from "@hono/zod-openapi";
import { BANK_FREEZE_REASONS } from "../../../db/schema";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { PageMetaSchema, PaginationQuery } from "../../../lib/schemas";
import { CardSchema } from "../../cards/cards.routes";
import { admin, CardIdParams, Search } from "./common";

export const allCards = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/all-cards",
  summary: "All cards",
  request: {
    query: z.object({
      search_owner: Search.optional(),
      search_card_number: Search.optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({ ...PageMetaSchema, total_cards: z.number().int(), data: z.array(CardSchema) })
        .openapi("CardPage"),
      "One page of cards",
    ),
  },
  errors: [],
});

export const oneCard = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/one-card/{card_id}",
  summary: "Any card",
  request: { params: CardIdParams },
  responses: {
    200: jsonContent(CardSchema, "The card"),
  },
  errors: ["CARD_NOT_FOUND"],
});

export const cardStatus = defineRoute({
  ...admin,
  method: "patch",
  path: "/api/admin/status-card/{card_id}",
  summary: "Set a card's status (audited)",
  description:
    "Transitions: frozen → active, active (or frozen by its owner or the card limit) → frozen by the bank, with a reason the owner sees; active/frozen/expired → closed. Only this route reopens a card the bank blocked; activating never gives the owner more active cards than their role allows (409 ACTIVE_CARD_LIMIT). Closed is final; a card with a non-zero balance cannot be closed (409). The platform card cannot be changed.",
  request: {
    params: CardIdParams,
    query: z.object({
      status: z.enum(["active", "frozen", "closed"]),
      reason: z
        .enum(BANK_FREEZE_REASONS)
        .optional()
        .openapi({ description: "why the bank blocks the card (status=frozen); default other" }),
    }),
  },
  responses: {
    200: jsonContent(CardSchema, "The card after the change"),
  },
  errors: [
    ["INVALID_TRANSITION", "only a frozen card is activated"],
    "CARD_ALREADY_ACTIVE",
    "CARD_ALREADY_FROZEN",
    "CARD_ALREADY_CLOSED",
    "CARD_EXPIRED",
    "PLATFORM_CARD_LOCKED",
    "CARD_NOT_FOUND",
    "CARD_HAS_BALANCE",
    "ACTIVE_CARD_LIMIT",
  ],
});
