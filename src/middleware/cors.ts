import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types";

/** CORS for the configured web origins only; other origins get no CORS headers. */
export const corsForConfiguredOrigins = createMiddleware<AppEnv>((c, next) =>
  cors({
    origin: (origin) => (c.var.config.CORS_ORIGINS.includes(origin) ? origin : null),
    allowHeaders: [
      "Authorization",
      "Content-Type",
      "Idempotency-Key",
      "Step-Up-Token",
      "Accept-Language",
    ],
    allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: [
      "Idempotent-Replayed",
      "Retry-After",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
      "X-Request-Id",
    ],
    maxAge: 600,
  })(c, next),
);
