import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import type { ProblemCode } from "./codes";

/** The problems each operation declares in the OpenAPI document, by method and routing path. */
const declared = new Map<string, ReadonlySet<ProblemCode>>();

/** `/api/card/{id}` (OpenAPI) and `/api/card/:id` (Hono) are the same path. */
const keyOf = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replaceAll(/\/{(.+?)}/g, "/:$1")}`;

/** Records the problems an operation may answer (its route definition calls this). */
export function declareProblems(method: string, path: string, codes: Iterable<ProblemCode>): void {
  declared.set(keyOf(method, path), new Set(codes));
}

/** The problems an operation declares; undefined for a route outside the document. */
export function declaredProblems(
  method: string,
  path: string,
): ReadonlySet<ProblemCode> | undefined {
  return declared.get(keyOf(method, path));
}

/**
 * The operation a request was routed to: the first matched route with a method
 * (middleware is registered for ALL). None when no operation matched the path
 * and method; such a request answers NOT_FOUND or METHOD_NOT_ALLOWED.
 */
export function matchedOperation(c: Context): { method: string; path: string } | undefined {
  return matchedRoutes(c).find((route) => route.method !== "ALL");
}
