import { format, isValid, parse } from "date-fns";

/** How a day is written for people (dd.mm.yyyy) and on the wire (YYYY-MM-DD). */
const DISPLAY_FORMAT = "dd.MM.yyyy";
export const DAY_FORMAT = "yyyy-MM-dd";

/** "2026-11-24" → the same calendar day as a local Date (no zone shift). */
export const toDate = (day: string) => parse(day, DAY_FORMAT, new Date());

/** "24.11.2026" → "2026-11-24"; null unless the text is a whole, real date. */
export function parseDisplayDate(text: string): string | null {
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(text)) return null;
  const date = parse(text, DISPLAY_FORMAT, new Date());
  return isValid(date) ? format(date, DAY_FORMAT) : null;
}

/** "2026-11-24" → "24.11.2026". */
export const displayDate = (day: string) => format(toDate(day), DISPLAY_FORMAT);
