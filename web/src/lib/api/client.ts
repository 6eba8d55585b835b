import createClient, { type Middleware } from "openapi-fetch";
import { session } from "../auth/session";
import { i18n } from "../i18n";
import { ApiProblem, parseRetryAfter } from "./problem";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type User = Schemas["User"];
export type BankCard = Schemas["Card"];
export type Transaction = Schemas["Transaction"];
export type TransactionPage = Schemas["TransactionPage"];
export type TokenPair = Schemas["TokenPair"];

/** The API origin, fixed at build time (VITE_API_URL); same origin when empty. */
export const API_URL: string = (import.meta.env.VITE_API_URL ?? "").replace(/\/$/, "");

/** Endpoints that take no bearer token and must never trigger a refresh. */
const PUBLIC_PATHS = [
  "/api/auth/login",
  "/api/auth/register",
  "/api/auth/refresh",
  "/api/terms",
  "/api/receipts/verify",
  "/api/auth/passkey/options",
  "/api/auth/passkey/login",
];
const isPublic = (url: string) => PUBLIC_PATHS.some((path) => new URL(url).pathname === path);

class SessionEnded extends Error {}

/**
 * Aborts every authenticated request still in flight when the session ends
 * (logout, a refused refresh, another tab logging out): their answers belong to a
 * dead session and would only come back 401.
 */
let sessionRequests = new AbortController();
function abortSessionRequests() {
  sessionRequests.abort(new SessionEnded("session ended"));
  sessionRequests = new AbortController();
}
session.onEnd(abortSessionRequests);

const LOGOUT_PATH = "/api/auth/logout";
let loggingOut = false;

/**
 * Logs out on the server (refresh and access token die at once), then locally.
 * From the start, requests in flight are aborted and no other request is sent, so
 * none reaches the API with the token being revoked.
 */
export async function logOut() {
  loggingOut = true;
  abortSessionRequests();
  try {
    await api.POST(LOGOUT_PATH).catch(() => undefined);
  } finally {
    loggingOut = false;
    session.end("logout");
  }
}

let refreshing: Promise<string> | null = null;

/**
 * Trades the refresh token for a new pair. One refresh at a time: every caller
 * shares the same in-flight promise. Across tabs, a Web Lock serialises the
 * refresh (two tabs presenting the same token would look like token theft and
 * revoke the session); inside the lock we read the newest token from storage.
 * A 401 from /refresh (INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REVOKED) ends the
 * session everywhere; a network error or 5xx does not.
 */
export function refreshAccessToken(): Promise<string> {
  refreshing ??= withRefreshLock(async () => {
    const refreshToken = session.getRefreshToken();
    if (!refreshToken) throw new SessionEnded("no refresh token");
    const response = await fetch(`${API_URL}/api/auth/refresh`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": i18n.language },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    if (response.ok) {
      const pair = (await response.json()) as TokenPair;
      session.setTokens(pair.access_token, pair.refresh_token);
      return pair.access_token;
    }
    if (response.status === 401) {
      session.end("expired");
      throw new SessionEnded("refresh refused");
    }
    throw new Error(`refresh failed with ${response.status}`);
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request("chontak-refresh", task) as Promise<T>) : task();
}

/** Copies of outgoing requests by openapi-fetch request id, for one replay after a refresh. */
const replayable = new Map<string, Request>();

async function isInvalidToken(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { code?: string };
    return body.code === undefined || body.code === "INVALID_TOKEN";
  } catch {
    return true;
  }
}

const authMiddleware: Middleware = {
  async onRequest({ request, id }) {
    request.headers.set("Accept-Language", i18n.language);
    if (isPublic(request.url)) return request;
    if (loggingOut && new URL(request.url).pathname !== LOGOUT_PATH) {
      throw new SessionEnded("logging out");
    }
    // A refresh is under way (or needed after a reload: no access token yet): wait for it
    // rather than sending a request that is bound to get 401.
    if (refreshing || (!session.getAccessToken() && session.getRefreshToken())) {
      await refreshAccessToken().catch(() => undefined);
    }
    const token = session.getAccessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    // Signed out (or the refresh was refused): a request without a token is bound to
    // get 401, so it is never sent.
    if (!request.headers.has("Authorization")) throw new SessionEnded("not signed in");
    const bound = new Request(request, {
      signal: AbortSignal.any([request.signal, sessionRequests.signal]),
    });
    replayable.set(id, bound.clone());
    return bound;
  },

  async onResponse({ request, response, id }) {
    const original = replayable.get(id);
    replayable.delete(id);
    if (response.status !== 401 || !original || isPublic(request.url)) return response;
    // Only a dead access token is worth a refresh; WRONG_PASSWORD is also a 401.
    if (!(await isInvalidToken(response))) return response;
    if (!session.getRefreshToken()) {
      session.end("expired");
      return response;
    }
    // Only refresh if nobody did since this request left; otherwise just replay.
    const sent = request.headers.get("Authorization");
    const current = session.getAccessToken();
    if (!current || sent === `Bearer ${current}`) {
      try {
        await refreshAccessToken();
      } catch {
        return response;
      }
    }
    original.headers.set("Authorization", `Bearer ${session.getAccessToken()}`);
    return fetch(original); // replayed once; a second 401 is the answer
  },

  onError({ id }) {
    replayable.delete(id);
  },
};

export const api = createClient<paths>({ baseUrl: API_URL });
api.use(authMiddleware);

/**
 * Unwraps an openapi-fetch call for TanStack Query: the data, or an ApiProblem
 * thrown (network failures included) so queries and mutations see one error type.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof SessionEnded) {
      throw new ApiProblem({ status: 401, code: "SESSION_ENDED" }, i18n.t("auth.sessionExpired"));
    }
    throw new ApiProblem({ status: 0, code: "NETWORK_ERROR" }, i18n.t("errors.network"));
  }
  if (result.response.ok) return result.data as T;
  const body = typeof result.error === "object" && result.error !== null ? result.error : {};
  throw new ApiProblem(
    { ...(body as object), status: result.response.status },
    i18n.t("errors.unknown"),
    parseRetryAfter(result.response.headers.get("Retry-After")),
  );
}
