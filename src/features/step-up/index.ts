import { createRouter } from "../../lib/router";
import * as handlers from "./step-up.handlers";
import * as routes from "./step-up.routes";

export const stepUpRouter = createRouter()
  .openapi(routes.stepUpOptions, handlers.stepUpOptions)
  .openapi(routes.stepUp, handlers.stepUp);
