import { createRoute, z } from "@hono/zod-openapi";
import { BANK_FREEZE_REASONS } from "../../db/schema";
import { jsonContent, problemResponse } from "../../lib/openapi";
import {
  CardNumberInput,
  DateInput,
  IdempotencyKeyHeaders,
  MoneyInput,
  optionalField,
  PageMetaSchema,
  PaginationQuery,
  UuidParam,
} from "../../lib/schemas";
import { UserSchema } from "../auth/auth.schemas";
import { CardSchema } from "../cards/cards.routes";
import { TransactionSchema } from "../transactions/transactions.routes";

const tags = ["Admin"];
const security = [{ OAuth2PasswordBearer: [] }];
const forbidden = problemResponse("FORBIDDEN: not an admin");
const common = { 401: problemResponse("INVALID_TOKEN"), 403: forbidden };
const Search = z.string().trim().min(1).max(100);
const idParam = (name: string) => UuidParam.openapi({ param: { name, in: "path" } });
const CardIdParams = z.object({ card_id: idParam("card_id") });
const UserIdParams = z.object({ user_id: idParam("user_id") });
const TransactionIdParams = z.object({ transaction_id: idParam("transaction_id") });

export const deposit = createRoute({
  method: "post",
  path: "/api/admin/deposit",
  tags,
  security,
  summary: "Cash-in to any active card",
  description:
    "Money enters from the treasury (or from the admin's own card with `from_card_id`) through the ledger as a `deposit`, with both legs. Requires `Idempotency-Key`. Admin limits: 2 000 – 100 000 000 so'm. Audited.",
  request: {
    headers: IdempotencyKeyHeaders,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              to_card_number: CardNumberInput(),
              amount: MoneyInput,
              description: optionalField(z.string().trim().max(255)),
              from_card_id: optionalField(z.guid()),
            })
            .strict()
            .openapi("DepositRequest", {
              example: { to_card_number: "7777 1234 5678 9050", amount: "500000.00" },
            }),
        },
      },
    },
  },
  responses: {
    201: jsonContent(TransactionSchema, "The deposit"),
    400: problemResponse(
      "IDEMPOTENCY_KEY_MISSING, CARD_NOT_ACTIVE, AMOUNT_TOO_SMALL, LIMIT_EXCEEDED, INSUFFICIENT_FUNDS",
    ),
    404: problemResponse("RECEIVER_CARD_NOT_FOUND or SENDER_CARD_NOT_FOUND"),
    409: problemResponse("IDEMPOTENCY_IN_PROGRESS"),
    422: problemResponse("Validation failed or IDEMPOTENCY_KEY_REUSED"),
    ...common,
  },
});

export const platformCard = createRoute({
  method: "get",
  path: "/api/admin/platform-card",
  tags,
  security,
  summary: "The platform card (commissions and subscriptions), read without a lock",
  responses: { 200: jsonContent(CardSchema, "The platform card"), ...common },
});

