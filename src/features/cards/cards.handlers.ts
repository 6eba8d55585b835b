import type { RouteHandler } from "@hono/zod-openapi";
import { maskCardNumber, maskOwnerName } from "../../lib/card-number";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { AuthedEnv } from "../../types";
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
  const card = await cards.findActiveCardOwner(c.var.db(), c.req.valid("query").number);
  return c.json(
    { card_number: maskCardNumber(card.cardNumber), owner_name: maskOwnerName(card.ownerName) },
    200,
  );
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
