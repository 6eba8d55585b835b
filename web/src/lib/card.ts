/**
 * Card numbers on the client. The number's rules (prefix and check digits) are
 * the API's own module, so the send screen says "not a card number" exactly when
 * the server would; what follows here is only how numbers are shown and typed.
 */
export { isValidCardNumber, normalizeCardNumber } from "../../../src/lib/card-number";

/** "7777123456789050" → "7777 1234 5678 9050"; an already masked number is left as it is. */
export function formatCardNumber(number: string): string {
  const compact = number.replace(/\s/g, "");
  return compact.replace(/(.{4})(?=.)/g, "$1 ");
}

/** "7777123456789050" → "7777 •••• •••• 9050" for display while the number is hidden. */
export function maskCardNumber(number: string): string {
  const compact = number.replace(/\s/g, "");
  return `${compact.slice(0, 4)} •••• •••• ${compact.slice(-4)}`;
}

/**
 * Any number as shown in lists and receipts: "7777 •••• •••• 9050", whether the
 * API sent it whole (your own card) or masked ("7777 **** **** 9050").
 */
export function displayCardNumber(number: string): string {
  return maskCardNumber(number.replace(/\*/g, "•"));
}

/** The last four digits, for tight rows: "•• 9050". */
export const lastFour = (number: string) => `•• ${number.replace(/\s/g, "").slice(-4)}`;

/** Live formatting for a card-number input: groups of four as the user types. */
export function formatCardInput(input: string): string {
  return input
    .replace(/\D/g, "")
    .slice(0, 16)
    .replace(/(\d{4})(?=\d)/g, "$1 ");
}
