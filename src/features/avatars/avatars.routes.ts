import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent, type ProblemDeclaration } from "../../lib/openapi";
import { UuidParam } from "../../lib/schemas";
import { requireSession } from "../../middleware/auth";
import { UserSchema } from "../auth/auth.schemas";

const tags = ["Avatar"];
const security = [{ OAuth2PasswordBearer: [] }];

// A plain schema, not zod: the body is read by the handler through a size cap,
// and a zod form schema would make the validator parse the whole body first.
const uploadBody = {
  required: true,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: { image: { type: "string" as const, format: "binary" } },
        required: ["image"],
      },
    },
  },
};

const UserIdParams = z.object({
  user_id: UuidParam.openapi({ param: { name: "user_id", in: "path" } }),
});
const notYours: ProblemDeclaration = ["NOT_YOUR_PROFILE", "another user's id"];
const uploadDescription =
  "Multipart field `image`: JPEG, PNG or WebP, recognised by its magic bytes (the declared type and filename are ignored), at most 5 MiB. Replaces the current avatar. Rate limited: 5 per minute per user.";

const uploadResponses = { 201: jsonContent(UserSchema, "The user with the new avatar") };
const uploadErrors: ProblemDeclaration[] = [
  ["BAD_IMAGE", "not JPEG, PNG or WebP, or empty"],
  ["MALFORMED_REQUEST", "not a readable multipart body"],
  "IMAGE_TOO_LARGE",
  ["UNSUPPORTED_MEDIA_TYPE", "not multipart/form-data"],
  ["VALIDATION_ERROR", "no `image` file"],
  ["RATE_LIMITED", "too many uploads"],
];

export const uploadAvatar = defineRoute({
  method: "post",
  path: "/api/avatar",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Upload your avatar",
  description: uploadDescription,
  request: { body: uploadBody },
  responses: uploadResponses,
  errors: uploadErrors,
});

export const uploadAvatarFor = defineRoute({
  method: "post",
  path: "/api/avatar/{user_id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Upload your avatar (the earlier client's path with your own id)",
  description: uploadDescription,
  request: { params: UserIdParams, body: uploadBody },
  responses: uploadResponses,
  errors: [...uploadErrors, notYours],
});

const deleteResponses = { 204: { description: "Avatar removed" } };

export const deleteAvatar = defineRoute({
  method: "delete",
  path: "/api/avatar",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Remove your avatar",
  responses: deleteResponses,
  errors: ["AVATAR_NOT_FOUND"],
});

export const deleteAvatarFor = defineRoute({
  method: "delete",
  path: "/api/avatar/{user_id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Remove your avatar (the earlier client's path with your own id)",
  request: { params: UserIdParams },
  responses: deleteResponses,
  errors: ["AVATAR_NOT_FOUND", notYours],
});

const binary = { schema: { type: "string" as const, format: "binary" } };

export const avatarImage = defineRoute({
  method: "get",
  path: "/api/avatar/image/{avatar_id}",
  tags,
  summary: "An avatar image (public: used as <img src>)",
  description:
    "Served with its detected type, `nosniff` and a sandboxing CSP. Avatar ids are random and change on every upload, so the response is cached as immutable.",
  request: {
    params: z.object({
      avatar_id: UuidParam.openapi({ param: { name: "avatar_id", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "The image",
      content: { "image/jpeg": binary, "image/png": binary, "image/webp": binary },
    },
  },
  errors: [["NOT_FOUND", "no such avatar (removed or replaced)"], "SERVICE_UNAVAILABLE"],
});
