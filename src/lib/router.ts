import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../types";
import { validationHook } from "./problem";

/** Every router shares the same options: optional trailing slash, 422 problems on bad input. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook });
}
