/**
 * Cho'ntak card numbers on the client (spec §4), mirroring the API's checks so
 * the send screen can say "not a card number" before asking the server.
 */
export const CARD_PREFIX = "7777";

/** Digits with optional spaces or dashes → 16 digits, or null. */
export function normalizeCardNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** Prefix 7777 and the two check digits (odd-valued and even-valued digit sums mod 10). */
export function isValidCardNumber(number: string): boolean {
  if (!/^\d{16}$/.test(number) || !number.startsWith(CARD_PREFIX)) return false;
  let odd = 0;
  let even = 0;
  for (const char of number.slice(4, 14)) {
    const digit = char.charCodeAt(0) - 48;
    if (digit % 2 === 1) odd += digit;
    else even += digit;
  }
  return `${odd % 10}${even % 10}` === number.slice(14);
}

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
