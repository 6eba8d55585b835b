import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError } from "../../lib/problem";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { AppEnv, SessionEnv } from "../../types";
import { findUserById, toUserResponse } from "../users/users.service";
import type * as routes from "./avatars.routes";
import * as avatars from "./avatars.service";
import { readImageUpload } from "./image-upload";

const store = <E extends AppEnv>(c: Context<E>): avatars.AvatarStore => ({
  db: c.var.transactionalDb(),
  bucket: c.env.AVATARS,
});

/** The `/{user_id}` forms exist for the earlier client; they act only on the caller. */
function assertOwnProfile(c: Context<SessionEnv>, userId: string | undefined) {
  if (userId !== undefined && userId !== c.var.session.sub) throw new ApiError("NOT_YOUR_PROFILE");
}

async function upload(c: Context<SessionEnv>, userId?: string) {
  assertOwnProfile(c, userId);
  // Counted before the body is read, so refused floods cost no upload bandwidth.
  await enforceRateLimit(c, "avatarUpload", c.var.session.sub);
  const image = await readImageUpload(c.req.raw);
  await avatars.replaceAvatar(store(c), c.var.session.sub, image);
  const user = await findUserById(c.var.db(), c.var.session.sub);
  if (!user) throw new ApiError("INVALID_TOKEN");
  return toUserResponse(user, new URL(c.req.url).origin);
}

async function remove(c: Context<SessionEnv>, userId?: string) {
  assertOwnProfile(c, userId);
  await avatars.removeAvatar(store(c), c.var.session.sub);
}

export const uploadAvatar: RouteHandler<typeof routes.uploadAvatar, SessionEnv> = async (c) =>
  c.json(await upload(c), 201);

export const uploadAvatarFor: RouteHandler<typeof routes.uploadAvatarFor, SessionEnv> = async (c) =>
  c.json(await upload(c, c.req.valid("param").user_id), 201);

export const deleteAvatar: RouteHandler<typeof routes.deleteAvatar, SessionEnv> = async (c) => {
  await remove(c);
  return c.body(null, 204);
};

export const deleteAvatarFor: RouteHandler<typeof routes.deleteAvatarFor, SessionEnv> = async (
  c,
) => {
  await remove(c, c.req.valid("param").user_id);
  return c.body(null, 204);
};

export const avatarImage: RouteHandler<typeof routes.avatarImage, AppEnv> = async (c) => {
  const image = await avatars.openAvatarImage(store(c), c.req.valid("param").avatar_id);
  return new Response(image.body, {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.size),
      ETag: image.etag,
      "X-Content-Type-Options": "nosniff",
      // Keys and avatar ids are never reused, so a cached copy is never stale.
      "Cache-Control": "public, max-age=86400, immutable",
      // Even if a browser were talked into rendering it as a document, it could do nothing.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
    },
  });
};
