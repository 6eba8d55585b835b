import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

export interface TransferInput {
  from_card_id: string;
  /** exactly one of the two */
  to_card_number?: string;
  to_phone_number?: string;
  amount: string;
  description?: string;
}

/**
 * Sends money. The caller owns the Idempotency-Key: one per payment attempt,
 * reused when that same attempt is retried, so a retry after a lost response
 * replays the first outcome instead of paying twice.
 */
export function useCreateTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
      stepUpToken,
    }: {
      body: TransferInput;
      idempotencyKey: string;
      /** A confirmation of this payment, when it is above the person's step-up threshold. */
      stepUpToken?: string;
    }) =>
      unwrap(
        api.POST("/api/transactions", {
          body,
          params: {
            header: {
              "idempotency-key": idempotencyKey,
              ...(stepUpToken ? { "step-up-token": stepUpToken } : {}),
            },
          },
        }),
      ),
    // Success moves money; a business refusal is recorded as a failed transaction.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
    },
  });
}

/** One of the caller's own transfers as a payload to make again (GET /api/transactions/{id}/repeat). */
export function useTransferRepeat(transactionId: string | null) {
  return useQuery({
    queryKey: ["transfer-repeat", transactionId],
    queryFn: () =>
      unwrap(
        api.GET("/api/transactions/{id}/repeat", {
          params: { path: { id: transactionId ?? "" } },
        }),
      ),
    enabled: transactionId !== null,
    retry: false,
  });
}
