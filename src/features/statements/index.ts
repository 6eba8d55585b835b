import { createRouter } from "../../lib/router";
import * as handlers from "./statements.handlers";
import * as routes from "./statements.routes";

export const statementsRouter = createRouter().openapi(
  routes.cardStatement,
  handlers.cardStatement,
);

export { adminCardStatement as adminStatementHandler } from "./statements.handlers";
export { adminCardStatement as adminStatementRoute } from "./statements.routes";
