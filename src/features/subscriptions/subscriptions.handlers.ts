import type { RouteHandler } from "@hono/zod-openapi";
import { formatMoney } from "../../lib/money";
import type { AppEnv, AuthedEnv } from "../../types";
import { markReplay, postingRequest } from "../ledger/idempotent-posting";
import { purchaseSubscription } from "./purchase.service";
import type * as routes from "./subscriptions.routes";
import {
  cancelRenewal,
  currentSubscription,
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

export const purchase: RouteHandler<typeof routes.purchase, AuthedEnv> = async (c) => {
  const { deps, caller } = postingRequest(c);
  const { subscription, outcome } = await purchaseSubscription(deps, caller, {
    cardId: c.req.valid("param").card_id,
    price: c.var.config.SUBSCRIPTION_PRICE,
  });
  markReplay(c, outcome);
  return c.json(
    toSubscriptionResponse(subscription, outcome.transaction, {
      id: c.var.user.id,
      role: outcome.context.role,
    }),
    201,
  );
};

export const getCurrent: RouteHandler<typeof routes.getCurrent, AuthedEnv> = async (c) => {
  const { subscription, transaction } = await currentSubscription(c.var.db(), c.var.user.id);
  return c.json(toSubscriptionResponse(subscription, transaction, c.var.user), 200);
};

export const cancel: RouteHandler<typeof routes.cancel, AuthedEnv> = async (c) => {
  const { subscription, transaction } = await cancelRenewal(c.var.db(), c.var.user.id);
  return c.json(toSubscriptionResponse(subscription, transaction, c.var.user), 200);
};
