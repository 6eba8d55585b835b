/**
 * A wait as people read it: seconds under a minute, otherwise whole minutes
 * rounded up (a wait of 61 s reads "2 minutes", never less than it is).
 */
export function retryWait(seconds: number): { unit: "seconds" | "minutes"; count: number } {
  const whole = Math.max(1, Math.ceil(seconds));
  return whole < 60
    ? { unit: "seconds", count: whole }
    : { unit: "minutes", count: Math.ceil(whole / 60) };
}

/** The i18n key and count for "try again in …" after a refused login. */
export function retryMessage(seconds: number): { key: string; count: number } {
  const { unit, count } = retryWait(seconds);
  return { key: unit === "seconds" ? "auth.retryInSeconds" : "auth.retryInMinutes", count };
}
