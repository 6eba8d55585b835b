import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

export interface SavedCardSearch {
  search_number?: string;
  search_alias?: string;
  search_owner?: string;
}

/** Your saved cards, newest first (GET /api/saved-cards), with the API's searches. */
export function useSavedCards(search: SavedCardSearch = {}, limit = 100) {
  return useQuery({
    queryKey: [...queryKeys.savedCards, search, limit],
    queryFn: () =>
      unwrap(api.GET("/api/saved-cards", { params: { query: { ...search, limit, page: 1 } } })),
    placeholderData: keepPreviousData,
  });
}

export interface SaveCardInput {
  /** exactly one of the two */
  card_number?: string;
  phone_number?: string;
  alias: string;
  card_holder_name?: string;
}

export function useSaveCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveCardInput) => unwrap(api.POST("/api/saved-cards", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedCards }),
  });
}

export function useRenameSavedCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, alias }: { id: string; alias: string }) =>
      unwrap(api.PATCH("/api/saved-cards/{id}", { params: { path: { id } }, body: { alias } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedCards }),
  });
}

export function useDeleteSavedCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/saved-cards/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedCards }),
  });
}
