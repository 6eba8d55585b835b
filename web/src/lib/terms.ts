import { useQuery } from "@tanstack/react-query";
import { api, type Schemas, unwrap } from "./api/client";
import { queryKeys } from "./query-keys";

/** The rules of money: fee, transfer limits and card count per role, and the premium price. */
export type Terms = Schemas["Terms"];
export type Role = keyof Terms["roles"];
export type RoleTerms = Terms["roles"][Role];

/**
 * The terms as the API serves them (GET /api/terms): the one source of every fee
 * and limit the app shows. They change rarely, so they are kept for a while.
 */
export function useTerms() {
  return useQuery({
    queryKey: queryKeys.terms,
    queryFn: () => unwrap(api.GET("/api/terms")),
    staleTime: 30 * 60_000,
  });
}
