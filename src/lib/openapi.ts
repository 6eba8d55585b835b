import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import {
  ApiError,
  buildProblem,
  declareProblems,
  PROBLEM_CODES,
  PROBLEM_CONTENT_TYPE,
  type ProblemCode,
  type ProblemStatus,
} from "./problem";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", {
    example: {
      type: "urn:chontak:problem:insufficient-funds",
      title: "Insufficient funds",
      status: 400,
      detail: "Kartada mablag' yetarli emas",
      code: "INSUFFICIENT_FUNDS",
      instance: "/api/transactions",
    },
  });

/** JSON bodies are small: each is capped before routing, except the avatar upload's (it caps its own). */
export const JSON_BODY_LIMIT = 64 * 1024;
export const isBodyCapped = (path: string) => !path.startsWith("/api/avatar");

/** A problem an operation can answer, alone or with a note on when (shown in the document). */
export type ProblemDeclaration = ProblemCode | readonly [ProblemCode, string];

const REGISTRY_ORDER = Object.keys(PROBLEM_CODES) as ProblemCode[];

type ProblemResponse = {
  description: string;
  content: { [PROBLEM_CONTENT_TYPE]: { schema: z.ZodType } };
};

/** A problem as the API answers it by default (in Uzbek), its placeholders left in. */
const exampleOf = (code: ProblemCode) => buildProblem(new ApiError(code), "uz");

/**
 * The problem+json responses of an operation, one per status: the description
 * lists its codes (and their notes), the schema's `code` allows exactly them.
 */
export function problemResponses(
  declarations: readonly ProblemDeclaration[],
): Partial<Record<ProblemStatus, ProblemResponse>> {
  const notes = new Map<ProblemCode, string[]>();
  for (const declaration of declarations) {
    const [code, note] = typeof declaration === "string" ? [declaration] : declaration;
    const codeNotes = notes.get(code) ?? [];
    if (note) codeNotes.push(note);
    notes.set(code, codeNotes);
  }
  const byStatus = new Map<ProblemStatus, ProblemCode[]>();
  for (const code of REGISTRY_ORDER.filter((candidate) => notes.has(candidate))) {
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Partial<Record<ProblemStatus, ProblemResponse>> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: codes
        .map((code) => {
          const note = notes.get(code)?.join("; ");
          return `- \`${code}\`: ${PROBLEM_CODES[code].title}${note ? ` (${note})` : ""}`;
        })
        .join("\n"),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: ProblemSchema.extend({
            code: z.enum(codes as [ProblemCode, ...ProblemCode[]]),
          }).openapi({ example: exampleOf(codes[0] as ProblemCode) }),
        },
      },
    };
  }
  return responses;
}

/** What an operation declares about its problems, besides what its kind implies. */
export interface ProblemsOf {
  /** The problems its own work can answer (the handler, services, the ledger). */
  errors: readonly ProblemDeclaration[];
  /** Only admins pass the guard in front of it. */
  adminOnly?: boolean;
}

/**
 * The problems every operation of a kind can answer, whatever its handler does:
 * any (the config is checked before every route), with a bearer token (the
 * session lives in Redis, the user in Postgres), admin only, with input to
 * validate, with a body to parse, and any method that can carry a body (it is
 * capped before routing). METHOD_NOT_ALLOWED and NOT_FOUND for unknown paths
 * answer requests that match no operation, so no operation lists them.
 */
function impliedProblems(route: Omit<RouteConfig, "responses">, adminOnly: boolean): ProblemCode[] {
  const codes: ProblemCode[] = ["CONFIG_INVALID"];
  if (route.security?.length) codes.push("INVALID_TOKEN", "SERVICE_UNAVAILABLE");
  if (adminOnly) codes.push("FORBIDDEN");
  const { params, query, headers, body } = route.request ?? {};
  if (params || query || headers || body) codes.push("VALIDATION_ERROR");
  if (body) codes.push("MALFORMED_REQUEST", "UNSUPPORTED_MEDIA_TYPE");
  if (route.method !== "get" && isBodyCapped(route.path)) codes.push("PAYLOAD_TOO_LARGE");
  return codes;
}

/**
 * `createRoute` with the problems as data: `errors` lists the codes the
 * operation's own work can answer; the codes its kind implies are added. The
 * document gets one problem response per status, and the list is recorded for
 * the error handler, which (under STRICT_PROBLEM_CODES) refuses any other code.
 */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, "path"> & { path: P } & ProblemsOf,
>(config: R): Omit<R, keyof ProblemsOf> {
  const { errors, adminOnly = false, ...route } = config;
  const declarations = [...impliedProblems(route, adminOnly), ...errors];
  const responses: RouteConfig["responses"] = { ...route.responses };
  for (const [status, problem] of Object.entries(problemResponses(declarations))) {
    const own = responses[status];
    if (own && "$ref" in own) throw new Error(`${route.path}: response ${status} is a $ref`);
    // A status the operation also answers with its own body (health's 503) gets both.
    responses[status] = own
      ? {
          ...own,
          description: `${own.description}\n\n${problem.description}`,
          content: { ...own.content, ...problem.content },
        }
      : problem;
  }
  declareProblems(
    route.method,
    route.path,
    declarations.map((declaration) =>
      typeof declaration === "string" ? declaration : declaration[0],
    ),
  );
  return createRoute({ ...route, responses }) as unknown as Omit<R, keyof ProblemsOf>;
}

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
