import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { formatMoney } from "../../lib/money";
import type { AppEnv, SessionEnv } from "../../types";
import { markReplay, postingRequest } from "../ledger/idempotent-posting";
import { purchaseSubscription } from "./purchase.service";
import type * as routes from "./subscriptions.routes";
import {
  cancelRenewal,
  findCurrentSubscription,
  SUBSCRIPTION_PERIOD_DAYS,
  toSubscriptionResponse,
} from "./subscriptions.service";

export const getPrice: RouteHandler<typeof routes.getPrice, AppEnv> = (c) =>
  c.json(
    {
      price: formatMoney(c.var.config.SUBSCRIPTION_PRICE),
      period_days: SUBSCRIPTION_PERIOD_DAYS,
    },
    200,
  );

export const purchase: RouteHandler<typeof routes.purchase, SessionEnv> = async (c) => {
  const { deps, caller } = postingRequest(c);
  const { subscription, outcome } = await purchaseSubscription(deps, caller, {
    cardId: c.req.valid("param").card_id,
    price: c.var.config.SUBSCRIPTION_PRICE,
  });
  markReplay(c, outcome);
  return c.json(
    toSubscriptionResponse(subscription, outcome.transaction, {
      id: caller.id,
      role: outcome.context.role,
    }),
    201,
  );
};

/**
 * A premium payment moves money from the payer's own card to the platform card, both
 * shown in full to the payer whatever their role, so the role need not be read.
 */
const payer = (c: Context<SessionEnv>) => ({ id: c.var.session.sub, role: "user" });

export const getCurrent: RouteHandler<typeof routes.getCurrent, SessionEnv> = async (c) => {
  const current = await findCurrentSubscription(c.var.db(), c.var.session.sub);
  if (!current) return c.json({ status: "none" as const }, 200);
  return c.json(toSubscriptionResponse(current.subscription, current.transaction, payer(c)), 200);
};

export const cancel: RouteHandler<typeof routes.cancel, SessionEnv> = async (c) => {
  const { subscription, transaction } = await cancelRenewal(c.var.db(), c.var.session.sub);
  return c.json(toSubscriptionResponse(subscription, transaction, payer(c)), 200);
};
