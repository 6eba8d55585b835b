import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

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
}

/** Cash-in from the treasury. One Idempotency-Key per attempt, reused on its retries. */
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
