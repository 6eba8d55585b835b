import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "./client";
import { ApiProblem } from "./problem";

/**
 * The masked owner of an active Cho'ntak card (GET /api/card/lookup), once a
 * valid number is typed. Shared by every form that takes a receiver's number; a
 * refusal (404) is an answer, so only a transient failure is retried, once.
 */
export function useCardLookup(number: string | null) {
  return useQuery({
    queryKey: ["card-lookup", number],
    queryFn: () =>
      unwrap(api.GET("/api/card/lookup", { params: { query: { number: number ?? "" } } })),
    enabled: number !== null,
    staleTime: 5 * 60_000,
    retry: (failures, error) => failures < 1 && error instanceof ApiProblem && error.transient,
  });
}

/**
 * Who a payment to this phone would reach: the masked owner and their masked
 * receiving card (GET /api/card/lookup?phone=), once a whole number is typed. A
 * 404 (nobody payable at this phone) is an answer, as for a card.
 */
export function usePhoneLookup(phone: string | null) {
  return useQuery({
    queryKey: ["phone-lookup", phone],
    queryFn: () =>
      unwrap(api.GET("/api/card/lookup", { params: { query: { phone: phone ?? "" } } })),
    enabled: phone !== null,
    // The receiving card may change: a short cache, and the ledger decides at payment time.
    staleTime: 30_000,
    retry: (failures, error) => failures < 1 && error instanceof ApiProblem && error.transient,
  });
}
