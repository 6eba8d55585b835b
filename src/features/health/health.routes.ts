import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";

const CheckSchema = z.object({
  status: z.enum(["ok", "error"]),
  latency_ms: z.number(),
});

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "error"]),
    version: z.string(),
    checked_at: z.string().openapi({
      format: "date-time",
      description: "When the backends were last asked; answers within 5 s reuse that check",
    }),
    checks: z.object({ postgres: CheckSchema, redis: CheckSchema }),
  })
  .openapi("Health");

export const RootSchema = z
  .object({ status: z.literal("running"), app: z.string(), version: z.string() })
  .openapi("Root", { example: { status: "running", app: "Chontak Wallet", version: "0.1.0" } });

export const root = defineRoute({
  method: "get",
  path: "/",
  tags: ["Meta"],
  summary: "Service banner",
  responses: { 200: jsonContent(RootSchema, "The API is running") },
  errors: [],
});

export const health = defineRoute({
  method: "get",
  path: "/api/health",
  tags: ["Meta"],
  summary: "Checks Postgres and Redis with a real round trip each",
  description:
    "Each server instance asks the backends at most once per 5 seconds and answers from that check meanwhile. A failing dependency is named, never its error text (that goes to the log).",
  responses: {
    200: jsonContent(HealthSchema, "Both dependencies answered"),
    503: jsonContent(HealthSchema, "At least one dependency failed; `checks` says which"),
  },
  errors: [],
});
