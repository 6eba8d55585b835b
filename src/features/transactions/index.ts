import { createRouter } from "../../lib/router";
import * as handlers from "./transactions.handlers";
import * as routes from "./transactions.routes";

export const transactionsRouter = createRouter()
  .openapi(routes.createTransfer, handlers.createTransfer)
  .openapi(routes.listTransactions, handlers.listTransactions)
  .openapi(routes.getTransaction, handlers.getTransaction)
  .openapi(routes.getTransferRepeat, handlers.getTransferRepeat);
