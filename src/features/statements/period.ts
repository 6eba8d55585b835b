import { ApiError } from "../../lib/problem";

/** The longest statement: one calendar year (to is before the same day a year after from). */
export interface Period {
  from: string;
  to: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(text: string, param: "from" | "to"): Date {
  const match = DAY.exec(text);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : null;
  // The round trip refuses days that do not exist (2026-02-30 would roll over).
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new ApiError("STATEMENT_DATE_INVALID", { params: { param } });
  }
  return date;
}

/** The day before, as YYYY-MM-DD. */
export function previousDay(day: string): string {
  const date = parseDay(day, "from");
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Checks what needs no clock: both days exist, from ≤ to, at most a year.
 * Whether `to` is in the future is decided against the database's Tashkent
 * day, in the statement's own query.
 */
export function checkPeriod(period: Period): Period {
  const from = parseDay(period.from, "from");
  const to = parseDay(period.to, "to");
  if (to < from) throw new ApiError("STATEMENT_PERIOD_REVERSED");
  const yearLater = new Date(from);
  yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);
  if (to >= yearLater) throw new ApiError("STATEMENT_PERIOD_TOO_LONG");
  return period;
}
