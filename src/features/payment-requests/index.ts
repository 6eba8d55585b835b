import { createRouter } from "../../lib/router";
import * as handlers from "./payment-requests.handlers";
import * as routes from "./payment-requests.routes";

export const paymentRequestsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.cancel, handlers.cancel)
  .openapi(routes.pay, handlers.pay);
