import type { ProblemCode } from "./codes";

export interface FieldError {
  path: string;
  message: string;
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
    } = {},
  ) {
    super(code, { cause: options.cause });
  }
}
