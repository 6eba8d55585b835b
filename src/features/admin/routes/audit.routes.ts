import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { PageMetaSchema, PaginationQuery } from "../../../lib/schemas";
import { admin } from "./common";

export const auditLogRoute = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/audit-log",
  summary: "Every admin write: who, what, when, before and after",
  request: {
    query: z.object({
      action: z.enum(["deposit", "card.status", "user.role"]).optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          ...PageMetaSchema,
          data: z.array(
            z.object({
              id: z.string(),
              actor: z.object({ id: z.guid(), full_name: z.string() }),
              action: z.string(),
              entity_type: z.string(),
              entity_id: z.string(),
              before: z.unknown(),
              after: z.unknown(),
              created_at: z.string(),
            }),
          ),
        })
        .openapi("AuditLogPage"),
      "One page of the audit log",
    ),
  },
  errors: [],
});
