/**
 * Phone numbers as the app shows them. The API sends another person's phone
 * masked ("+998 90 *** ** 11"); one the user typed is E.164 ("+998901234567").
 */

/** No-break spaces, so a phone never wraps inside itself. */
const GAP = "\u00a0";

/**
 * "+998901234567" → "+998 90 123 45 67"; "+998 90 *** ** 11" → "+998 90 ••• •• 11"
 * (the app's one masking glyph), always with no-break spaces.
 */
export function displayPhone(phone: string): string {
  const compact = phone.replace(/[\s\-()]/g, "");
  const match = /^\+?998([\d*]{2})([\d*]{3})([\d*]{2})([\d*]{2})$/.exec(compact);
  if (!match) return phone.replace(/\*/g, "•").replace(/ /g, GAP);
  return ["+998", ...match.slice(1)].join(GAP).replace(/\*/g, "•");
}

/** E.164 when the text is a whole Uzbek number (spaces, dashes, brackets allowed), else null. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, "");
  return /^\+998\d{9}$/.test(compact) ? compact : null;
}
