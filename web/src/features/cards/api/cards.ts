import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type BankCard, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

/** Your cards, oldest first (GET /api/card). */
export function useCards() {
  return useQuery({
    queryKey: queryKeys.cards,
    queryFn: () => unwrap(api.GET("/api/card")),
  });
}

export function useCard(id: string) {
  return useQuery({
    queryKey: queryKeys.card(id),
    queryFn: () => unwrap(api.GET("/api/card/{id}", { params: { path: { id } } })),
  });
}

/** Keeps the list and the single-card entry in step after a change to one card. */
function useStoreCard() {
  const queryClient = useQueryClient();
  return (card: BankCard) => {
    queryClient.setQueryData(queryKeys.card(card.id), card);
    queryClient.setQueryData<BankCard[]>(queryKeys.cards, (cards) =>
      cards?.some((existing) => existing.id === card.id)
        ? cards.map((existing) => (existing.id === card.id ? card : existing))
        : [...(cards ?? []), card],
    );
  };
}

/** Opens a card (it starts frozen; 409 CARD_LIMIT when the role's limit is reached). */
export function useOpenCard() {
  const store = useStoreCard();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/card")),
    onSuccess: store,
  });
}

export function useSetCardStatus() {
  const queryClient = useQueryClient();
  const store = useStoreCard();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "freeze" | "unfreeze" }) =>
      unwrap(
        action === "freeze"
          ? api.PATCH("/api/card/{id}/freeze", { params: { path: { id } } })
          : api.PATCH("/api/card/{id}/unfreeze", { params: { path: { id } } }),
      ),
    onSuccess: (card) => {
      store(card);
      // Freezing the receiving card moves "receiving" to another one (and back).
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
    },
  });
}

/** Makes an active card the one payments to the owner's phone go to; every card's flag changes. */
export function useChooseReceivingCard() {
  const queryClient = useQueryClient();
  const store = useStoreCard();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.PATCH("/api/card/{id}/receiving", { params: { path: { id } } })),
    onSuccess: (card) => {
      store(card);
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
    },
  });
}

/** The numbers of your own cards (to tell incoming from outgoing in history). */
export function useOwnCardNumbers(): string[] {
  const cards = useCards();
  return cards.data?.map((card) => card.card_number) ?? [];
}
