import type { Hook } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { $ZodRawIssue } from "zod/v4/core";
import type { Config } from "../../config";
import { findPgError } from "../db-errors";
import { findCause } from "../errors";
import { ApiError, type FieldError } from "./api-error";
import type { ProblemCode } from "./codes";
import { declaredProblems, matchedOperation } from "./declared";
import { problemResponse } from "./response";
import { valueAt } from "./validation-messages";

const STATUS_TO_CODE: Record<number, ProblemCode> = {
  400: "MALFORMED_REQUEST",
  401: "INVALID_TOKEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION_ERROR",
  429: "RATE_LIMITED",
  503: "SERVICE_UNAVAILABLE",
};

// Postgres SQLSTATEs that mean "the database is not there right now":
// connection exceptions (class 08), shutdown or termination (57P01–57P05), too many
// connections (53300). Anything else is our bug.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0.|53300)$/;
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket|websocket|Connection terminated|connection.*(closed|ended|refused)|fetch failed|network|timeout/i;

// @upstash/redis turns every non-2xx answer of the REST endpoint into an UpstashError
// and drops the HTTP status, so an outage (503, a quota, OOM, LOADING, READONLY) and a
// command we got wrong look alike; only the latter is our bug.
const REDIS_COMMAND_BUG =
  /^(WRONGTYPE|NOSCRIPT|ERR (syntax error|wrong number of arguments|unknown command|value is not|Error running script))/;

// Postgres data exceptions that only malformed input can cause: a NUL byte in
// text (22021), an untranslatable character (22P05), a bad literal (22P02), a
// number or date out of range (22003, 22008), a string too long (22001).
const INPUT_SQLSTATE = new Set(["22021", "22P05", "22P02", "22003", "22008", "22001", "22007"]);

function sqlState(error: unknown): string | undefined {
  return findPgError(error)?.code;
}

/** True for infrastructure failures (Postgres, Redis down) that deserve a 503. */
export function isUnavailableError(error: unknown): boolean {
  return (
    findCause(
      error,
      (candidate) =>
        (typeof candidate.code === "string" && UNAVAILABLE_SQLSTATE.test(candidate.code)) ||
        (candidate.name === "UpstashError" &&
          typeof candidate.message === "string" &&
          !REDIS_COMMAND_BUG.test(candidate.message)) ||
        (typeof candidate.message === "string" && UNAVAILABLE_MESSAGE.test(candidate.message)),
    ) !== undefined
  );
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    const code = STATUS_TO_CODE[error.status] ?? (error.status < 500 ? "MALFORMED_REQUEST" : null);
    if (code) return new ApiError(code, { cause: error });
  }
  const state = sqlState(error);
  if (state && INPUT_SQLSTATE.has(state)) return new ApiError("VALIDATION_ERROR", { cause: error });
  if (isUnavailableError(error)) return new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  return new ApiError("INTERNAL_ERROR", { cause: error });
}

/** drizzle appends a failed query's parameters (phones, names) to its message; logs get none. */
export const redactParams = (message: string) =>
  message.replace(/\nparams: [\s\S]*$/, "\nparams: …");

/**
 * With STRICT_PROBLEM_CODES (tests), a problem the routed operation does not
 * declare in the OpenAPI document is answered as our bug, a 500, so the test
 * that provoked it fails. A request routed to no operation declares nothing
 * and is not checked; nor is INTERNAL_ERROR, which is already a 500.
 */
function enforceDeclared(c: Context, apiError: ApiError): ApiError {
  const config = c.get("config") as Config | undefined;
  if (!config?.STRICT_PROBLEM_CODES || apiError.code === "INTERNAL_ERROR") return apiError;
  const operation = matchedOperation(c);
  if (!operation) return apiError;
  const declared = declaredProblems(operation.method, operation.path);
  if (!declared || declared.has(apiError.code)) return apiError;
  return new ApiError("INTERNAL_ERROR", {
    cause: new Error(
      `undeclared problem: ${operation.method} ${operation.path} answered ${apiError.code}`,
      { cause: apiError },
    ),
  });
}

/** The single error handler: every failure leaves as an RFC 9457 problem. */
export const onError: ErrorHandler = (thrown, c) => {
  const raised = toApiError(thrown);
  const apiError = enforceDeclared(c, raised);
  if (apiError.code === "INTERNAL_ERROR" || apiError.code === "SERVICE_UNAVAILABLE") {
    // An undeclared problem is logged as such; anything else as it was thrown.
    const error = apiError === raised ? thrown : apiError.options.cause;
    console.error(
      JSON.stringify({
        level: "error",
        request_id: c.get("requestId"),
        path: new URL(c.req.url).pathname,
        code: apiError.code,
        error: redactParams(
          error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        ),
      }),
    );
  }
  return problemResponse(c, apiError);
};

export const onNotFound: NotFoundHandler = (c) => problemResponse(c, new ApiError("NOT_FOUND"));

export function methodNotAllowedResponse(c: Context, allowed: string[]): Response {
  return problemResponse(
    c,
    new ApiError("METHOD_NOT_ALLOWED", { headers: { Allow: allowed.join(", ") } }),
  );
}

/** A failed parse of `input` as field errors; the problem renders them in the request's language. */
export function zodIssuesToFieldErrors(error: ZodError, input: unknown): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
    issue: { ...issue, input: valueAt(input, issue.path) } as $ZodRawIssue,
  }));
}

/** OpenAPIHono's validation hook: a failed zod parse becomes a 422 problem. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by every route
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) {
    throw new ApiError("VALIDATION_ERROR", {
      // The validator hands a failed result the input it parsed as `data`.
      errors: zodIssuesToFieldErrors(result.error, (result as { data?: unknown }).data),
    });
  }
};
