import { createMiddleware } from "hono/factory";
import { isSessionActive } from "../features/auth/sessions";
import { verifyToken } from "../features/auth/tokens";
import { findUserById, type Role } from "../features/users/users.service";
import { ApiError } from "../lib/problem";
import type { AuthedEnv } from "../types";

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;
/** Every 401 names the scheme (RFC 6750 §3), whatever was wrong with the token. */
const unauthorized = (cause?: unknown) =>
  new ApiError("INVALID_TOKEN", { headers: { "WWW-Authenticate": "Bearer" }, cause });

/**
 * Authenticates the bearer access token: signature, type and expiry, a live
 * session (so logout applies at once), and the user read fresh from the
 * database (so a role change applies at once).
 */
export const requireUser = createMiddleware<AuthedEnv>(async (c, next) => {
  const match = BEARER.exec(c.req.header("authorization") ?? "");
  if (!match?.[1]) throw unauthorized();
  const claims = await verifyToken(c.var.config, match[1], "access").catch((error: unknown) => {
    throw error instanceof ApiError ? unauthorized(error) : error;
  });
  const [alive, user] = await Promise.all([
    isSessionActive(c.var.redis, claims.sid, claims.sub),
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
