import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { createApp } from "../../src/app";

const ORIGIN = "http://chontak.test";

/** Calls the Worker under test through its real fetch handler. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export function callJson(path: string, method: string, body: unknown, headers: HeadersInit = {}) {
  return call(path, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Runs a request through a fresh app with some bindings changed (a broken deploy). */
export async function callWithEnv(
  path: string,
  overrides: Record<string, unknown>,
  init?: RequestInit,
) {
  const ctx = createExecutionContext();
  const response = await createApp().fetch(
    new Request(`${ORIGIN}${path}`, init),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}
