import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError } from "../../lib/problem";
import { markSessionChecked, unauthorized } from "../../middleware/auth";
import type { SessionEnv } from "../../types";
import * as sessions from "./sessions";
import type * as routes from "./sessions.routes";

/** The script found the caller's session alive (null: it had died). */
function alive<T>(c: Context<SessionEnv>, result: T | null): T {
  if (result === null) throw unauthorized();
  markSessionChecked(c);
  return result;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const listSessions: RouteHandler<typeof routes.listSessions, SessionEnv> = async (c) => {
  const { sid, sub } = c.var.session;
  const live = alive(c, await sessions.listSessions(c.var.redis, sub, sid));
  const lastUsed = (session: sessions.SessionInfo) => session.lastUsedAt?.getTime() ?? 0;
  const sorted = live.sort(
    (a, b) => Number(b.sid === sid) - Number(a.sid === sid) || lastUsed(b) - lastUsed(a),
  );
  return c.json(
    sorted.map((session) => ({
      id: session.sid,
      device: session.device,
      address: session.address,
      created_at: iso(session.createdAt),
      last_used_at: iso(session.lastUsedAt),
      current: session.sid === sid,
    })),
    200,
  );
};

export const endSession: RouteHandler<typeof routes.endSession, SessionEnv> = async (c) => {
  const { sid, sub } = c.var.session;
  const outcome = await sessions.endSession(c.var.redis, {
    sid: c.req.valid("param").id,
    userId: sub,
    callerSid: sid,
  });
  alive(c, outcome === "caller-dead" ? null : outcome);
  if (outcome === "not-found") throw new ApiError("SESSION_NOT_FOUND");
  return c.body(null, 204);
};

export const endOtherSessions: RouteHandler<typeof routes.endOtherSessions, SessionEnv> = async (
  c,
) => {
  const { sid, sub } = c.var.session;
  const ended = alive(c, await sessions.endOtherSessions(c.var.redis, sub, sid));
  return c.json({ ended }, 200);
};
