/**
 * Money on the client, as on the API: the wire form is a decimal so'm string
 * with at most two fraction digits ("2000.00"); arithmetic happens in integer
 * tiyin (1 so'm = 100 tiyin) with BigInt. Money is never a float. The fees and
 * limits themselves are the API's (GET /api/terms); nothing here keeps a copy.
 */

const WIRE = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "2000.5" → 200050n; null for anything that is not a decimal with ≤ 2 fraction digits. */
export function toTiyin(text: string): bigint | null {
  const match = WIRE.exec(text.trim());
  if (!match) return null;
  const whole = BigInt(match[2] as string);
  const fraction = BigInt((match[3] ?? "").padEnd(2, "0"));
  const tiyin = whole * 100n + fraction;
  return match[1] ? -tiyin : tiyin;
}

/** 200050n → "2000.50" (the wire form). */
export function fromTiyin(tiyin: bigint): string {
  const negative = tiyin < 0n;
  const absolute = negative ? -tiyin : tiyin;
  const fraction = (absolute % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${absolute / 100n}.${fraction}`;
}

/**
 * Formats the API's decimal string for people: "1234567.5" → "1 234 567,50 so'm"
 * (groups of three separated by a space, comma before the tiyin). Works on the
 * text, so any size is exact. Text that is not a money string comes back as is.
 */
export function formatSom(text: string, currency = "so'm"): string {
  const match = WIRE.exec(text.trim());
  if (!match) return text;
  const whole = (match[2] as string).replace(/^0+(?=\d)/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const fraction = (match[3] ?? "").padEnd(2, "0");
  const sign = match[1] && /[1-9]/.test(whole + fraction) ? "-" : "";
  const amount = `${sign}${grouped},${fraction}`;
  return currency ? `${amount} ${currency}` : amount;
}

/**
 * What people type into an amount field ("25 000", "25000,5", "25000.50") → the
 * wire string ("25000.50"); null unless it is a positive amount with ≤ 2 decimals.
 */
export function parseAmountInput(input: string): string | null {
  const compact = input.replace(/[\s\u00a0\u2009\u202f]/g, "").replace(",", ".");
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(compact)) return null;
  const tiyin = toTiyin(compact);
  return tiyin !== null && tiyin > 0n ? fromTiyin(tiyin) : null;
}

/**
 * Commission in tiyin for a rate in basis points (100 = 1 %), rounded half-up to
 * the tiyin, exactly as the server does.
 */
export function commissionTiyin(amount: bigint, basisPoints: number | bigint): bigint {
  return (amount * BigInt(basisPoints) + 5_000n) / 10_000n;
}

/**
 * Some browsers ship no Uzbek number data (Chromium answers "1.5M" and "2.5%" for
 * "uz"). Uzbek writes a decimal comma and the words ming, mln, mlrd, trln; when
 * the runtime lacks them, the English form is rewritten into the Uzbek one.
 */
const UZBEK_UNITS: Record<string, string> = { K: "ming", M: "mln", B: "mlrd", T: "trln" };
let runtimeKnowsUzbek: boolean | undefined;
function knowsUzbek(): boolean {
  runtimeKnowsUzbek ??= /mln/.test(
    new Intl.NumberFormat("uz", { notation: "compact" }).format(1_000_000),
  );
  return runtimeKnowsUzbek;
}

/** "1.5M" → "1,5 mln", "2.5%" → "2,5%": English number text in Uzbek (no-break space before the word, as Intl writes it). */
export function uzbekNumberText(english: string): string {
  return english
    .replace(/(\d)\.(\d)/g, "$1,$2")
    .replace(
      /(\d)([KMBT])$/,
      (_, digit: string, unit: string) => `${digit}\u00a0${UZBEK_UNITS[unit]}`,
    );
}

function localeNumber(language: string, options: Intl.NumberFormatOptions) {
  const uzbek = language.startsWith("uz");
  const format = new Intl.NumberFormat(uzbek && !knowsUzbek() ? "en" : language, options);
  return (value: number | Intl.StringNumericLiteral) => {
    const text = format.format(value);
    return uzbek && !knowsUzbek() ? uzbekNumberText(text) : text;
  };
}

/**
 * A rate in basis points for people, in the language's own form: 250 → "2,5%" (uz),
 * "2,5 %" (ru), "2.5%" (en). The rate goes to Intl as an exact decimal string.
 */
export function formatBasisPoints(basisPoints: number | bigint, language = "uz"): string {
  const bp = BigInt(basisPoints);
  const sign = bp < 0n ? "-" : "";
  const absolute = bp < 0n ? -bp : bp;
  const fraction = `${sign}${absolute / 10_000n}.${(absolute % 10_000n).toString().padStart(4, "0")}`;
  return localeNumber(language, { style: "percent", maximumFractionDigits: 2 })(
    fraction as Intl.StringNumericLiteral,
  );
}

/**
 * A so'm amount shortened for chart axes, in the language's words: 1 500 000 →
 * "1,5 mln" (uz), "1,5 млн" (ru), "1.5M" (en). For labels only, never for sums.
 */
export function formatCompactSom(value: number, language = "uz"): string {
  return localeNumber(language, { notation: "compact", maximumFractionDigits: 1 })(value);
}

/** Sum of wire strings, exact. Invalid entries count as zero. */
export function sumSom(values: readonly string[]): string {
  return fromTiyin(values.reduce((total, value) => total + (toTiyin(value) ?? 0n), 0n));
}
