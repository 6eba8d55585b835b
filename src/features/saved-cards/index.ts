import { createRouter } from "../../lib/router";
import * as handlers from "./saved-cards.handlers";
import { SAVED_CARDS_PATHS, savedCardRoutes } from "./saved-cards.routes";

export const savedCardsRouter = createRouter();

// Same routes under both base paths; the alias is hidden from the OpenAPI document.
for (const base of SAVED_CARDS_PATHS) {
  const routes = savedCardRoutes(base);
  savedCardsRouter
    .openapi(routes.create, handlers.create)
    .openapi(routes.list, handlers.list)
    .openapi(routes.get, handlers.get)
    .openapi(routes.rename, handlers.rename)
    .openapi(routes.remove, handlers.remove);
}
