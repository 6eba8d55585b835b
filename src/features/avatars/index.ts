import { createRouter } from "../../lib/router";
import * as handlers from "./avatars.handlers";
import * as routes from "./avatars.routes";

export const avatarsRouter = createRouter()
  .openapi(routes.avatarImage, handlers.avatarImage)
  .openapi(routes.uploadAvatar, handlers.uploadAvatar)
  .openapi(routes.uploadAvatarFor, handlers.uploadAvatarFor)
  .openapi(routes.deleteAvatar, handlers.deleteAvatar)
  .openapi(routes.deleteAvatarFor, handlers.deleteAvatarFor);
