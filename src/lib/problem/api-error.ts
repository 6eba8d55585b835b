import type { $ZodRawIssue } from "zod/v4/core";
import type { Language, ProblemCode } from "./codes";

export interface FieldError {
  path: string;
  message: string;
  /** the zod issue behind the message, with its input, so it can be rendered in any language */
  issue?: $ZodRawIssue;
}

/** The one error class of the API: a code from the closed list plus details. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly code: ProblemCode,
    readonly options: {
      /** values for `{name}` placeholders in the detail texts */
      params?: Record<string, string | number>;
      /** field-level validation errors (RFC 9457 extension member `errors`) */
      errors?: FieldError[];
      /** extra response headers, e.g. Retry-After */
      headers?: Record<string, string>;
      cause?: unknown;
      /**
       * Render as an earlier answer was (an idempotent replay): its language
       * and request id instead of this request's, so the bytes are the same.
       */
      replayOf?: { language: Language; requestId: string };
    } = {},
  ) {
    super(code, { cause: options.cause });
  }
}
