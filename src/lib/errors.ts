/** The fields the error chain may carry: drizzle, the Neon driver and Upstash differ. */
export interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

/**
 * An error and its causes, outermost first (drizzle wraps the driver's error,
 * ApiError wraps the original). Bounded, so a cyclic chain cannot loop.
 */
export function* causeChain(error: unknown, depth = 5): Generator<ErrorLike> {
  for (let current = error, seen = 0; current && seen < depth; seen++) {
    const candidate = current as ErrorLike;
    yield candidate;
    current = candidate.cause;
  }
}

/** The first error in the chain that `matches`, if any. */
export function findCause(
  error: unknown,
  matches: (candidate: ErrorLike) => boolean,
): ErrorLike | undefined {
  for (const candidate of causeChain(error)) if (matches(candidate)) return candidate;
  return undefined;
}
