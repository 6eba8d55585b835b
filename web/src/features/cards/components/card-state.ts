import type { BankCard } from "../../../lib/api/client";

/**
 * What a card's state means to its owner. Frozen has four causes that read
 * differently: never activated (a new card opens so), frozen by the owner,
 * blocked by the bank, or frozen by the plan's card limit.
 */
export type CardState =
  | "active"
  | "notActivated"
  | "ownerFrozen"
  | "blocked"
  | "limitFrozen"
  | "expired"
  | "closed";

export function cardState(card: BankCard): CardState {
  if (card.status !== "frozen") return card.status;
  if (card.frozen_by === "bank") return "blocked";
  if (card.frozen_by === "limit") return "limitFrozen";
  return card.activated ? "ownerFrozen" : "notActivated";
}
