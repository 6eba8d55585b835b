import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

/** The live subscription, or null when there is none (the API answers `status: none`). */
export function useSubscription() {
  return useQuery({
    queryKey: [...queryKeys.subscription, "current"],
    queryFn: async () => {
      const current = await unwrap(api.GET("/api/subscription"));
      return current.status === "none" ? null : current;
    },
  });
}

function useRefreshAfterPurchase() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.subscription });
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
    void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
  };
}

/**
 * Buys premium from an active own card. The caller owns the Idempotency-Key:
 * one per purchase attempt, reused when that attempt is retried.
 */
export function useSubscribe() {
  const refresh = useRefreshAfterPurchase();
  return useMutation({
    mutationFn: ({ cardId, idempotencyKey }: { cardId: string; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/subscription/{card_id}", {
          params: { path: { card_id: cardId }, header: { "idempotency-key": idempotencyKey } },
        }),
      ),
    onSettled: refresh,
  });
}

/** Stops renewal; premium stays until the paid period ends. */
export function useCancelRenewal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/subscription")),
    onSuccess: (subscription) =>
      queryClient.setQueryData([...queryKeys.subscription, "current"], subscription),
  });
}
