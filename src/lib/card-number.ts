/**
 * Cho'ntak card numbers: "7777" + 10 drawn digits + check digit A
 * (sum of the odd-valued drawn digits mod 10) + check digit B (sum of the
 * even-valued drawn digits mod 10). This scheme is the product's own, so no
 * library implements it.
 */
export const CARD_PREFIX = "7777";

/**
 * The platform card, the system's own, collects commissions and premium
 * payments. Its number is its one identity everywhere (it also passes the
 * card-number checksum).
 */
export const PLATFORM_CARD_NUMBER = "7777000000000000";

function checkDigits(drawn: string): string {
  let odd = 0;
  let even = 0;
  for (const char of drawn) {
    const digit = char.charCodeAt(0) - 48;
    if (digit % 2 === 1) odd += digit;
    else even += digit;
  }
  return `${odd % 10}${even % 10}`;
}

/** Strips the spaces and dashes people type; returns null unless 16 digits remain. */
export function normalizeCardNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** True when a normalized 16-digit number has our prefix and valid check digits. */
export function isValidCardNumber(number: string): boolean {
  if (!/^\d{16}$/.test(number) || !number.startsWith(CARD_PREFIX)) return false;
  return checkDigits(number.slice(4, 14)) === number.slice(14);
}

/** Draws 10 digits from the CSPRNG (rejection sampling keeps them uniform). */
export function generateCardNumber(
  random: (bytes: Uint8Array) => void = (b) => crypto.getRandomValues(b),
): string {
  let drawn = "";
  const buffer = new Uint8Array(16);
  while (drawn.length < 10) {
    random(buffer);
    for (const byte of buffer) {
      if (byte < 250 && drawn.length < 10) drawn += String(byte % 10);
    }
  }
  return `${CARD_PREFIX}${drawn}${checkDigits(drawn)}`;
}

/** "7777123456789050" → "7777 1234 5678 9050" */
export function formatCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** "7777123456789050" → "7777 **** **** 9050" */
export function maskCardNumber(number: string): string {
  return `${number.slice(0, 4)} **** **** ${number.slice(-4)}`;
}

export const UNKNOWN_OWNER = "Noma'lum";

/** "Alisher Valiyev" → "Alisher V." (first name and the initial of the last word). */
export function maskOwnerName(fullName: string | null | undefined): string {
  const words = (fullName ?? "").trim().split(/\s+/).filter(Boolean);
  const [first] = words;
  if (!first) return UNKNOWN_OWNER;
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return last ? `${first} ${Array.from(last)[0]?.toUpperCase()}.` : first;
}
