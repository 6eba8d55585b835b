/**
 * Money is bigint tiyin inside (1 so'm = 100 tiyin) and a two-decimal so'm
 * string on the wire. Parsing goes through the decimal text, never through
 * float arithmetic, so "0.29" is exactly 29 tiyin.
 */
export const TIYIN_PER_SOM = 100n;

// At most 13 integer digits keeps every sum far inside Postgres bigint.
const MONEY_TEXT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a so'm amount (JSON number or string, ≤ 2 fraction digits) to tiyin; null if invalid. */
export function parseMoney(input: unknown): bigint | null {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return null;
    // String(n) gives the shortest round-trip text: 2000.5 → "2000.5", 1e21 → "1e+21" (refused).
    text = String(input);
  } else if (typeof input === "string") {
    text = input;
  } else {
    return null;
  }
  const match = MONEY_TEXT.exec(text);
  if (!match) return null;
  const whole = BigInt(match[1] as string);
  const fraction = BigInt((match[2] ?? "").padEnd(2, "0"));
  return whole * TIYIN_PER_SOM + fraction;
}

/** Formats tiyin as the wire form: 200000n → "2000.00", -5n → "-0.05". */
export function formatMoney(tiyin: bigint): string {
  const negative = tiyin < 0n;
  const absolute = negative ? -tiyin : tiyin;
  const whole = absolute / TIYIN_PER_SOM;
  const fraction = (absolute % TIYIN_PER_SOM).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** so'm (whole) → tiyin, for constants such as limits. */
export const som = (amount: number | bigint): bigint => BigInt(amount) * TIYIN_PER_SOM;

/** Commission in tiyin for a rate in basis points, rounded half-up to the tiyin. */
export function commissionFor(amount: bigint, basisPoints: bigint): bigint {
  // amount * bp / 10000, half-up: add half the divisor before the integer division.
  return (amount * basisPoints + 5_000n) / 10_000n;
}
