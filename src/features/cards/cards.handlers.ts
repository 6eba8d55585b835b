import type { RouteHandler } from "@hono/zod-openapi";
import { maskCardNumber } from "../../lib/card-number";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { SessionEnv } from "../../types";
import { renderCard } from "../ledger/snapshot";
import type * as routes from "./cards.routes";
import * as cards from "./cards.service";

export const openCard: RouteHandler<typeof routes.openCard, SessionEnv> = async (c) => {
  const card = await cards.openCard(c.var.transactionalDb(), c.var.session.sub);
  return c.json(cards.toCardResponse(card), 201);
};

export const listCards: RouteHandler<typeof routes.listCards, SessionEnv> = async (c) => {
  const list = await cards.listCards(c.var.db(), c.var.session.sub);
  return c.json(list.map(cards.toCardResponse), 200);
};

export const lookupCard: RouteHandler<typeof routes.lookupCard, SessionEnv> = async (c) => {
  // One budget for cards and phones: probing one kind does not extend the other.
  await enforceRateLimit(c, "cardLookup", c.var.session.sub);
  const { number, phone } = c.req.valid("query");
  const card = number
    ? await cards.findPayableCard(c.var.db(), number)
    : await cards.findReceivingCardByPhone(c.var.db(), phone as string);
  // The number was typed by the caller; the name is masked as in any transfer.
  const { owner_name } = renderCard(
    { card_number: card.cardNumber, owner_id: card.ownerId, owner_name: card.ownerName },
    { id: c.var.session.sub, role: "user" },
  );
  return c.json({ card_number: maskCardNumber(card.cardNumber), owner_name }, 200);
};

export const getCard: RouteHandler<typeof routes.getCard, SessionEnv> = async (c) => {
  const card = await cards.getOwnCard(c.var.db(), c.var.session.sub, c.req.valid("param").id);
  return c.json(cards.toCardResponse(card), 200);
};

export const freezeCard: RouteHandler<typeof routes.freezeCard, SessionEnv> = async (c) => {
  const card = await cards.setOwnCardFrozen(
    c.var.transactionalDb(),
    c.var.session.sub,
    c.req.valid("param").id,
    true,
  );
  return c.json(cards.toCardResponse(card), 200);
};

export const unfreezeCard: RouteHandler<typeof routes.unfreezeCard, SessionEnv> = async (c) => {
  const card = await cards.setOwnCardFrozen(
    c.var.transactionalDb(),
    c.var.session.sub,
    c.req.valid("param").id,
    false,
  );
  return c.json(cards.toCardResponse(card), 200);
};

export const chooseReceivingCard: RouteHandler<
  typeof routes.chooseReceivingCard,
  SessionEnv
> = async (c) => {
  const card = await cards.chooseReceivingCard(
    c.var.db(),
    c.var.session.sub,
    c.req.valid("param").id,
  );
  return c.json(cards.toCardResponse(card), 200);
};
