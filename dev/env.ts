import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * Settings for the Node side of the dev stack: .dev.vars (the file wrangler
 * dev reads too), overridden by real environment variables.
 */
export function devSetting(name: string, fallback?: string): string | undefined {
  return process.env[name] ?? devVars()[name] ?? fallback;
}

let cached: Record<string, string> | undefined;
export function devVars(file = ".dev.vars"): Record<string, string> {
  cached ??= existsSync(file)
    ? (parseEnv(readFileSync(file, "utf8")) as Record<string, string>)
    : {};
  return cached;
}
