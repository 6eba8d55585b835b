import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import { UuidParam } from "../../lib/schemas";
import { requirePostingSession } from "../../middleware/auth";

const tags = ["Auth"];
const security = [{ OAuth2PasswordBearer: [] }];
// requirePostingSession: each route's own Redis script checks the caller's session
// (and records its use) in the request it makes anyway, so the middleware verifies
// only the token.

export const SessionSchema = z
  .object({
    id: z.guid().openapi({
      description:
        "The session's id. It only names the session: acting as it needs its tokens, which stay with the device.",
    }),
    device: z.string().nullable().openapi({
      description: "Browser and system from the User-Agent of the login; null if it told nothing",
      example: "Chrome 131 · Android",
    }),
    address: z.string().nullable().openapi({
      description: "The address the login came from, its last part hidden; null if unknown",
      example: "203.0.113.*",
    }),
    created_at: z.string().nullable().openapi({ format: "date-time", description: "The login" }),
    last_used_at: z.string().nullable().openapi({
      format: "date-time",
      description: "The last request or token refresh, to the minute",
    }),
    current: z.boolean().openapi({ description: "true for the session of this request" }),
  })
  .openapi("Session", {
    example: {
      id: "0d7f1c52-6a0e-4a63-9a0b-3f0d2f9d1e44",
      device: "Safari 17 · iPhone",
      address: "203.0.113.*",
      created_at: "2026-11-24T09:30:00.000Z",
      last_used_at: "2026-11-24T10:02:00.000Z",
      current: true,
    },
  });

const EndedSchema = z
  .object({ ended: z.number().int().openapi({ description: "How many sessions ended" }) })
  .openapi("SessionsEnded");

const IdParams = z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) });

export const listSessions = defineRoute({
  method: "get",
  path: "/api/auth/sessions",
  tags,
  summary: "Your devices: every live session",
  description: "This session first, then the others, most recently used first.",
  middleware: [requirePostingSession] as const,
  security,
  responses: {
    200: jsonContent(z.array(SessionSchema), "Your live sessions"),
  },
  errors: [],
});

export const endSession = defineRoute({
  method: "delete",
  path: "/api/auth/sessions/{id}",
  tags,
  summary: "Log a device out",
  description:
    "The session's access and refresh tokens stop working at once. Naming this request's own session logs it out, like `POST /api/auth/logout`.",
  middleware: [requirePostingSession] as const,
  security,
  request: { params: IdParams },
  responses: { 204: { description: "Ended" } },
  errors: [["SESSION_NOT_FOUND", "also for another user's session or one that already ended"]],
});

export const endOtherSessions = defineRoute({
  method: "delete",
  path: "/api/auth/sessions",
  tags,
  summary: "Log out every other device",
  description: "Every session but this one ends at once; this one stays.",
  middleware: [requirePostingSession] as const,
  security,
  responses: {
    200: jsonContent(EndedSchema, "How many sessions ended"),
  },
  errors: [],
});
