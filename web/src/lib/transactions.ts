import type { Transaction } from "./api/client";
import { fromTiyin, toTiyin } from "./money";

export type Direction = "in" | "out" | "self";

const digits = (number: string) => number.replace(/\D/g, "");

/**
 * Which way a transaction went for the viewer, given their own card numbers.
 * (The API masks other people's numbers, except for admins, so we compare with
 * the viewer's own cards rather than looking for a mask.)
 */
export function directionOf(
  transaction: Transaction,
  ownCardNumbers: readonly string[],
): Direction {
  const own = new Set(ownCardNumbers.map(digits));
  const from = transaction.from_card ? own.has(digits(transaction.from_card.card_number)) : false;
  const to = own.has(digits(transaction.to_card.card_number));
  if (from && to) return "self";
  return from ? "out" : "in";
}

/**
 * What the transaction moved on the viewer's side: what left the sender's card (the
 * amount and its commission) for a payment they made, the amount for one they received.
 */
export function movementOf(transaction: Transaction, direction: Direction): string {
  if (direction === "in") return transaction.amount;
  return fromTiyin((toTiyin(transaction.amount) ?? 0n) + (toTiyin(transaction.commission) ?? 0n));
}
