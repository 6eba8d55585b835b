import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  api,
  type BankCard,
  type Schemas,
  type Transaction,
  unwrap,
} from "../../../lib/api/client";
import type { paths } from "../../../lib/api/schema";
import { queryKeys } from "../../../lib/query-keys";

export type FreezeReason = NonNullable<BankCard["freeze_reason"]>;

/** The reasons the bank gives when it blocks a card; the owner sees them translated. */
export const FREEZE_REASONS: readonly FreezeReason[] = [
  "suspicious_activity",
  "documents_required",
  "owner_request",
  "court_order",
  "other",
];

/** Totals and series for one Asia/Tashkent day (GET /api/admin/dashboard). */
export function useAdminDashboard(day: string) {
  return useQuery({
    queryKey: [...queryKeys.admin, "dashboard", day],
    queryFn: () =>
      unwrap(api.GET("/api/admin/dashboard", { params: { query: { calendar: day } } })),
  });
}

export interface DepositInput {
  to_card_number: string;
  amount: string;
  description?: string;
  /** Absent: the money comes from the treasury. */
  from_card_id?: string;
}

/** The admin's own cards (GET /api/card), a cash-in's other possible source. */
export function useOwnCards() {
  return useQuery({
    queryKey: queryKeys.cards,
    queryFn: () => unwrap(api.GET("/api/card")),
  });
}

/** The platform's own card (it holds the commissions); its number never changes while running. */
export function usePlatformCard() {
  return useQuery({
    queryKey: [...queryKeys.admin, "platform-card"],
    queryFn: () => unwrap(api.GET("/api/admin/platform-card")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A cash-in above the approval threshold, waiting for (or past) a second admin's decision. */
export type CashIn = Schemas["CashIn"];

/** The answer of a cash-in: the transaction, or the pending cash-in above the threshold. */
export const isPendingCashIn = (result: Transaction | CashIn): result is CashIn =>
  "created_by" in result;

/**
 * Cash-in from the treasury. One Idempotency-Key per attempt, reused on its retries.
 * Above the approval threshold the answer is a pending cash-in (202), not a transaction.
 */
export function useDeposit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DepositInput; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/admin/deposit", {
          body,
          params: { header: { "idempotency-key": idempotencyKey } },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin });
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
    },
  });
}

const admin = queryKeys.admin;

export interface UserSearch {
  search_name?: string;
  search_number?: string;
  search_role?: "user" | "premium" | "admin";
}

/** Users, with search (GET /api/admin/all-users). */
export function useAdminUsers(search: UserSearch, page: number) {
  return useQuery({
    queryKey: [...admin, "users", search, page],
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/all-users", { params: { query: { ...search, page, limit: 20 } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Makes a user premium or plain user (audited). */
export function useSetUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "premium" | "user" }) =>
      unwrap(
        api.PATCH("/api/admin/user-role/{user_id}", {
          params: { path: { user_id: id }, query: { action } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: admin }),
  });
}

export interface CardSearch {
  search_owner?: string;
  search_card_number?: string;
}

export function useAdminCards(search: CardSearch, page: number) {
  return useQuery({
    queryKey: [...admin, "cards", search, page],
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/all-cards", { params: { query: { ...search, page, limit: 20 } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSetCardStatusAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      status,
      reason,
    }: {
      id: string;
      status: "active" | "frozen" | "closed";
      reason?: FreezeReason;
    }) =>
      unwrap(
        api.PATCH("/api/admin/status-card/{card_id}", {
          params: { path: { card_id: id }, query: { status, ...(reason ? { reason } : {}) } },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: admin });
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
    },
  });
}

export function useAdminTransactions(cardNumber: string | undefined, page: number) {
  return useQuery({
    queryKey: [...admin, "transactions", cardNumber, page],
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/all-transactions", {
          params: {
            query: { page, limit: 20, ...(cardNumber ? { card_number: cardNumber } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The whole-ledger reconciliation (GET /api/admin/verify-all-balance), on demand. */
export function useVerifyAll() {
  return useQuery({
    queryKey: [...admin, "verify-all"],
    queryFn: () =>
      unwrap(api.GET("/api/admin/verify-all-balance", { params: { query: { limit: 100 } } })),
    enabled: false,
  });
}

/** The hash-chain proof of the whole ledger (GET /api/admin/ledger-proof), on demand. */
export function useLedgerProof() {
  return useQuery({
    queryKey: [...admin, "ledger-proof"],
    queryFn: () => unwrap(api.GET("/api/admin/ledger-proof", {})),
    enabled: false,
  });
}

/** The recorded daily digests of the chain heads, newest first. */
export function useLedgerDigests() {
  return useQuery({
    queryKey: [...admin, "ledger-digests"],
    queryFn: () =>
      unwrap(api.GET("/api/admin/ledger-digests", { params: { query: { limit: 30 } } })),
  });
}

export function useVerifyCard() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.GET("/api/admin/verify-balance/{card_id}", { params: { path: { card_id: id } } })),
  });
}

export type AuditEntry = Schemas["AuditLogPage"]["data"][number];
export type AuditAction = NonNullable<
  NonNullable<paths["/api/admin/audit-log"]["get"]["parameters"]["query"]>["action"]
>;
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  "deposit",
  "cash_in.request",
  "cash_in.approve",
  "cash_in.reject",
  "card.status",
  "user.role",
];

export interface AuditFilters {
  actor_id?: string;
  action?: AuditAction;
  /** Tashkent days, "YYYY-MM-DD", both included. */
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: [...admin, "audit", filters, page],
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/audit-log", { params: { query: { ...filters, page, limit: 20 } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every admin, for the audit log's "by whom" filter. */
export function useAdmins() {
  return useQuery({
    queryKey: [...admin, "admins"],
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/all-users", {
          params: { query: { search_role: "admin", page: 1, limit: 100 } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

export type CashInStatus = CashIn["status"];

/** Cash-ins by status (GET /api/admin/deposits); `pending` is the approval queue, oldest first. */
export function useCashIns(status: CashInStatus, page: number) {
  return useQuery({
    queryKey: [...admin, "cash-ins", status, page],
    queryFn: () =>
      unwrap(api.GET("/api/admin/deposits", { params: { query: { status, page, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/** A cash-in of more than this (so'm, wire form) waits for a second admin. */
export function useApprovalThreshold() {
  return useQuery({
    queryKey: [...admin, "cash-ins", "threshold"],
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/deposits", { params: { query: { status: "pending", limit: 1 } } }),
      ),
    select: (page) => page.approval_threshold,
    staleTime: 5 * 60_000,
  });
}

/** Approve (posts it through the ledger) or reject (with a reason) a pending cash-in. */
export function useDecideCashIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: { id: string } & ({ approve: true } | { reason: string })) =>
      "approve" in decision
        ? unwrap(
            api.POST("/api/admin/deposits/{id}/approve", {
              params: { path: { id: decision.id } },
            }),
          )
        : unwrap(
            api.POST("/api/admin/deposits/{id}/reject", {
              params: { path: { id: decision.id } },
              body: { reason: decision.reason },
            }),
          ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: admin });
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
    },
  });
}
