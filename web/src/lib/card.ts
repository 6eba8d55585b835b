/**
 * Card numbers on the client. The number's rules (prefix and check digits) are
 * the API's own module, so the send screen says "not a card number" exactly when
 * the server would; what follows here is only how numbers are shown and typed.
 */
export {
  isValidCardNumber,
  normalizeCardNumber,
  PLATFORM_CARD_NUMBER,
} from "../../../src/lib/card-number";

import { PLATFORM_CARD_NUMBER } from "../../../src/lib/card-number";

/**
 * Between the groups of a displayed number: a no-break space, so a number never
 * wraps (neither inside a group nor between groups) wherever it is rendered.
 */
const GAP = "\u00a0";
/** The one masking glyph for hidden digits, in every number the app shows. */
const HIDDEN_GROUP = "••••";

/** "7777123456789050" → "7777 1234 5678 9050"; an already masked number is left as it is. */
export function formatCardNumber(number: string): string {
  const compact = number.replace(/\s/g, "");
  return compact.replace(/(.{4})(?=.)/g, `$1${GAP}`);
}

/** "7777123456789050" → "7777 •••• •••• 9050" for display while the number is hidden. */
export function maskCardNumber(number: string): string {
  const compact = number.replace(/\s/g, "");
  return [compact.slice(0, 4), HIDDEN_GROUP, HIDDEN_GROUP, compact.slice(-4)].join(GAP);
}

/**
 * Any number as shown in lists and receipts: "7777 •••• •••• 9050", whether the
 * API sent it whole (your own card) or masked ("7777 **** **** 9050").
 */
export function displayCardNumber(number: string): string {
  return maskCardNumber(number.replace(/\*/g, "•"));
}

/** The last four digits, for tight rows: "•• 9050". */
export const lastFour = (number: string) => `••${GAP}${number.replace(/\s/g, "").slice(-4)}`;

/** The brand, which is also how the platform card is named as a party. */
export const PLATFORM_NAME = "Cho'ntak";

/**
 * The platform card (it collects commissions and premium payments) is not a
 * person's: the app names it by the brand, never by an owner name. The API sends
 * its number whole to everyone.
 */
export const isPlatformCard = (number: string) =>
  number.replace(/\s/g, "") === PLATFORM_CARD_NUMBER;

/** Live formatting for a card-number input: groups of four as the user types. */
export function formatCardInput(input: string): string {
  return input
    .replace(/\D/g, "")
    .slice(0, 16)
    .replace(/(\d{4})(?=\d)/g, "$1 ");
}
