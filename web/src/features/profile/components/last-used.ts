/** How long ago a device was last used, as a translation key (and count) or a date. */
export type LastUsed =
  | { key: "devices.activeNow" }
  | { key: "devices.minutesAgo" | "devices.hoursAgo"; count: number }
  | { date: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Within the last two minutes is "active now" (the server records use to the
 * minute); then minutes and hours ago; from a day on, the date itself.
 */
export function lastUsed(instant: string, now: Date = new Date()): LastUsed {
  const elapsed = now.getTime() - Date.parse(instant);
  if (elapsed < 2 * MINUTE) return { key: "devices.activeNow" };
  if (elapsed < HOUR) return { key: "devices.minutesAgo", count: Math.floor(elapsed / MINUTE) };
  if (elapsed < 24 * HOUR) return { key: "devices.hoursAgo", count: Math.floor(elapsed / HOUR) };
  return { date: instant };
}
