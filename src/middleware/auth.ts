import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { checkSession } from "../features/auth/sessions";
import { verifyToken } from "../features/auth/tokens";
import { findUserById, type Role } from "../features/users/users.service";
import { ApiError } from "../lib/problem";
import type { AppEnv, AuthedEnv, SessionEnv, TokenClaims } from "../types";

// Which middleware a route takes (each backend call costs a round trip from the edge):
// - requireSession: the token and a live session. Every statement of such a route is
//   scoped to the token's user id, so the user row is not read. A read (GET/HEAD) runs
//   its query while the session is checked and discards the answer if the session is
//   dead; a write checks the session first.
// - requirePostingSession: the token only; the posting's one Redis request checks the
//   session with its rate limit and lock, and the ledger reads the user's role under its
//   own locks. If the route answers without reaching that check, it is made here. The
//   devices routes take it too: their one Redis script checks the caller's session.
// Every session check also records the session's last use, in the same Redis request.
// - requireUser: the user row too, read fresh with the session check (one round trip:
//   both at once), for routes that need the role or the person's details. Every admin
//   route takes it, so a role change applies at once.

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;
/** Every 401 names the scheme (RFC 6750 §3), whatever was wrong with the token. */
export const unauthorized = (cause?: unknown) =>
  new ApiError("INVALID_TOKEN", { headers: { "WWW-Authenticate": "Bearer" }, cause });

/** Signature, type and expiry of the bearer access token; no backend is asked. */
async function verifyAccessToken<E extends AppEnv>(c: Context<E>): Promise<TokenClaims> {
  const match = BEARER.exec(c.req.header("authorization") ?? "");
  if (!match?.[1]) throw unauthorized();
  return verifyToken(c.var.config, match[1], "access").catch((error: unknown) => {
    throw error instanceof ApiError ? unauthorized(error) : error;
  });
}

const isRead = (c: Context) => c.req.method === "GET" || c.req.method === "HEAD";

export const requireSession = createMiddleware<SessionEnv>(async (c, next) => {
  const claims = await verifyAccessToken(c);
  c.set("session", claims);
  const alive = checkSession(c.var.redis, claims.sid, claims.sub);
  if (!isRead(c)) {
    if (!(await alive)) throw unauthorized();
    return next();
  }
  // Settled even if the handler throws first, so its rejection is never unhandled.
  const checked = alive.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await next();
  const outcome = await checked;
  if ("error" in outcome) throw outcome.error;
  if (!outcome.value) throw unauthorized();
});

/** Set by the posting once its Redis request has found the session alive. */
export function markSessionChecked<E extends SessionEnv>(c: Context<E>): void {
  c.set("sessionChecked", true);
}

export const requirePostingSession = createMiddleware<SessionEnv>(async (c, next) => {
  const claims = await verifyAccessToken(c);
  c.set("session", claims);
  await next();
  // An answer given before the posting's check (a malformed body, say) must still not
  // tell a dead session anything but 401.
  if (!c.get("sessionChecked") && !(await checkSession(c.var.redis, claims.sid, claims.sub))) {
    throw unauthorized();
  }
});

export const requireUser = createMiddleware<AuthedEnv>(async (c, next) => {
  const claims = await verifyAccessToken(c);
  const [alive, user] = await Promise.all([
    checkSession(c.var.redis, claims.sid, claims.sub),
    findUserById(c.var.db(), claims.sub),
  ]);
  if (!alive || !user) throw unauthorized();
  c.set("user", user);
  c.set("session", claims);
  await next();
});

/** Allows only the given roles (after requireUser); others get 403. */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AuthedEnv>(async (c, next) => {
    if (!roles.includes(c.var.user.role)) throw new ApiError("FORBIDDEN");
    await next();
  });

export const requireAdmin = [requireUser, requireRole("admin")] as const;
