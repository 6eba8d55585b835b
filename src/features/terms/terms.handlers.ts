import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../types";
import { SUBSCRIPTION_PERIOD_DAYS } from "../subscriptions/subscriptions.service";
import type * as routes from "./terms.routes";
import { currentTerms } from "./terms.service";

/** Terms change by migration (rarely): a minute of caching is safe and saves a round trip. */
const CACHE_CONTROL = "public, max-age=60";

export const getTerms: RouteHandler<typeof routes.getTerms, AppEnv> = async (c) => {
  const terms = await currentTerms(
    c.var.db(),
    c.var.config.SUBSCRIPTION_PRICE,
    SUBSCRIPTION_PERIOD_DAYS,
  );
  c.header("Cache-Control", CACHE_CONTROL);
  return c.json(terms, 200);
};
