import { createRouter } from "../../lib/router";
import * as handlers from "./subscriptions.handlers";
import * as routes from "./subscriptions.routes";

export const subscriptionsRouter = createRouter()
  .openapi(routes.getPrice, handlers.getPrice)
  .openapi(routes.purchase, handlers.purchase)
  .openapi(routes.getCurrent, handlers.getCurrent)
  .openapi(routes.cancel, handlers.cancel);

export { renewDueSubscriptions } from "./renewal.service";
