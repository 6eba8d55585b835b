import { api, unwrap } from "../../../lib/api/client";
import { addDays, monthStart, tashkentDay } from "../../../lib/dates";

export type StatementFormat = "pdf" | "csv";
export type StatementPreset = "thisMonth" | "lastMonth" | "custom";

/** The days a preset stands for, in Tashkent: this month so far, or all of last month. */
export function presetPeriod(preset: Exclude<StatementPreset, "custom">, now = new Date()) {
  const first = monthStart(now);
  if (preset === "thisMonth") return { from: first, to: tashkentDay(now) };
  const lastDay = addDays(first, -1);
  return { from: `${lastDay.slice(0, 7)}-01`, to: lastDay };
}

/**
 * Fetches the statement through the API client (so the session's bearer token
 * and its refresh apply) and hands the file to the browser as a download.
 */
export async function downloadStatement(
  cardId: string,
  period: { from: string; to: string },
  format: StatementFormat,
): Promise<void> {
  const blob = await unwrap(
    api.GET("/api/card/{id}/statement", {
      params: { path: { id: cardId }, query: { ...period, format } },
      parseAs: "blob",
    }),
  );
  const url = URL.createObjectURL(blob as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `statement-${period.from}-${period.to}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file over; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
