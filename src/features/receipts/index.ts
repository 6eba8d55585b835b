import { createRouter } from "../../lib/router";
import * as handlers from "./receipts.handlers";
import * as routes from "./receipts.routes";

export const receiptsRouter = createRouter()
  .openapi(routes.getReceipt, handlers.getReceipt)
  .openapi(routes.getReceiptKeys, handlers.getReceiptKeys)
  .openapi(routes.verifyReceipt, handlers.verifyReceipt);
