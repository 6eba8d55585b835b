import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The client reads the API origin and the global fetch when its module loads.
vi.stubEnv("VITE_API_URL", "http://api.test");

const storage = new Map<string, string>();
vi.stubGlobal("localStorage", {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
});

type Handler = (request: Request) => Promise<Response>;
let handler: Handler = async () => new Response(null, { status: 500 });
vi.stubGlobal("fetch", (input: RequestInfo, init?: RequestInit) =>
  handler(input instanceof Request ? input : new Request(input, init)),
);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let client: typeof import("./client");
let session: typeof import("../auth/session").session;

beforeAll(async () => {
  client = await import("./client");
  session = (await import("../auth/session")).session;
});

beforeEach(() => {
  storage.clear();
  session.setTokens("access-1", "refresh-1");
});

describe("the API client's session handling", () => {
  it("refreshes once for parallel 401s, then replays each request once", async () => {
    let refreshes = 0;
    const seen: string[] = [];
    handler = async (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/auth/refresh") {
        refreshes += 1;
        expect(await request.json()).toEqual({ refresh_token: "refresh-1" });
        await sleep(20);
        return json(200, {
          access_token: "access-2",
          refresh_token: "refresh-2",
          token_type: "bearer",
          expires_in: 900,
        });
      }
      seen.push(
        `${request.headers.get("Authorization")} ${request.headers.get("Accept-Language")}`,
      );
      return request.headers.get("Authorization") === "Bearer access-2"
        ? json(200, [])
        : json(401, { code: "INVALID_TOKEN", status: 401, detail: "Token yaroqsiz" });
    };

    const results = await Promise.all([
      client.unwrap(client.api.GET("/api/card")),
      client.unwrap(client.api.GET("/api/card")),
      client.unwrap(client.api.GET("/api/card")),
    ]);

    expect(results).toEqual([[], [], []]);
    expect(refreshes).toBe(1);
    expect(session.getAccessToken()).toBe("access-2");
    expect(session.getRefreshToken()).toBe("refresh-2");
    expect(seen.filter((line) => line === "Bearer access-1 uz")).toHaveLength(3);
    expect(seen.filter((line) => line === "Bearer access-2 uz")).toHaveLength(3);
  });

  it("replays a POST with its body and Idempotency-Key", async () => {
    const bodies: string[] = [];
    handler = async (request) => {
      if (new URL(request.url).pathname === "/api/auth/refresh") {
        return json(200, { access_token: "access-2", refresh_token: "refresh-2" });
      }
      bodies.push(`${request.headers.get("Idempotency-Key")} ${await request.text()}`);
      return request.headers.get("Authorization") === "Bearer access-2"
        ? json(201, { id: "t1" })
        : json(401, { code: "INVALID_TOKEN", status: 401 });
    };
    const body = { from_card_id: "c1", to_card_number: "7777123456789050", amount: "2000.00" };
    await client.unwrap(
      client.api.POST("/api/transactions", {
        body,
        params: { header: { "idempotency-key": "k1" } },
      }),
    );
    expect(bodies).toEqual([`k1 ${JSON.stringify(body)}`, `k1 ${JSON.stringify(body)}`]);
  });

  it("ends the session everywhere when the refresh is refused", async () => {
    const ended: string[] = [];
    const stop = session.onEnd((reason) => ended.push(reason));
    handler = async (request) =>
      new URL(request.url).pathname === "/api/auth/refresh"
        ? json(401, {
            code: "REFRESH_TOKEN_REVOKED",
            status: 401,
            detail: "Sessiya bekor qilingan",
          })
        : json(401, { code: "INVALID_TOKEN", status: 401, detail: "Token yaroqsiz" });

    const error = await client.unwrap(client.api.GET("/api/card")).catch((e: unknown) => e);

    stop();
    expect(error).toMatchObject({ status: 401, code: "INVALID_TOKEN" });
    expect(ended).toEqual(["expired"]);
    expect(session.getAccessToken()).toBeNull();
    expect(session.getRefreshToken()).toBeNull();
  });

  it("does not refresh for a 401 that is about the request (WRONG_PASSWORD)", async () => {
    let refreshes = 0;
    handler = async (request) => {
      if (new URL(request.url).pathname === "/api/auth/refresh") refreshes += 1;
      return json(401, { code: "WRONG_PASSWORD", status: 401, detail: "Eski parol noto'g'ri" });
    };
    const error = await client
      .unwrap(
        client.api.PATCH("/api/auth/change-password", {
          body: { old_password: "x", new_password: "long-enough", confirm_password: "long-enough" },
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WRONG_PASSWORD", detail: "Eski parol noto'g'ri" });
    expect(refreshes).toBe(0);
    expect(session.getRefreshToken()).toBe("refresh-1");
  });

  it("sends nothing once the session has ended", async () => {
    let sent = 0;
    handler = async () => {
      sent += 1;
      return json(200, []);
    };
    session.end("logout");
    const error = await client.unwrap(client.api.GET("/api/card")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: "SESSION_ENDED" });
    expect(sent).toBe(0);
  });

  it("logs out: aborts requests in flight and sends nothing else until the server has revoked the session", async () => {
    const sent: string[] = [];
    let lateRequest: Promise<unknown> | undefined;
    handler = async (request) => {
      const { pathname } = new URL(request.url);
      sent.push(`${request.method} ${pathname} ${request.headers.get("Authorization")}`);
      if (pathname === "/api/auth/logout") {
        lateRequest = client.unwrap(client.api.GET("/api/card")).catch((e: unknown) => e);
        return json(200, { detail: "ok" });
      }
      // Answers only when aborted, like a slow request still running at logout.
      return new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    };
    const ended: string[] = [];
    const stop = session.onEnd((reason) => ended.push(reason));
    const inFlight = client.unwrap(client.api.GET("/api/auth/me")).catch((e: unknown) => e);
    await sleep(5);
    await client.logOut();
    stop();
    expect(await inFlight).toMatchObject({ code: "SESSION_ENDED" });
    expect(await lateRequest).toMatchObject({ code: "SESSION_ENDED" });
    expect(sent).toEqual([
      "GET /api/auth/me Bearer access-1",
      "POST /api/auth/logout Bearer access-1",
    ]);
    expect(ended).toEqual(["logout"]);
    expect(session.getRefreshToken()).toBeNull();
  });

  it("turns a network failure into a NETWORK_ERROR problem", async () => {
    handler = async () => {
      throw new TypeError("fetch failed");
    };
    const error = await client.unwrap(client.api.GET("/api/card")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "NETWORK_ERROR", transient: true });
  });
});
