import { createRouter } from "../../lib/router";
import * as handlers from "./auth.handlers";
import * as routes from "./auth.routes";
import * as sessionHandlers from "./sessions.handlers";
import * as sessionRoutes from "./sessions.routes";

export const authRouter = createRouter()
  .openapi(routes.register, handlers.register)
  .openapi(routes.login, handlers.login)
  .openapi(routes.refresh, handlers.refresh)
  .openapi(routes.logout, handlers.logout)
  .openapi(routes.me, handlers.me)
  .openapi(routes.updateMe, handlers.updateMe)
  .openapi(routes.changePassword, handlers.changePassword)
  .openapi(sessionRoutes.listSessions, sessionHandlers.listSessions)
  .openapi(sessionRoutes.endSession, sessionHandlers.endSession)
  .openapi(sessionRoutes.endOtherSessions, sessionHandlers.endOtherSessions);
