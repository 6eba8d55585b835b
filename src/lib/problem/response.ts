import type { Context } from "hono";
import type { ApiError } from "./api-error";
import { LANGUAGES, type Language, PROBLEM_CODES } from "./codes";
import { PROBLEM_DETAILS } from "./messages";
import { localizedMessage } from "./validation-messages";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 9457 problem document, plus our stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  request_id?: string;
  errors?: { path: string; message: string }[];
}

export function languageOf(c: Context): Language {
  const detected = c.get("language") as string | undefined;
  return LANGUAGES.find((lang) => lang === detected) ?? "uz";
}

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function buildProblem(error: ApiError, language: Language, instance?: string): Problem {
  const definition = PROBLEM_CODES[error.code];
  const problem: Problem = {
    type: `urn:chontak:problem:${error.code.toLowerCase().replaceAll("_", "-")}`,
    title: definition.title,
    status: definition.status,
    detail: fill(PROBLEM_DETAILS[language][error.code], error.options.params),
    code: error.code,
  };
  if (instance) problem.instance = instance;
  if (error.options.errors) {
    problem.errors = error.options.errors.map((fieldError) => ({
      path: fieldError.path,
      message: localizedMessage(fieldError, language),
    }));
  }
  return problem;
}

export function problemResponse(c: Context, error: ApiError): Response {
  const replayOf = error.options.replayOf;
  const problem = buildProblem(
    error,
    replayOf?.language ?? languageOf(c),
    new URL(c.req.url).pathname,
  );
  const requestId = replayOf?.requestId ?? (c.get("requestId") as string | undefined);
  if (requestId) problem.request_id = requestId;
  const headers = new Headers(error.options.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  // Copy headers set earlier by middleware (CORS, request id, rate limits).
  c.res.headers.forEach((value, key) => {
    if (!headers.has(key) && key !== "content-type" && key !== "content-length") {
      headers.set(key, value);
    }
  });
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
