import { z } from "@hono/zod-openapi";
import { defineRoute, type ProblemDeclaration } from "../../lib/openapi";
import { UuidParam } from "../../lib/schemas";
import { requireSession } from "../../middleware/auth";
import { admin } from "../admin/routes/common";
import { PDF_MAX_MOVEMENTS } from "./limits";

const Day = z
  .string()
  .max(32)
  .openapi({ format: "date", description: "A Tashkent day, YYYY-MM-DD (inclusive)" });

const StatementQuery = z.object({
  from: Day.openapi({ param: { name: "from", in: "query" }, example: "2026-11-01" }),
  to: Day.openapi({ param: { name: "to", in: "query" }, example: "2026-11-30" }),
  format: z
    .enum(["json", "csv", "pdf"])
    .default("json")
    .openapi({ param: { name: "format", in: "query" } }),
});

const MoneyText = z.string().openapi({ example: "-1500.00" });

const MovementSchema = z
  .object({
    transaction_id: z.guid(),
    created_at: z.string().openapi({ format: "date-time" }),
    date: z.string().openapi({ format: "date", description: "Tashkent day" }),
    time: z.string().openapi({ example: "14:05:09", description: "Tashkent time" }),
    type: z.enum(["transfer", "deposit", "subscription"]),
    counterparty: z
      .object({ card_number: z.string(), owner_name: z.string() })
      .nullable()
      .openapi({ description: "The other card, masked; null for a cash-in from the bank" }),
    description: z.string().nullable(),
    amount: MoneyText.openapi({ description: "Signed: sent (negative) or received" }),
    fee: MoneyText.openapi({ description: "Commission this card paid" }),
    change: MoneyText.openapi({ description: "amount − fee: the balance change" }),
    balance: MoneyText.openapi({ description: "Balance right after this movement" }),
  })
  .openapi("StatementMovement");

export const StatementSchema = z
  .object({
    card: z.object({ id: z.guid(), card_number: z.string(), owner_name: z.string() }),
    from: z.string().openapi({ format: "date" }),
    to: z.string().openapi({ format: "date" }),
    timezone: z.literal("Asia/Tashkent"),
    currency: z.literal("UZS"),
    generated_at: z.string().openapi({ format: "date-time" }),
    opening_balance: MoneyText,
    movements: z.array(MovementSchema),
    closing_balance: MoneyText,
    total_in: MoneyText,
    total_out: MoneyText,
    total_fees: MoneyText,
    movement_count: z.number().int(),
  })
  .openapi("Statement");

const description = `Opening balance (every ledger entry of the card before \`from\`), every movement in the period oldest first (Tashkent date and time, masked counterparty, description, signed amount, fee, running balance), closing balance, totals in and out. Opening + in − out = closing, always. Days are Asia/Tashkent days; a period is at most a year and ends today at the latest. JSON and CSV are streamed (read 500 movements per query), so any period within a year works; PDF holds at most ${PDF_MAX_MOVEMENTS} movements (422 STATEMENT_TOO_LARGE_FOR_PDF beyond: take CSV). CSV: UTF-8 with BOM, \`;\` separated, amounts as plain decimals.`;

const binary = { schema: { type: "string" as const, format: "binary" } };

const responses = {
  200: {
    description: "The statement (Content-Disposition: attachment for CSV and PDF)",
    content: {
      "application/json": { schema: StatementSchema },
      "text/csv": { schema: { type: "string" as const } },
      "application/pdf": binary,
    },
  },
};

const errors: ProblemDeclaration[] = [
  ["STATEMENT_DATE_INVALID", "from or to is not a real YYYY-MM-DD day"],
  "STATEMENT_PERIOD_REVERSED",
  ["STATEMENT_PERIOD_TOO_LONG", "to must be before the same day a year after from"],
  ["STATEMENT_PERIOD_IN_FUTURE", "to is after today in Tashkent"],
  ["STATEMENT_TOO_LARGE_FOR_PDF", `format=pdf with more than ${PDF_MAX_MOVEMENTS} movements`],
];

export const cardStatement = defineRoute({
  method: "get",
  path: "/api/card/{id}/statement",
  tags: ["Cards"],
  security: [{ OAuth2PasswordBearer: [] }],
  middleware: [requireSession] as const,
  summary: "A statement of your card for a period (JSON, CSV or PDF)",
  description,
  request: {
    params: z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) }),
    query: StatementQuery,
  },
  responses,
  errors: [...errors, ["CARD_NOT_FOUND", "also for another user's card"]],
});

export const adminCardStatement = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/cards/{card_id}/statement",
  summary: "A statement of any card (the same document its owner gets)",
  description,
  request: {
    params: z.object({ card_id: UuidParam.openapi({ param: { name: "card_id", in: "path" } }) }),
    query: StatementQuery,
  },
  responses,
  errors: [...errors, "CARD_NOT_FOUND"],
});
