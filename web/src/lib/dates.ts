/**
 * Dates and times are shown in Asia/Tashkent whatever the device's zone, the
 * same calendar the API uses for its day filters.
 */
export const TIME_ZONE = "Asia/Tashkent";

const LOCALES: Record<string, string> = { uz: "uz-Latn-UZ", ru: "ru-RU", en: "en-GB" };
export const localeFor = (language: string) => LOCALES[language] ?? LOCALES.uz;

const dayKeyFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Tashkent calendar day of an instant, as "YYYY-MM-DD". */
export function tashkentDay(instant: Date | string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const parts = dayKeyFormat.formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** "2026-11-24" shifted by whole days (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** First day of the Tashkent month containing `now`, "YYYY-MM-01". */
export function monthStart(now: Date = new Date()): string {
  return `${tashkentDay(now).slice(0, 7)}-01`;
}

/** Every day of the calendar month containing `day` ("YYYY-MM-DD"). */
export function daysOfMonth(day: string): string[] {
  const first = `${day.slice(0, 7)}-01`;
  const nextMonth = new Date(`${first}T00:00:00Z`);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  return daysBetween(first, addDays(nextMonth.toISOString().slice(0, 10), -1));
}

/** Every day from start to end inclusive ("YYYY-MM-DD"). */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Uzbek month names. Browsers ship ICU without Uzbek data (Chromium prints
 * "2026 M11 24"), so Uzbek dates are assembled here from numeric parts.
 */
const UZ_MONTHS = [
  "yanvar",
  "fevral",
  "mart",
  "aprel",
  "may",
  "iyun",
  "iyul",
  "avgust",
  "sentabr",
  "oktabr",
  "noyabr",
  "dekabr",
];

const numericFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function tashkentParts(instant: Date) {
  const parts = numericFormat.formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return {
    year: get("year"),
    month: Number(get("month")),
    day: Number(get("day")),
    time: `${get("hour")}:${get("minute")}`,
  };
}

const uzDay = (date: Date) => {
  const parts = tashkentParts(date);
  return { ...parts, text: `${parts.day}-${UZ_MONTHS[parts.month - 1]} ${parts.year}-yil` };
};

export function formatDateTime(instant: string | Date, language: string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (language === "uz") {
    const parts = uzDay(date);
    return `${parts.text}, ${parts.time}`;
  }
  return new Intl.DateTimeFormat(localeFor(language), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** "07:10", 24-hour, in Tashkent (the same in every language). */
export function formatTime(instant: string | Date): string {
  return tashkentParts(typeof instant === "string" ? new Date(instant) : instant).time;
}

/** A calendar day ("2026-11-24") in words, e.g. "24 noyabr 2026". */
export function formatDay(day: string, language: string): string {
  // Noon UTC is the same calendar day in Tashkent (UTC+5).
  const noon = new Date(`${day}T12:00:00Z`);
  if (language === "uz") return uzDay(noon).text;
  return new Intl.DateTimeFormat(localeFor(language), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(noon);
}

export type DayKind = "today" | "yesterday" | "date";

export interface DayGroup<T> {
  day: string;
  kind: DayKind;
  items: T[];
}

/**
 * Groups items (already newest first) by their Tashkent day, keeping order, and
 * marks today and yesterday so the list can say "Bugun" / "Kecha".
 */
export function groupByDay<T extends { created_at: string }>(
  items: readonly T[],
  now: Date = new Date(),
): DayGroup<T>[] {
  const today = tashkentDay(now);
  const yesterday = addDays(today, -1);
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = tashkentDay(item.created_at);
    let group = groups[groups.length - 1];
    if (!group || group.day !== day) {
      const kind: DayKind = day === today ? "today" : day === yesterday ? "yesterday" : "date";
      group = { day, kind, items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}
