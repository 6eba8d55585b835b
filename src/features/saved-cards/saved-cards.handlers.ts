import type { RouteHandler } from "@hono/zod-openapi";
import { enforceRateLimit } from "../../lib/rate-limit";
import { pageMeta } from "../../lib/schemas";
import type { SessionEnv } from "../../types";
import type { SavedCardRoutes } from "./saved-cards.routes";
import * as savedCards from "./saved-cards.service";

type Handler<K extends keyof SavedCardRoutes> = RouteHandler<SavedCardRoutes[K], SessionEnv>;

export const create: Handler<"create"> = async (c) => {
  // Saving answers whether a number is a Cho'ntak card and shows its masked owner,
  // like a lookup, so it counts against the same limit (no enumeration around it).
  await enforceRateLimit(c, "cardLookup", c.var.session.sub);
  const body = c.req.valid("json");
  const card = await savedCards.saveCard(c.var.db(), c.var.session.sub, {
    cardNumber: body.card_number,
    phoneNumber: body.phone_number,
    cardHolderName: body.card_holder_name,
    alias: body.alias,
  });
  return c.json(savedCards.toSavedCardResponse(card), 201);
};

export const list: Handler<"list"> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await savedCards.listSavedCards(c.var.db(), c.var.session.sub, query);
  return c.json(
    {
      ...pageMeta(total, query.page, query.limit),
      total_saved_cards: total,
      data: items.map(savedCards.toSavedCardResponse),
    },
    200,
  );
};

export const get: Handler<"get"> = async (c) => {
  const card = await savedCards.getSavedCard(
    c.var.db(),
    c.var.session.sub,
    c.req.valid("param").id,
  );
  return c.json(savedCards.toSavedCardResponse(card), 200);
};

export const rename: Handler<"rename"> = async (c) => {
  const card = await savedCards.renameSavedCard(
    c.var.db(),
    c.var.session.sub,
    c.req.valid("param").id,
    c.req.valid("json").alias,
  );
  return c.json(savedCards.toSavedCardResponse(card), 200);
};

export const remove: Handler<"remove"> = async (c) => {
  await savedCards.deleteSavedCard(c.var.db(), c.var.session.sub, c.req.valid("param").id);
  return c.body(null, 204);
};
