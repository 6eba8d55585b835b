/**
 * Query keys shared across features, so a feature can refresh another's data
 * (a transfer changes balances and history) without importing it.
 */
export const queryKeys = {
  me: ["me"] as const,
  cards: ["cards"] as const,
  card: (id: string) => ["cards", id] as const,
  transactions: ["transactions"] as const,
  admin: ["admin"] as const,
  savedCards: ["saved-cards"] as const,
  subscription: ["subscription"] as const,
  terms: ["terms"] as const,
};
