import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

export type PaymentRequest = Schemas["PaymentRequest"];
export type RequestStatus = PaymentRequest["status"];
export type PaidRequest = Schemas["PaymentRequestTransaction"];

const KEY = ["payment-requests"] as const;
export const PAGE_SIZE = 10;

export interface CreateRequestInput {
  to_card_id: string;
  amount?: string;
  description?: string;
  expires_in_hours: number;
}

/** The caller's requests, newest first, one page, optionally by status. */
export function usePaymentRequests(status: RequestStatus | undefined, page: number) {
  return useQuery({
    queryKey: [...KEY, "list", status ?? "all", page],
    queryFn: () =>
      unwrap(
        api.GET("/api/payment-requests", {
          params: { query: { status, page, limit: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One request as the caller may see it (the requester sees more than a payer). */
export function usePaymentRequest(id: string) {
  return useQuery({
    queryKey: [...KEY, "one", id],
    queryFn: () => unwrap(api.GET("/api/payment-requests/{id}", { params: { path: { id } } })),
    retry: false,
  });
}

export function useCreatePaymentRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRequestInput) => unwrap(api.POST("/api/payment-requests", { body })),
    onSuccess: (created) => {
      queryClient.setQueryData([...KEY, "one", created.id], created);
      void queryClient.invalidateQueries({ queryKey: [...KEY, "list"] });
    },
  });
}

export function useCancelPaymentRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/payment-requests/{id}", { params: { path: { id } } })),
    onSuccess: (cancelled) => {
      queryClient.setQueryData([...KEY, "one", cancelled.id], cancelled);
      void queryClient.invalidateQueries({ queryKey: [...KEY, "list"] });
    },
  });
}

/**
 * Pays a request. The caller owns the Idempotency-Key: one per payment attempt,
 * reused when that attempt is retried, so a retry after a lost answer replays
 * the first outcome instead of paying twice.
 */
export function usePayPaymentRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
      idempotencyKey,
      stepUpToken,
    }: {
      id: string;
      body: { from_card_id: string; amount?: string };
      idempotencyKey: string;
      /** A confirmation of this payment, when it is above the person's step-up threshold. */
      stepUpToken?: string;
    }) =>
      unwrap(
        api.POST("/api/payment-requests/{id}/pay", {
          body,
          params: {
            path: { id },
            header: {
              "idempotency-key": idempotencyKey,
              ...(stepUpToken ? { "step-up-token": stepUpToken } : {}),
            },
          },
        }),
      ),
    onSettled: (_data, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: [...KEY, "one", id] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
    },
  });
}
