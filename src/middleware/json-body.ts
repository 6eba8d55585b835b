import type { MiddlewareHandler } from "hono";

/** The third reviver argument: the source text of a primitive value. */
interface ReviverContext {
  source?: string;
}

/**
 * A JSON number whose literal is not the shortest text of the float it parses to
 * (`2e3`, `2000.50`, `2000.00999999999999999`, `-0`) arrives as its literal text,
 * so decimal schemas such as MoneyInput judge what the client wrote, never a
 * rounded float. Plain literals (`2000`, `2000.5`) stay numbers.
 */
function keepNumberLiterals(_key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== "number" || context?.source === undefined) return value;
  return context.source === String(value) ? value : context.source;
}

/** Parses a JSON request body; throws SyntaxError on malformed text. */
export function parseJsonBody(text: string): unknown {
  return JSON.parse(text, keepNumberLiterals as Parameters<typeof JSON.parse>[1]);
}

/**
 * The one JSON body parser of every route: the validators and handlers read the
 * body through `c.req.json()`, which this replaces for the request. A parse
 * failure still rejects, so the validator answers its 400.
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  const request = c.req;
  request.json = (async () => parseJsonBody(await request.text())) as typeof request.json;
  await next();
};
