import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { PageMetaSchema, PaginationQuery, UuidParam } from "../../../lib/schemas";
import { CASH_IN_STATUSES } from "../cash-in.service";
import { admin } from "./common";

const CashInCard = z.object({
  id: z.guid(),
  card_number: z.string(),
  owner_id: z.guid(),
  owner_name: z.string(),
});
const Admin = z.object({ id: z.guid(), full_name: z.string() });

export const CashInSchema = z
  .object({
    id: z.guid(),
    status: z.enum(CASH_IN_STATUSES).openapi({
      description: "as of now: a pending cash-in 24 h old is expired, marked or not",
    }),
    amount: z.string().openapi({ example: "25000000.00" }),
    to_card: CashInCard,
    from_card: CashInCard.nullable().openapi({ description: "null: the treasury" }),
    description: z.string().nullable(),
    created_by: Admin,
    decided_by: Admin.nullable().openapi({ description: "who approved or rejected it" }),
    reject_reason: z.string().nullable(),
    transaction_id: z.guid().nullable().openapi({ description: "the posting, once approved" }),
    created_at: z.string(),
    expires_at: z.string(),
    decided_at: z.string().nullable(),
  })
  .openapi("CashIn");

const CashInParams = z.object({
  id: UuidParam.openapi({ param: { name: "id", in: "path" } }),
});

export const listCashIns = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/deposits",
  summary: "Cash-ins that need (or needed) a second admin",
  description:
    "`status=pending` is the approval queue, oldest first; any other view newest first. `approval_threshold`: a cash-in of more than this waits for approval.",
  request: {
    query: z.object({ status: z.enum(CASH_IN_STATUSES).optional(), ...PaginationQuery }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          ...PageMetaSchema,
          approval_threshold: z.string().openapi({ example: "10000000.00" }),
          data: z.array(CashInSchema),
        })
        .openapi("CashInPage"),
      "One page of cash-ins",
    ),
  },
  errors: [],
});

export const oneCashIn = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/deposits/{id}",
  summary: "One cash-in awaiting (or past) approval",
  request: { params: CashInParams },
  responses: { 200: jsonContent(CashInSchema, "The cash-in") },
  errors: ["CASH_IN_NOT_FOUND"],
});

export const approveCashIn = defineRoute({
  ...admin,
  method: "post",
  path: "/api/admin/deposits/{id}/approve",
  summary: "Approve a pending cash-in: it posts through the ledger, once (audited)",
  description:
    "Only an admin other than its creator, before it expires (24 h). The checks, the posting (the creator's cash-in, from the treasury or the creator's card) and the approved mark are one statement: of two admins approving at once one posts, the other gets 409. The ledger re-checks the cards: a card no longer active (or a source card without the funds) refuses the approval and records nothing; the cash-in stays pending.",
  request: { params: CashInParams },
  responses: { 200: jsonContent(CashInSchema, "The approved cash-in, with its transaction") },
  errors: [
    "CASH_IN_NOT_FOUND",
    "CASH_IN_OWN_APPROVAL",
    "CASH_IN_ALREADY_APPROVED",
    "CASH_IN_ALREADY_REJECTED",
    "CASH_IN_EXPIRED",
    "CASH_IN_CREATOR_NOT_ADMIN",
    ["CARD_NOT_ACTIVE", "a card was blocked, closed or expired since; nothing recorded"],
    ["INSUFFICIENT_FUNDS", "the creator's source card; nothing recorded"],
    "LIMIT_EXCEEDED",
    "AMOUNT_TOO_SMALL",
  ],
});

export const rejectCashIn = defineRoute({
  ...admin,
  method: "post",
  path: "/api/admin/deposits/{id}/reject",
  summary: "Reject a pending cash-in with a reason (audited)",
  description: "Any admin, its creator too (withdrawing moves no money). Nothing is posted.",
  request: {
    params: CashInParams,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ reason: z.string().trim().min(1).max(255) })
            .strict()
            .openapi("CashInRejection", {
              example: { reason: "Amount not confirmed by the branch" },
            }),
        },
      },
    },
  },
  responses: { 200: jsonContent(CashInSchema, "The rejected cash-in") },
  errors: [
    "CASH_IN_NOT_FOUND",
    "CASH_IN_ALREADY_APPROVED",
    "CASH_IN_ALREADY_REJECTED",
    "CASH_IN_EXPIRED",
  ],
});
