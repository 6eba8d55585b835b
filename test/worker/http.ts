import { exports } from "cloudflare:workers";

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
