import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../types";
import type { health, root } from "./health.routes";
import { readHealth } from "./health.service";

export const getRoot: RouteHandler<typeof root, AppEnv> = (c) =>
  c.json(
    { status: "running" as const, app: "Chontak Wallet", version: c.var.config.APP_VERSION },
    200,
  );

export const getHealth: RouteHandler<typeof health, AppEnv> = async (c) => {
  const report = await readHealth(c.var.config, c.var.db, c.var.redis);
  const body = {
    status: report.ok ? ("ok" as const) : ("error" as const),
    version: c.var.config.APP_VERSION,
    checked_at: report.checked_at,
    checks: report.checks,
  };
  c.header("Cache-Control", "no-store");
  return report.ok ? c.json(body, 200) : c.json(body, 503);
};
