import type { RouteHandler } from "@hono/zod-openapi";
import { maskCardNumber } from "../../lib/card-number";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { AuthedEnv } from "../../types";
import { renderCard } from "../ledger/snapshot";
import type * as routes from "./cards.routes";
import * as cards from "./cards.service";

export const openCard: RouteHandler<typeof routes.openCard, AuthedEnv> = async (c) => {
  const card = await cards.openCard(c.var.db(), c.var.user.id);
  return c.json(cards.toCardResponse(card), 201);
};

export const listCards: RouteHandler<typeof routes.listCards, AuthedEnv> = async (c) => {
  const list = await cards.listCards(c.var.db(), c.var.user.id);
  return c.json(list.map(cards.toCardResponse), 200);
};

export const lookupCard: RouteHandler<typeof routes.lookupCard, AuthedEnv> = async (c) => {
  await enforceRateLimit(c, "cardLookup", c.var.user.id);
  const card = await cards.findPayableCard(c.var.db(), c.req.valid("query").number);
  // The number was typed by the caller; the name is masked as in any transfer.
  const { owner_name } = renderCard(
    { card_number: card.cardNumber, owner_id: card.ownerId, owner_name: card.ownerName },
    { id: c.var.user.id, role: "user" },
  );
  return c.json({ card_number: maskCardNumber(card.cardNumber), owner_name }, 200);
};

export const getCard: RouteHandler<typeof routes.getCard, AuthedEnv> = async (c) => {
  const card = await cards.getOwnCard(c.var.db(), c.var.user.id, c.req.valid("param").id);
  return c.json(cards.toCardResponse(card), 200);
};

export const freezeCard: RouteHandler<typeof routes.freezeCard, AuthedEnv> = async (c) => {
  const card = await cards.setOwnCardFrozen(
    c.var.db(),
    c.var.user.id,
    c.req.valid("param").id,
    true,
  );
  return c.json(cards.toCardResponse(card), 200);
};

export const unfreezeCard: RouteHandler<typeof routes.unfreezeCard, AuthedEnv> = async (c) => {
  const card = await cards.setOwnCardFrozen(
    c.var.db(),
    c.var.user.id,
    c.req.valid("param").id,
    false,
  );
  return c.json(cards.toCardResponse(card), 200);
};
