import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { validationMessage } from "../../../lib/problem";
import { DateInput, PageMetaSchema, PaginationQuery, UuidParam } from "../../../lib/schemas";
import { AUDIT_ACTIONS } from "../audit.service";
import { admin } from "./common";

const AuditCard = z.object({
  id: z.guid(),
  card_number: z.string(),
  owner_name: z.string(),
});

export const auditLogRoute = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/audit-log",
  summary: "Every admin write: who, what, when, before and after",
  description:
    "Newest first. Filters: `action`, `actor_id` (the admin who acted) and `from`/`to`, whole Asia/Tashkent days, both included. Each entry names what it was about, so it can be told in words: `card` (a cash-in's receiving card, or the card whose status changed) with its owner's full name, `person` (the user whose role changed, or the card's owner), and for a cash-in its `amount` and `source_card` (the admin's own card it was paid from; null: the treasury).",
  request: {
    query: z
      .object({
        action: z.enum(AUDIT_ACTIONS).optional(),
        actor_id: UuidParam.optional(),
        from: DateInput.optional(),
        to: DateInput.optional(),
        ...PaginationQuery,
      })
      .refine((query) => !query.from || !query.to || query.from <= query.to, {
        path: ["to"],
        message: validationMessage("date_range"),
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
              card: AuditCard.nullable(),
              person: z
                .object({ id: z.guid(), full_name: z.string(), phone_number: z.string() })
                .nullable(),
              amount: z.string().nullable().openapi({ description: "so'm, for a cash-in" }),
              source_card: z.object({ id: z.guid(), card_number: z.string() }).nullable(),
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