export const allUsers = createRoute({
  method: "get",
  path: "/api/admin/all-users",
  tags,
  security,
  summary: "Users (admins only when search_role=admin)",
  request: {
    query: z.object({
      search_name: Search.optional(),
      search_number: Search.optional(),
      search_role: z.enum(["user", "premium", "admin"]).optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({ ...PageMetaSchema, total_users: z.number().int(), data: z.array(UserSchema) })
        .openapi("UserPage"),
      "One page of users",
    ),
    ...common,
  },
});

export const oneUser = createRoute({
  method: "get",
  path: "/api/admin/one-users/{user_id}",
  tags,
  security,
  summary: "A user with their cards",
  request: { params: UserIdParams },
  responses: {
    200: jsonContent(
      UserSchema.extend({ cards: z.array(CardSchema) }).openapi("UserWithCards"),
      "The user",
    ),
    404: problemResponse("USER_NOT_FOUND"),
    ...common,
  },
});

export const allCards = createRoute({
  method: "get",
  path: "/api/admin/all-cards",
  tags,
  security,
  summary: "All cards",
  request: {
    query: z.object({
      search_owner: Search.optional(),
      search_card_number: Search.optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({ ...PageMetaSchema, total_cards: z.number().int(), data: z.array(CardSchema) })
        .openapi("CardPage"),
      "One page of cards",
    ),
    ...common,
  },
});

export const oneCard = createRoute({
  method: "get",
  path: "/api/admin/one-card/{card_id}",
  tags,
  security,
  summary: "Any card",
  request: { params: CardIdParams },
  responses: {
    200: jsonContent(CardSchema, "The card"),
    404: problemResponse("CARD_NOT_FOUND"),
    ...common,
  },
});

export const allTransactions = createRoute({
  method: "get",
  path: "/api/admin/all-transactions",
  tags,
  security,
  summary: "All transactions, newest first (unmasked)",
  description: "Dates are whole Asia/Tashkent days, the end date included.",
  request: {
    query: z.object({
      min_amount: MoneyInput.optional(),
      max_amount: MoneyInput.optional(),
      start_date: DateInput.optional(),
      end_date: DateInput.optional(),
      card_number: CardNumberInput().optional(),
      status: z.enum(["success", "failed"]).optional(),
      type: z.enum(["transfer", "deposit", "subscription"]).optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          ...PageMetaSchema,
          total_transactions: z.number().int(),
          data: z.array(TransactionSchema),
        })
        .openapi("AdminTransactionPage"),
      "One page of transactions",
    ),
    ...common,
  },
});

const transactionResponses = {
  200: jsonContent(TransactionSchema, "The transaction"),
  404: problemResponse("TRANSACTION_NOT_FOUND"),
  ...common,
};

export const oneTransaction = createRoute({
  method: "get",
  path: "/api/admin/one-transaction/{transaction_id}",
  tags,
  security,
  summary: "Any transaction",
  request: { params: TransactionIdParams },
  responses: transactionResponses,
});

export const oneTransactionByQuery = createRoute({
  method: "get",
  path: "/api/admin/one-transaction",
  tags,
  security,
  summary: "Any transaction (earlier client: ?transaction_id=)",
  request: { query: z.object({ transaction_id: UuidParam }) },
  responses: transactionResponses,
});

export const cardStatus = createRoute({
  method: "patch",
  path: "/api/admin/status-card/{card_id}",
  tags,
  security,
  summary: "Set a card's status (audited)",
  description:
    "Transitions: frozen → active, active (or frozen by its owner or the card limit) → frozen by the bank, with a reason the owner sees; active/frozen/expired → closed. Only this route reopens a card the bank blocked; activating never gives the owner more active cards than their role allows (409 ACTIVE_CARD_LIMIT). Closed is final; a card with a non-zero balance cannot be closed (409). The platform card cannot be changed.",
  request: {
    params: CardIdParams,
    query: z.object({
      status: z.enum(["active", "frozen", "closed"]),
      reason: z
        .enum(BANK_FREEZE_REASONS)
        .optional()
        .openapi({ description: "why the bank blocks the card (status=frozen); default other" }),
    }),
  },
  responses: {
    200: jsonContent(CardSchema, "The card after the change"),
    400: problemResponse(
      "INVALID_TRANSITION (only a frozen card is activated), CARD_ALREADY_ACTIVE, CARD_ALREADY_FROZEN, CARD_ALREADY_CLOSED, CARD_EXPIRED",
    ),
    404: problemResponse("CARD_NOT_FOUND"),
    409: problemResponse("CARD_HAS_BALANCE, ACTIVE_CARD_LIMIT"),
    ...common,
  },
});

export const userRole = createRoute({
  method: "patch",
  path: "/api/admin/user-role/{user_id}",
  tags,
  security,
  summary: "Make a user premium or a regular user (audited)",
  description: "An admin's role (yours included) cannot be changed.",
  request: { params: UserIdParams, query: z.object({ action: z.enum(["premium", "user"]) }) },
  responses: {
    200: jsonContent(UserSchema, "The user after the change"),
    400: problemResponse("ALREADY_PREMIUM or ALREADY_USER"),
    404: problemResponse("USER_NOT_FOUND"),
    ...common,
  },
});

const VerifyOneSchema = z
  .object({
    card_info: z.object({ id: z.guid(), number: z.string(), owner_id: z.guid() }),
    audit: z.object({
      stored_balance: z.string(),
      calculated_balance: z.string(),
      difference: z.string(),
      status: z.enum(["OK", "Error"]),
    }),
  })
  .openapi("BalanceVerification");

export const verifyBalancePaths = [
  "/api/admin/verify-balance/{card_id}",
  "/api/admin/verify_balance/{card_id}",
] as const;
export const verifyBalance = (path: (typeof verifyBalancePaths)[number]) =>
  createRoute({
    method: "get",
    path,
    tags,
    security,
    summary: "Recompute one card's balance from the ledger",
    request: { params: CardIdParams },
    responses: {
      200: jsonContent(VerifyOneSchema, "Stored vs calculated"),
      404: problemResponse("CARD_NOT_FOUND"),
      ...common,
    },
  });

export const verifyAll = createRoute({
  method: "get",
  path: "/api/admin/verify-all-balance",
  tags,
  security,
  summary: "Reconcile every card against the ledger",
  description:
    "One aggregate pass over the entries. `bug_details` is the requested page of mismatched cards; `ledger_sum` must be 0.00.",
  request: { query: z.object({ search_number: Search.optional(), ...PaginationQuery }) },
  responses: {
    200: jsonContent(
      z
        .object({
          total_cards: z.number().int(),
          total_valid_cards: z.number().int(),
          total_invalid_cards: z.number().int(),
          page: z.number().int(),
          limit: z.number().int(),
          total_page: z.number().int(),
          ledger_sum: z.string(),
          treasury_ok: z.boolean(),
          bug_details: z.array(
            z.object({
              card_number: z.string(),
              stored_balance: z.string(),
              calculated_balance: z.string(),
              difference: z.string(),
            }),
          ),
        })
        .openapi("LedgerVerification"),
      "The reconciliation",
    ),
    ...common,
  },
});

const Money = z.string().openapi({ example: "0.00" });
export const dashboard = createRoute({
  method: "get",
  path: "/api/admin/dashboard",
  tags,
  security,
  summary: "Totals for one Asia/Tashkent day, with hourly and daily series",
  request: { query: z.object({ calendar: DateInput.optional() }) },
  responses: {
    200: jsonContent(
      z
        .object({
          date: z.string(),
          total_balance: Money,
          sender_transactions: Money.openapi({
            description:
              "debited from sender cards (amount + commission), successful only; cash-in from the treasury is not a sender",
          }),
          receiver_transactions: Money.openapi({
            description:
              "credited to receiver cards (transfers, cash-in, subscriptions), successful only",
          }),
          total_commission: Money,
          total_count: z.number().int(),
          success_transfers_count: z.number().int(),
          failed_transfers_count: z.number().int(),
          success_percent: z.string(),
          failed_percent: z.string(),
          hourly: z.array(
            z.object({ hour: z.number().int(), volume: Money, count: z.number().int() }),
          ),
          daily: z.array(z.object({ date: z.string(), volume: Money, count: z.number().int() })),
        })
        .openapi("Dashboard"),
      "The dashboard",
    ),
    ...common,
  },
});

export const auditLogRoute = createRoute({
  method: "get",
  path: "/api/admin/audit-log",
  tags,
  security,
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
    ...common,
  },
});
