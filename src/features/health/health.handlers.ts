import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../types";
import type { health, root } from "./health.routes";
import { checkPostgres, checkRedis } from "./health.service";

export const getRoot: RouteHandler<typeof root, AppEnv> = (c) =>
  c.json(
    { status: "running" as const, app: "Chontak Wallet", version: c.var.config.APP_VERSION },
    200,
  );

export const getHealth: RouteHandler<typeof health, AppEnv> = async (c) => {
  const [postgres, redis] = await Promise.all([checkPostgres(c.var.db), checkRedis(c.var.redis)]);
  const ok = postgres.status === "ok" && redis.status === "ok";
  const body = {
    status: ok ? ("ok" as const) : ("error" as const),
    version: c.var.config.APP_VERSION,
    checks: { postgres, redis },
  };
  c.header("Cache-Control", "no-store");
  return ok ? c.json(body, 200) : c.json(body, 503);
};
