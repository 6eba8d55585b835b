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
