import { findCause } from "./errors";

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The Postgres error in a chain (drizzle wraps the driver's error), by its SQLSTATE. */
export function findPgError(error: unknown): { code: string; constraint?: unknown } | undefined {
  const found = findCause(error, (c) => typeof c.code === "string" && SQLSTATE.test(c.code));
  return found && typeof found.code === "string"
    ? { code: found.code, constraint: found.constraint }
    : undefined;
}

/** True for a unique violation (23505), optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = findPgError(error);
  return pgError?.code === "23505" && (!constraint || pgError.constraint === constraint);
}
