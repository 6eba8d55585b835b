import type { components } from "./schema";

export type ProblemBody = components["schemas"]["Problem"];

/**
 * Every failed API call becomes an ApiProblem: the server's RFC 9457 problem
 * (its `detail` is already in the user's language, we send Accept-Language), or
 * a client-side one for network failures (code NETWORK_ERROR, status 0).
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: { path: string; message: string }[];
  /** Seconds until the server takes the request again (its Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;

  constructor(
    body: Partial<ProblemBody> & { status: number },
    fallbackDetail: string,
    retryAfterSeconds: number | null = null,
  ) {
    super(body.detail ?? body.title ?? fallbackDetail);
    this.name = "ApiProblem";
    this.status = body.status;
    this.code = body.code ?? `HTTP_${body.status}`;
    this.detail = body.detail ?? body.title ?? fallbackDetail;
    this.errors = body.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Worth retrying unchanged: the network, a 5xx, or a request still in flight. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === "IDEMPOTENCY_IN_PROGRESS";
  }
}

export const isProblem = (error: unknown, code?: string): error is ApiProblem =>
  error instanceof ApiProblem && (code === undefined || error.code === code);

/**
 * A Retry-After header in seconds from `now`: delta-seconds ("120") or an
 * HTTP date; null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  const text = header?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Whether a failed money action may be retried as the same attempt (same
 * Idempotency-Key: the server replays instead of paying twice): a lost answer or a
 * transient problem may, and so may a payment that only lacked its step-up
 * confirmation (nothing moved; the retry confirms first); a refusal needs the
 * form changed.
 */
export const isRetryableAttempt = (error: unknown): boolean =>
  error !== null &&
  error !== undefined &&
  (!isProblem(error) || error.transient || error.code === "STEP_UP_REQUIRED");
