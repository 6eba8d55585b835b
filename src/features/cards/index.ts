import { createRouter } from "../../lib/router";
import * as handlers from "./cards.handlers";
import * as routes from "./cards.routes";

// lookup is registered before {id} so "lookup" is never read as a card id.
export const cardsRouter = createRouter()
  .openapi(routes.openCard, handlers.openCard)
  .openapi(routes.listCards, handlers.listCards)
  .openapi(routes.lookupCard, handlers.lookupCard)
  .openapi(routes.getCard, handlers.getCard)
  .openapi(routes.freezeCard, handlers.freezeCard)
  .openapi(routes.unfreezeCard, handlers.unfreezeCard)
  .openapi(routes.chooseReceivingCard, handlers.chooseReceivingCard);
