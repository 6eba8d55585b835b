import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { AppEnv } from "../types";
import { validationHook } from "./problem";

/** Every router shares the same options: optional trailing slash, 422 problems on bad input. */
export function createRouter<E extends Env = AppEnv>() {
  return new OpenAPIHono<E>({ strict: false, defaultHook: validationHook });
}
