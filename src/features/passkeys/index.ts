import { createRouter } from "../../lib/router";
import * as handlers from "./passkeys.handlers";
import * as routes from "./passkeys.routes";

export const passkeysRouter = createRouter()
  .openapi(routes.registrationOptions, handlers.registrationOptions)
  .openapi(routes.createPasskey, handlers.createPasskey)
  .openapi(routes.listPasskeys, handlers.listPasskeys)
  .openapi(routes.renamePasskey, handlers.renamePasskey)
  .openapi(routes.deletePasskey, handlers.deletePasskey)
  .openapi(routes.loginOptions, handlers.loginOptions)
  .openapi(routes.passkeyLogin, handlers.passkeyLogin);
