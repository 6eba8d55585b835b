import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { newAdmin } from "../test/worker/admin";
import { openActiveCard, openCard, type TestCard } from "../test/worker/cards";
import { balanceOf, fund, query, setRole } from "../test/worker/db";
import { call, callJson, callWithEnv } from "../test/worker/http";
import { sendMoney } from "../test/worker/transfers";
import {
  bearer,
  login,
  me,
  newUser,
  type TestUser,
  uniqueIp,
  uniquePhone,
} from "../test/worker/users";
import { createApp } from "./app";
import { generateCardNumber } from "./lib/card-number";
import type { Problem } from "./lib/problem";

/**
 * The OWASP API Security Top 10 (2023), item by item, as it applies to this API.
 * Feature tests cover each rule in depth; these groups check every item across
 * the whole surface, enumerating routes from the OpenAPI document (and from the
 * routes the app serves) so that a newly added route cannot be forgotten.
 */

// ---- shared helpers -------------------------------------------------------------

const PROBLEM_MEMBERS = [
  "type",
  "title",
  "status",
  "detail",
  "code",
  "instance",
  "request_id",
  "errors",
];
const problemOf = async (response: Response) => (await response.json()) as Problem;

type Parameter = {
  name: string;
  in: string;
  schema?: { minimum?: number; maximum?: number };
};
type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  callbacks?: unknown;
};
type OpenApiDocument = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown> };
  webhooks?: Record<string, unknown>;
};
type DocumentedOperation = { method: string; path: string; operation: Operation };

const HTTP_METHODS = ["get", "post", "put", "patch", "delete"];

async function openApi(): Promise<OpenApiDocument> {
  const response = await call("/openapi.json");
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

async function documentedOperations(): Promise<DocumentedOperation[]> {
  const document = await openApi();
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

const routeKey = (operation: { method: string; path: string }) =>
  `${operation.method} ${operation.path}`;

/** Every route the app serves, documented or hidden, as "METHOD /path/{param}". */
function servedRoutes(): string[] {
  const routes = createApp()
    .routes.filter((route) => route.method !== "ALL")
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
  return [...new Set(routes)];
}

const splitRoute = (route: string) => {
  const [method = "", path = ""] = route.split(" ");
  return { method, path };
};

/** Fills every `{param}` of a documented path with a fresh UUID. */
const withRandomIds = (path: string) => path.replace(/\{\w+\}/g, () => crypto.randomUUID());

const saveCard = (
  user: TestUser,
  body: { card_number: string; card_holder_name: string; alias: string },
) => callJson("/api/saved-cards", "POST", body, bearer(user.accessToken));
const mask = (number: string) => `${number.slice(0, 4)} **** **** ${number.slice(-4)}`;
const marker = () => `Q${crypto.randomUUID().slice(0, 6)}`;

/** Everything the given users own, read straight from the database. */
async function ownedState(users: TestUser[]) {
  const ids = `{${users.map((user) => user.id).join(",")}}`;
  const rows = await query(sql`select json_build_object(
    'users', (select json_agg(json_build_object('id', u.id, 'role', u.role, 'name', u.full_name,
        'phone', u.phone_number, 'hash', u.password_hash) order by u.id)
      from users u where u.id = any(${ids}::uuid[])),
    'cards', (select json_agg(json_build_object('id', c.id, 'owner', c.user_id, 'number', c.card_number,
        'status', c.status, 'balance', c.balance::text, 'expiry', c.expiry_date) order by c.id)
      from cards c where c.user_id = any(${ids}::uuid[])),
    'saved_cards', (select json_agg(json_build_object('id', s.id, 'owner', s.owner_user_id,
        'number', s.card_number, 'alias', s.alias, 'holder', s.card_holder_name) order by s.id)
      from saved_cards s where s.owner_user_id = any(${ids}::uuid[])),
    'avatars', (select json_agg(json_build_object('id', a.id, 'key', a.object_key) order by a.id)
      from avatars a where a.user_id = any(${ids}::uuid[])),
    'subscriptions', (select count(*) from subscriptions s where s.user_id = any(${ids}::uuid[])),
    'transactions', (select count(*) from transactions t
      where t.from_card_id in (select id from cards where user_id = any(${ids}::uuid[]))
         or t.to_card_id in (select id from cards where user_id = any(${ids}::uuid[]))),
    'audit_entries', (select count(*) from audit_log l
      where l.entity_id = any(${ids}::text[])
         or l.entity_id in (select id::text from cards where user_id = any(${ids}::uuid[])))
  ) as state`);
  return rows[0]?.state;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const bytesOf = (text: string) => new TextEncoder().encode(text);
// A real 1×1 PNG and a minimal JPEG (only their magic bytes matter to the server).
const PNG = fromBase64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
);
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9,
]);

function imageForm(bytes: Uint8Array, type = "image/png", filename = "me.png") {
  const form = new FormData();
  form.append("image", new Blob([bytes], { type }), filename);
  return form;
}

function uploadAvatar(user: TestUser, form: FormData, path = "/api/avatar") {
  return call(path, { method: "POST", headers: bearer(user.accessToken), body: form });
}

const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

// ---- API1 ---------------------------------------------------------------------

/**
 * Every route that takes an id in its path, documented or served (the earlier
 * client's /api/saved-card alias is served but not documented). The coverage
 * test below fails when a route is added without a row here.
 */
const ID_ROUTES = [
  "GET /api/card/{id}",
  "PATCH /api/card/{id}/freeze",
  "PATCH /api/card/{id}/unfreeze",
  "GET /api/transactions/{id}",
  "GET /api/saved-cards/{id}",
  "PATCH /api/saved-cards/{id}",
  "DELETE /api/saved-cards/{id}",
  "GET /api/saved-card/{id}",
  "PATCH /api/saved-card/{id}",
  "DELETE /api/saved-card/{id}",
  "POST /api/avatar/{user_id}",
  "DELETE /api/avatar/{user_id}",
  "GET /api/avatar/image/{avatar_id}",
  "POST /api/subscription/{card_id}",
  "GET /api/admin/one-users/{user_id}",
  "GET /api/admin/one-card/{card_id}",
  "GET /api/admin/one-transaction/{transaction_id}",
  "PATCH /api/admin/status-card/{card_id}",
  "PATCH /api/admin/user-role/{user_id}",
  "GET /api/admin/verify-balance/{card_id}",
  "GET /api/admin/verify_balance/{card_id}",
] as const;
type IdRoute = (typeof ID_ROUTES)[number];

interface World {
  victim: TestUser;
  attacker: TestUser;
  admin: TestUser;
  active: TestCard;
  frozen: TestCard;
  attackerCard: TestCard;
  savedCardId: string;
  avatarId: string;
  transactionId: string;
}

interface Attempt {
  /** the attacker's request */
  path: string;
  init: RequestInit;
  status: number;
  code: string | null;
  /** who may legitimately read this id (proves the id is real, so the refusal is not vacuous) */
  rightfulReader?: "victim" | "admin";
}

function attemptOn(route: IdRoute, w: World): Attempt {
  const auth = bearer(w.attacker.accessToken);
  const asAttacker = (method: string): RequestInit => ({ method, headers: auth });
  const cardNotFound = { status: 404, code: "CARD_NOT_FOUND" };
  const savedNotFound = { status: 404, code: "SAVED_CARD_NOT_FOUND" };
  const notAdmin = { status: 403, code: "FORBIDDEN", rightfulReader: "admin" as const };
  const notYours = { status: 403, code: "NOT_YOUR_PROFILE" };
  const attempts: Record<IdRoute, Attempt> = {
    "GET /api/card/{id}": {
      path: `/api/card/${w.active.id}`,
      init: asAttacker("GET"),
      ...cardNotFound,
      rightfulReader: "victim",
    },
    "PATCH /api/card/{id}/freeze": {
      path: `/api/card/${w.active.id}/freeze`,
      init: asAttacker("PATCH"),
      ...cardNotFound,
    },
    "PATCH /api/card/{id}/unfreeze": {
      path: `/api/card/${w.frozen.id}/unfreeze`,
      init: asAttacker("PATCH"),
      ...cardNotFound,
    },
    "GET /api/transactions/{id}": {
      path: `/api/transactions/${w.transactionId}`,
      init: asAttacker("GET"),
      status: 404,
      code: "TRANSACTION_NOT_FOUND",
      rightfulReader: "victim",
    },
    // The same three routes at both documented paths.
    ...Object.fromEntries(
      ["saved-cards", "saved-card"].flatMap((base) => [
        [
          `GET /api/${base}/{id}`,
          {
            path: `/api/${base}/${w.savedCardId}`,
            init: asAttacker("GET"),
            ...savedNotFound,
            rightfulReader: "victim" as const,
          },
        ],
        [
          `PATCH /api/${base}/{id}`,
          {
            path: `/api/${base}/${w.savedCardId}`,
            init: jsonInit("PATCH", { alias: "Hacked" }, auth),
            ...savedNotFound,
          },
        ],
        [
          `DELETE /api/${base}/{id}`,
          { path: `/api/${base}/${w.savedCardId}`, init: asAttacker("DELETE"), ...savedNotFound },
        ],
      ]),
    ),
    "POST /api/avatar/{user_id}": {
      path: `/api/avatar/${w.victim.id}`,
      init: { method: "POST", headers: auth, body: imageForm(JPEG, "image/jpeg", "x.jpg") },
      ...notYours,
    },
    "DELETE /api/avatar/{user_id}": {
      path: `/api/avatar/${w.victim.id}`,
      init: asAttacker("DELETE"),
      ...notYours,
    },
    // Public by design (an <img src>): the id is random and changes on every upload.
    "GET /api/avatar/image/{avatar_id}": {
      path: `/api/avatar/image/${w.avatarId}`,
      init: {},
      status: 200,
      code: null,
    },
    "POST /api/subscription/{card_id}": {
      path: `/api/subscription/${w.active.id}`,
      init: { method: "POST", headers: { ...auth, "Idempotency-Key": crypto.randomUUID() } },
      ...cardNotFound,
    },
    "GET /api/admin/one-users/{user_id}": {
      path: `/api/admin/one-users/${w.victim.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/one-card/{card_id}": {
      path: `/api/admin/one-card/${w.active.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/one-transaction/{transaction_id}": {
      path: `/api/admin/one-transaction/${w.transactionId}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "PATCH /api/admin/status-card/{card_id}": {
      path: `/api/admin/status-card/${w.frozen.id}?status=active`,
      init: asAttacker("PATCH"),
      ...notAdmin,
      rightfulReader: undefined,
    },
    "PATCH /api/admin/user-role/{user_id}": {
      path: `/api/admin/user-role/${w.victim.id}?action=user`,
      init: asAttacker("PATCH"),
      ...notAdmin,
      rightfulReader: undefined,
    },
    "GET /api/admin/verify-balance/{card_id}": {
      path: `/api/admin/verify-balance/${w.active.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/verify_balance/{card_id}": {
      path: `/api/admin/verify_balance/${w.active.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
  };
  return attempts[route];
}

describe("API1:2023 broken object level authorization", () => {
  let world: World;

  beforeAll(async () => {
    const victim = await newUser("Dilshod Rasulov");
    await setRole(victim.id, "premium"); // two cards: one active, one frozen
    const active = await openActiveCard(victim);
    const frozen = await openCard(victim);
    await fund(active.card_number, 500_000_00n);
    const saved = await saveCard(victim, {
      card_number: generateCardNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Akam",
    });
    expect(saved.status).toBe(201);
    const avatar = await uploadAvatar(victim, imageForm(PNG));
    expect(avatar.status).toBe(201);
    const [deposit] = await query(
      sql`select id from transactions where to_card_id = ${active.id} and type = 'deposit'`,
    );

    const attacker = await newUser("Jasur Hakimov");
    const attackerCard = await openActiveCard(attacker);
    // Funded, so a purchase with the victim's card id could not fail for lack of money.
    await fund(attackerCard.card_number, 200_000_00n);
    world = {
      victim,
      attacker,
      admin: await newAdmin(),
      active,
      frozen,
      attackerCard,
      savedCardId: ((await saved.json()) as { id: string }).id,
      avatarId: ((await avatar.json()) as { avatar: { id: string } }).avatar.id,
      transactionId: deposit?.id as string,
    };
  });

  it("has a row for every documented or served route that takes an id", async () => {
    const documented = (await documentedOperations()).map(routeKey);
    const withIds = [...new Set([...documented, ...servedRoutes()])]
      .filter((route) => route.includes("{"))
      .sort();
    expect(withIds).toEqual([...ID_ROUTES].sort());
  });

  it.each(ID_ROUTES)("%s with another user's id is refused and changes nothing", async (route) => {
    const attempt = attemptOn(route, world);
    const before = await ownedState([world.victim, world.attacker]);

    const response = await call(attempt.path, attempt.init);
    const text = await response.text();
    expect(response.status, text).toBe(attempt.status);
    if (attempt.code) {
      expect((JSON.parse(text) as Problem).code).toBe(attempt.code);
      // The refusal says nothing about the object or its owner.
      for (const secret of [
        world.active.card_number,
        world.frozen.card_number,
        world.victim.phone,
        "Rasulov",
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(await ownedState([world.victim, world.attacker])).toEqual(before);

    if (attempt.rightfulReader) {
      const reader = attempt.rightfulReader === "victim" ? world.victim : world.admin;
      const rightful = await call(attempt.path, { headers: bearer(reader.accessToken) });
      expect(rightful.status, `${route} for its rightful reader`).toBe(200);
    }
  });

  it("refuses another user's card id in bodies and queries too (transfer, history)", async () => {
    const before = await ownedState([world.victim, world.attacker]);
    const transfer = await sendMoney(world.attacker, {
      from_card_id: world.active.id,
      to_card_number: world.attackerCard.card_number,
      amount: "100000",
    });
    expect(transfer.status).toBe(404);
    expect((await problemOf(transfer)).code).toBe("SENDER_CARD_NOT_FOUND");

    const history = await call(`/api/transactions?card_id=${world.active.id}`, {
      headers: bearer(world.attacker.accessToken),
    });
    expect(history.status).toBe(404);
    expect((await problemOf(history)).code).toBe("CARD_NOT_FOUND");
    expect(await ownedState([world.victim, world.attacker])).toEqual(before);
    expect(await balanceOf(world.active.card_number)).toBe(500_000_00n);
  });
});

// ---- API2 ---------------------------------------------------------------------

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const refresh = (token: string) => callJson("/api/auth/refresh", "POST", { refresh_token: token });

describe("API2:2023 broken authentication", () => {
  it("refuses forged, expired, mistyped and session-less access tokens on reads and writes", async () => {
    const user = await newUser();
    const other = await newUser();
    const claims = decodeJwt(user.accessToken);
    const secret = new TextEncoder().encode(String(env.JWT_SECRET));
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: Record<string, unknown>, key = secret) =>
      new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);

    const forged: Record<string, string> = {
      "alg none": `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.`,
      "alg none, empty signature dropped": `${b64url({ alg: "none" })}.${b64url(claims)}`,
      "signed with a wrong key": await sign(
        claims,
        new TextEncoder().encode("not-the-server-secret-but-long-enough-0123456789"),
      ),
      expired: await sign({ ...claims, iat: now - 3600, exp: now - 1 }),
      "a refresh token": user.refreshToken,
      "another issuer": await sign({ ...claims, iss: "somebody-else" }),
      // Even with the right key, a token is honoured only for its own live session.
      "a session that does not exist": await sign({ ...claims, sid: crypto.randomUUID() }),
      "another user's id in this session": await sign({ ...claims, sub: other.id }),
    };
    const before = await ownedState([user, other]);
    for (const [label, token] of Object.entries(forged)) {
      for (const [method, path] of [
        ["GET", "/api/auth/me"],
        ["POST", "/api/card"],
        ["GET", "/api/card"],
      ] as const) {
        const response = await call(path, { method, headers: bearer(token) });
        expect(response.status, `${label}: ${method} ${path}`).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe("Bearer");
        expect((await problemOf(response)).code).toBe("INVALID_TOKEN");
      }
    }
    expect(await ownedState([user, other])).toEqual(before);
    expect((await me(user.accessToken)).status).toBe(200); // the genuine token still works
  });

  it("never accepts an access token or a forged token as a refresh token", async () => {
    const user = await newUser();
    const claims = decodeJwt(user.refreshToken);
    for (const token of [user.accessToken, `${b64url({ alg: "none" })}.${b64url(claims)}.`]) {
      const response = await refresh(token);
      expect(response.status).toBe(401);
      expect((await problemOf(response)).code).toBe("INVALID_REFRESH_TOKEN");
    }
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it("revokes the whole session family when a rotated refresh token is replayed", async () => {
    const user = await newUser();
    const rotated = (await (await refresh(user.refreshToken)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect((await me(rotated.access_token)).status).toBe(200);

    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect((await problemOf(replay)).code).toBe("REFRESH_TOKEN_REVOKED");
    expect((await me(rotated.access_token)).status).toBe(401);
    expect((await refresh(rotated.refresh_token)).status).toBe(401);
    // The account is not locked: the owner logs in again.
    expect((await login(user.phone, user.password, user.ip)).status).toBe(200);
  });

  it("rotates a refresh token raced twice at most once", async () => {
    const user = await newUser();
    const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it("locks a brute-forcing IP out with 429 and Retry-After, even for the right password", async () => {
    const victim = await newUser();
    const ip = uniqueIp();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await login(uniquePhone(), `guess-${attempt}-password`, ip);
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const blocked = await login(victim.phone, victim.password, ip);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = (await blocked.json()) as Record<string, unknown>;
    expect(body.code).toBe("RATE_LIMITED");
    expect(body).not.toHaveProperty("access_token");
    // The lock is on the attacker's IP, not a denial of service on the account.
    expect((await login(victim.phone, victim.password)).status).toBe(200);
  });

  it("limits password guessing through change-password with a stolen access token", async () => {
    const user = await newUser();
    const change = (oldPassword: string) =>
      callJson(
        "/api/auth/change-password",
        "PATCH",
        {
          old_password: oldPassword,
          new_password: "taken-over-123",
          confirm_password: "taken-over-123",
        },
        bearer(user.accessToken),
      );
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await change(`guess-${attempt}-password`);
      expect(response.status, `attempt ${attempt}`).toBe(401);
      expect((await problemOf(response)).code).toBe("WRONG_PASSWORD");
    }
    const before = await ownedState([user]);
    const limited = await change(user.password);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await ownedState([user])).toEqual(before); // the hash did not change
    expect((await me(user.accessToken)).status).toBe(200);
  });

  it("requires a bearer token on every operation the document marks as secured", async () => {
    const operations = await documentedOperations();
    const secured = operations.filter((op) => op.operation.security?.length);
    expect(secured.length).toBeGreaterThan(35);
    for (const { method, path } of secured) {
      for (const authorization of [null, "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer x.y.z"]) {
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (authorization) headers.Authorization = authorization;
        const body = method === "GET" || method === "DELETE" ? undefined : "{}";
        const response = await call(withRandomIds(path), { method, headers, body });
        const where = `${method} ${path} with ${authorization ?? "no credentials"}`;
        expect(response.status, where).toBe(401);
        expect(response.headers.get("www-authenticate"), where).toBe("Bearer");
        expect((await problemOf(response)).code, where).toBe("INVALID_TOKEN");
      }
    }
    // What stays public is a short, deliberate list.
    expect(
      operations
        .filter((op) => !op.operation.security?.length)
        .map(routeKey)
        .sort(),
    ).toEqual(
      [
        "GET /",
        "GET /api/health",
        "POST /api/auth/register",
        "POST /api/auth/login",
        "POST /api/auth/refresh",
        "GET /api/subscription/price",
        "GET /api/avatar/image/{avatar_id}",
      ].sort(),
    );
  });
});

// ---- API3 ---------------------------------------------------------------------

/** Walks a JSON value and returns every key and every string in it. */
function keysAndStrings(value: unknown, keys: string[] = [], strings: string[] = []) {
  if (typeof value === "string") strings.push(value);
  else if (Array.isArray(value)) for (const item of value) keysAndStrings(item, keys, strings);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      keys.push(key);
      keysAndStrings(item, keys, strings);
    }
  }
  return { keys, strings };
}

describe("API3:2023 broken object property level authorization", () => {
  const PRIVILEGED: [string, unknown][] = [
    ["role", "admin"],
    ["is_admin", true],
    ["isAdmin", true],
    ["balance", "99999999.00"],
    ["id", "11111111-1111-4111-8111-111111111111"],
    ["user_id", "11111111-1111-4111-8111-111111111111"],
    ["status", "active"],
    ["password_hash", "$2a$04$abcdefghijklmnopqrstuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"],
    ["created_at", "2000-01-01T00:00:00Z"],
  ];

  it("register ignores privileged fields: the stored user is a plain user with a fresh id", async () => {
    const phone = uniquePhone();
    const response = await callJson(
      "/api/auth/register",
      "POST",
      {
        full_name: "Mass Assignment",
        phone_number: phone,
        password: "secret-password",
        ...Object.fromEntries(PRIVILEGED),
      },
      { "CF-Connecting-IP": uniqueIp() },
    );
    expect(response.status).toBe(201);
    const user = (await response.json()) as { id: string; role: string; created_at: string };
    expect(user.role).toBe("user");
    expect(user.id).not.toBe("11111111-1111-4111-8111-111111111111");
    expect(user.created_at).not.toMatch(/^2000/);
    const [row] = await query(
      sql`select role, password_hash, created_at from users where phone_number = ${phone}`,
    );
    expect(row?.role).toBe("user");
    expect(String(row?.password_hash)).not.toContain("abcdefghijklmnopqrst");
    expect((await login(phone, "secret-password")).status).toBe(200);
  });

  it("PATCH /api/auth/me refuses every privileged field with 422 and applies nothing", async () => {
    const user = await newUser();
    const before = await ownedState([user]);
    for (const [field, value] of PRIVILEGED) {
      const response = await callJson(
        "/api/auth/me",
        "PATCH",
        { full_name: "Changed Name", [field]: value },
        bearer(user.accessToken),
      );
      expect(response.status, field).toBe(422);
      expect((await problemOf(response)).code).toBe("VALIDATION_ERROR");
    }
    expect(await ownedState([user])).toEqual(before);
  });

  it("opening a card ignores any body: zero balance, frozen, the caller's own", async () => {
    const user = await newUser();
    const other = await newUser();
    const otherBefore = await ownedState([other]);
    const response = await callJson(
      "/api/card",
      "POST",
      {
        balance: "1000000.00",
        status: "active",
        user_id: other.id,
        card_number: "7777000000000000",
        expiry_date: "2099-01-01",
        id: "11111111-1111-4111-8111-111111111111",
      },
      bearer(user.accessToken),
    );
    expect(response.status).toBe(201);
    const card = (await response.json()) as TestCard & { user_id: string };
    expect(card).toMatchObject({ balance: "0.00", status: "frozen", user_id: user.id });
    expect(card.card_number).not.toBe("7777000000000000");
    expect(card.expiry_date).not.toBe("2099-01-01");
    expect(card.id).not.toBe("11111111-1111-4111-8111-111111111111");
    expect(await balanceOf(card.card_number)).toBe(0n);
    expect(await ownedState([other])).toEqual(otherBefore);
  });

  it("saved cards refuse owner and id fields on create and rename", async () => {
    const user = await newUser();
    const victim = await newUser();
    const created = await saveCard(user, {
      card_number: generateCardNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Mine",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const before = await ownedState([user, victim]);

    for (const extra of [
      { owner_user_id: victim.id },
      { user_id: victim.id },
      { id: crypto.randomUUID() },
      { is_admin: true },
    ]) {
      const create = await callJson(
        "/api/saved-cards",
        "POST",
        {
          card_number: generateCardNumber(),
          card_holder_name: "Ali Valiyev",
          alias: "X",
          ...extra,
        },
        bearer(user.accessToken),
      );
      expect(create.status, JSON.stringify(extra)).toBe(422);
      const rename = await callJson(
        `/api/saved-cards/${id}`,
        "PATCH",
        { alias: "Renamed", ...extra },
        bearer(user.accessToken),
      );
      expect(rename.status, JSON.stringify(extra)).toBe(422);
    }
    expect(await ownedState([user, victim])).toEqual(before);
  });

  it("a transfer refuses commission, status, type and owner fields with 422 and moves nothing", async () => {
    const sender = await newUser();
    const receiver = await newUser();
    const from = await openActiveCard(sender);
    const to = await openActiveCard(receiver);
    await fund(from.card_number, 100_000_00n);
    const before = await ownedState([sender, receiver]);
    for (const extra of [
      { commission: "0" },
      { status: "success" },
      { type: "deposit" },
      { user_id: receiver.id },
      { balance: "1" },
      { initiated_by: receiver.id },
    ]) {
      const response = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: "5000",
        ...extra,
      });
      expect(response.status, JSON.stringify(extra)).toBe(422);
    }
    expect(await ownedState([sender, receiver])).toEqual(before);
  });

  it("no response carries a password hash or anything like it", async () => {
    const name = `${marker()} Karimova`;
    const phone = uniquePhone();
    const ip = uniqueIp();
    const registered = await callJson(
      "/api/auth/register",
      "POST",
      { full_name: name, phone_number: phone, password: "secret-password" },
      { "CF-Connecting-IP": ip },
    );
    const { id } = (await registered.clone().json()) as { id: string };
    const loggedIn = await login(phone, "secret-password", ip);
    const { access_token: accessToken, refresh_token: refreshToken } = (await loggedIn
      .clone()
      .json()) as { access_token: string; refresh_token: string };
    await openCard({ id, phone, password: "secret-password", ip, accessToken, refreshToken });
    const admin = await newAdmin();
    const asAdmin = { headers: bearer(admin.accessToken) };
    const responses = [
      registered,
      loggedIn,
      await me(accessToken),
      await callJson("/api/auth/me", "PATCH", { full_name: name }, bearer(accessToken)),
      await call(`/api/admin/all-users?search_name=${encodeURIComponent(name)}`, asAdmin),
      await call(`/api/admin/one-users/${id}`, asAdmin),
      await call(`/api/admin/all-cards?search_owner=${encodeURIComponent(name)}`, asAdmin),
    ];
    for (const response of responses) {
      expect(response.status, response.url).toBeLessThan(300);
      const { keys, strings } = keysAndStrings(await response.json());
      expect(
        keys.filter((key) => /pass|hash|secret|salt/i.test(key)),
        response.url,
      ).toEqual([]);
      expect(
        strings.filter((text) => /^\$2[aby]?\$\d\d\$/.test(text)),
        response.url,
      ).toEqual([]);
    }
  });

  it("other people's card numbers and names are masked wherever a user sees them", async () => {
    const surname = marker();
    const sender = await newUser(`Alisher ${surname}`);
    const receiver = await newUser("Bobur Karimov");
    const from = await openActiveCard(sender);
    const to = await openActiveCard(receiver);
    await fund(from.card_number, 100_000_00n);
    const receipt = (await (
      await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: 5000,
      })
    ).json()) as { id: string };

    const stranger = await newUser();
    // [response, whether the full number may appear: a saved card shows the number its saver typed]
    const views: [Response, boolean][] = [
      [
        await call(`/api/transactions/${receipt.id}`, { headers: bearer(receiver.accessToken) }),
        false,
      ],
      [await call("/api/transactions", { headers: bearer(receiver.accessToken) }), false],
      [
        await call(`/api/card/lookup?number=${from.card_number}`, {
          headers: bearer(stranger.accessToken),
        }),
        false,
      ],
      [
        await saveCard(stranger, {
          card_number: from.card_number,
          card_holder_name: `Alisher ${surname}`,
          alias: "Ali",
        }),
        true,
      ],
      [await call("/api/saved-cards", { headers: bearer(stranger.accessToken) }), true],
    ];
    for (const [response, typedBySaver] of views) {
      const text = await response.text();
      expect(response.status, text).toBeLessThan(300);
      if (!typedBySaver) {
        expect(text).not.toContain(from.card_number);
        expect(text).toContain(mask(from.card_number));
      }
      expect(text).not.toContain(surname);
      expect(text).toContain(`Alisher ${surname[0]}.`);
    }
  });
});

// ---- API4 ---------------------------------------------------------------------

describe("API4:2023 unrestricted resource consumption", () => {
  const OVERSIZED = JSON.stringify({ padding: "x".repeat(65 * 1024) });

  it("refuses a JSON body over 64 KiB with 413 on every documented JSON operation", async () => {
    const user = await newUser();
    const jsonOperations = (await documentedOperations()).filter(
      (op) => op.operation.requestBody?.content?.["application/json"],
    );
    expect(jsonOperations.map(routeKey)).toEqual(
      expect.arrayContaining([
        "POST /api/auth/register",
        "POST /api/auth/login",
        "POST /api/transactions",
        "POST /api/saved-cards",
        "POST /api/admin/deposit",
      ]),
    );
    for (const { method, path } of jsonOperations) {
      for (const headers of [{}, bearer(user.accessToken)]) {
        const response = await call(withRandomIds(path), {
          method,
          headers: {
            ...headers,
            "Content-Type": "application/json",
            "CF-Connecting-IP": uniqueIp(),
          },
          body: OVERSIZED,
        });
        expect(response.status, `${method} ${path}`).toBe(413);
        expect((await problemOf(response)).code).toBe("PAYLOAD_TOO_LARGE");
      }
    }
  });

  it("counts a streamed body without Content-Length too, and lets a body under the cap through", async () => {
    const bytes = bytesOf(OVERSIZED);
    const streamed = await call("/api/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueIp() },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < bytes.length; offset += 8192)
            controller.enqueue(bytes.subarray(offset, offset + 8192));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const underCap = await callJson(
      "/api/auth/register",
      "POST",
      {
        full_name: "x".repeat(60 * 1024),
        phone_number: uniquePhone(),
        password: "secret-password",
      },
      { "CF-Connecting-IP": uniqueIp() },
    );
    expect(underCap.status).toBe(422); // read and validated, not refused for its size
  });

  it("caps `limit` and refuses zero or negative pages on every paginated operation", async () => {
    const user = await newUser();
    const admin = await newAdmin();
    const paginated = (await documentedOperations()).filter((op) =>
      op.operation.parameters?.some((p) => p.in === "query" && p.name === "limit"),
    );
    expect(paginated.map(routeKey)).toEqual(
      expect.arrayContaining([
        "GET /api/transactions",
        "GET /api/saved-cards",
        "GET /api/admin/all-users",
        "GET /api/admin/all-cards",
        "GET /api/admin/all-transactions",
        "GET /api/admin/verify-all-balance",
        "GET /api/admin/audit-log",
      ]),
    );
    for (const { method, path, operation } of paginated) {
      const parameters = operation.parameters ?? [];
      const max = parameters.find((p) => p.name === "limit")?.schema?.maximum;
      expect(max, path).toBeDefined();
      expect(max, path).toBeLessThanOrEqual(100);
      expect(parameters.find((p) => p.name === "page")?.schema?.minimum, path).toBe(1);
      const caller = path.startsWith("/api/admin/") ? admin : user;
      const get = (search: string) =>
        call(`${path}?${search}`, { method, headers: bearer(caller.accessToken) });

      expect((await get(`limit=${max}`)).status, `${path} limit=${max}`).toBe(200);
      for (const search of [
        `limit=${Number(max) + 1}`,
        "limit=1000000000",
        "limit=0",
        "limit=-1",
        "limit=1e3",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=99999999999",
      ]) {
        const response = await get(search);
        expect(response.status, `${path}?${search}`).toBe(422);
        expect((await problemOf(response)).code).toBe("VALIDATION_ERROR");
      }
    }
  });

  it("refuses an avatar over 5 MiB with 413 and stores nothing", async () => {
    const user = await newUser();
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    bytes.set(PNG.subarray(0, 8));
    const response = await uploadAvatar(user, imageForm(bytes));
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe("IMAGE_TOO_LARGE");
    const [avatar] = await query(sql`select id from avatars where user_id = ${user.id}`);
    expect(avatar).toBeUndefined();
    expect((await env.AVATARS.list({ prefix: `avatars/${user.id}/` })).objects).toEqual([]);
  });
});

// ---- API5 ---------------------------------------------------------------------

describe("API5:2023 broken function level authorization", () => {
  it("refuses every admin operation to anonymous (401), user and premium (403), and opens it to admins", async () => {
    const documented = (await documentedOperations()).map(routeKey);
    const adminRoutes = [...new Set([...documented, ...servedRoutes()])]
      .filter((route) => splitRoute(route).path.startsWith("/api/admin"))
      .sort();
    expect(adminRoutes.length).toBeGreaterThanOrEqual(16);
    // Every served admin route is documented, so none hides from this list.
    expect(adminRoutes.filter((route) => !documented.includes(route))).toEqual([]);

    const user = await newUser();
    const premium = await newUser();
    await setRole(premium.id, "premium");
    const admin = await newAdmin();
    for (const route of adminRoutes) {
      const { method, path } = splitRoute(route);
      const url = withRandomIds(path);
      const send = (caller: TestUser | null) =>
        call(url, {
          method,
          headers: {
            "Content-Type": "application/json",
            ...(caller ? bearer(caller.accessToken) : {}),
          },
          body: method === "GET" ? undefined : "{}",
        });
      expect((await send(null)).status, `${route} anonymous`).toBe(401);
      for (const caller of [user, premium]) {
        const refused = await send(caller);
        expect(refused.status, route).toBe(403);
        expect((await problemOf(refused)).code).toBe("FORBIDDEN");
      }
      // Random ids and empty bodies: an admin gets 200/4xx, but never the role gate's answers.
      const opened = (await send(admin)).status;
      expect([401, 403], `${route} for an admin`).not.toContain(opened);
      expect(opened, route).toBeLessThan(500);
    }
  });

  it("a user cannot promote themselves, activate their card or fund it through admin routes", async () => {
    const user = await newUser();
    const card = await openCard(user); // frozen
    await setRole(user.id, "premium");
    const before = await ownedState([user]);
    const headers = bearer(user.accessToken);
    const attempts = [
      await call(`/api/admin/user-role/${user.id}?action=premium`, { method: "PATCH", headers }),
      await call(`/api/admin/status-card/${card.id}?status=active`, { method: "PATCH", headers }),
      await callJson(
        "/api/admin/deposit",
        "POST",
        { to_card_number: card.card_number, amount: "1000000" },
        { ...headers, "Idempotency-Key": crypto.randomUUID() },
      ),
    ];
    for (const response of attempts) expect(response.status).toBe(403);
    expect(await ownedState([user])).toEqual(before);
  });
});

// ---- API6 ---------------------------------------------------------------------

describe("API6:2023 unrestricted access to sensitive business flows", () => {
  it("card lookup answers masked, treats inactive cards as unknown, and stops enumeration at 20/min", async () => {
    const surname = marker();
    const owner = await newUser(`Sevara ${surname}`);
    const card = await openActiveCard(owner);
    const frozen = await openCard(await newUser());
    const prober = await newUser();
    const lookup = (number: string, who = prober) =>
      call(`/api/card/lookup?number=${number}`, { headers: bearer(who.accessToken) });

    const found = await lookup(card.card_number);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({
      card_number: mask(card.card_number),
      owner_name: `Sevara ${surname[0]}.`,
    });

    const unknown = await lookup(generateCardNumber());
    const inactive = await lookup(frozen.card_number);
    expect([unknown.status, inactive.status]).toEqual([404, 404]);
    const strip = (problem: Problem) => ({ ...problem, request_id: undefined });
    expect(strip(await problemOf(inactive))).toEqual(strip(await problemOf(unknown)));

    for (let i = 3; i < 20; i++) expect((await lookup(generateCardNumber())).status).toBe(404);
    const limited = await lookup(card.card_number);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const text = JSON.stringify({ ...(await problemOf(limited)), request_id: undefined });
    expect(text).not.toContain(card.card_number.slice(-4));
    expect(text).not.toContain(surname);
    // The limit is per caller: another user is not affected.
    expect((await lookup(card.card_number, await newUser())).status).toBe(200);
  });

  it("a transfer to an unknown number reveals only the documented 404, and probing is rate limited", async () => {
    const sender = await newUser();
    const from = await openActiveCard(sender);
    await fund(from.card_number, 100_000_00n);
    const before = await ownedState([sender]);
    for (let attempt = 1; attempt <= 30; attempt++) {
      const number = generateCardNumber();
      const response = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: number,
        amount: "2000",
      });
      expect(response.status, `attempt ${attempt}`).toBe(404);
      const problem = await problemOf(response);
      expect(problem.code).toBe("RECEIVER_CARD_NOT_FOUND");
      expect(Object.keys(problem).filter((key) => !PROBLEM_MEMBERS.includes(key))).toEqual([]);
      expect(JSON.stringify(problem)).not.toContain(number.slice(4));
    }
    const limited = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: generateCardNumber(),
      amount: "2000",
    });
    expect(limited.status).toBe(429);
    expect(await ownedState([sender])).toEqual(before); // nothing recorded, nothing moved
  });

  it("saving cards shares the lookup limit, so it cannot enumerate numbers around it", async () => {
    const owner = await newUser();
    const card = await openActiveCard(owner);
    const prober = await newUser();
    const save = (number: string) =>
      saveCard(prober, { card_number: number, card_holder_name: "Probe", alias: "probe" });
    const lookup = await call(`/api/card/lookup?number=${card.card_number}`, {
      headers: bearer(prober.accessToken),
    });
    expect(lookup.status).toBe(200);
    for (let i = 1; i < 20; i++) expect((await save(generateCardNumber())).status).toBe(201);
    const limited = await save(card.card_number);
    expect(limited.status).toBe(429);
    const { total } = (await (
      await call("/api/saved-cards?limit=100", { headers: bearer(prober.accessToken) })
    ).json()) as { total: number };
    expect(total).toBe(19); // the refused save stored nothing
  });

  it("saved-card search cannot be used to probe a Cho'ntak card owner's full name", async () => {
    const surname = marker();
    const owner = await newUser(`Bobur ${surname}`);
    const card = await openActiveCard(owner);
    const user = await newUser();
    const saved = await saveCard(user, {
      card_number: card.card_number,
      card_holder_name: `Bobur ${surname}`,
      alias: "Bobur",
    });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { card_holder_name: string }).card_holder_name).toBe(
      `Bobur ${surname[0]}.`,
    );
    const search = async (query: string) => {
      const response = await call(`/api/saved-cards?${query}`, {
        headers: bearer(user.accessToken),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(surname);
      return (JSON.parse(text) as { total: number }).total;
    };
    expect(await search(`search_owner=${surname}`)).toBe(0);
    expect(await search(`search_owner=${surname.slice(0, 3)}`)).toBe(0);
    expect(await search("search_owner=Bobur")).toBe(1);
  });
});

// ---- API7 ---------------------------------------------------------------------

/** SQL and LIKE metacharacters, and an injection attempt. */
const HOSTILE = ["%", "_", "\\", "%%%%", "____", "'; drop table users; --", "' or '1'='1"];

describe("API7:2023 server side request forgery", () => {
  // No SSRF surface: the API never fetches a URL taken from input. What it does take
  // is search text and filters, so those must reach the database as literal values.

  it("admin user and card searches take SQL and LIKE metacharacters literally", async () => {
    const m = marker();
    const names = {
      percent: `${m} 100%_off`,
      plain: `${m} 100ab`,
      injection: `${m}'; drop table users; --`,
      backslash: `${m} back\\slash`,
    };
    const people = Object.fromEntries(
      await Promise.all(
        Object.entries(names).map(async ([key, name]) => {
          const person = await newUser(name);
          await openCard(person);
          return [key, person.id] as const;
        }),
      ),
    ) as Record<keyof typeof names, string>;
    const admin = await newAdmin();
    const expected: [string, (keyof typeof names)[]][] = [
      [`${m} 100%`, ["percent"]],
      [`${m} 100_`, []],
      [`${m} 100%_`, ["percent"]],
      [`${m}%`, []],
      [`${m}_`, []],
      [`${m}'; drop table users; --`, ["injection"]],
      [`${m}' or '1'='1`, []],
      [`${m} back\\`, ["backslash"]],
      [`${m} back\\slash`, ["backslash"]],
      [`${m} back\\\\`, []],
    ];
    for (const [search, keys] of expected) {
      const ids = keys.map((key) => people[key]).sort();
      const users = await call(
        `/api/admin/all-users?limit=100&search_name=${encodeURIComponent(search)}`,
        { headers: bearer(admin.accessToken) },
      );
      expect(users.status, search).toBe(200);
      const userPage = (await users.json()) as { data: { id: string }[] };
      expect(userPage.data.map((u) => u.id).sort(), `users ${search}`).toEqual(ids);

      const cards = await call(
        `/api/admin/all-cards?limit=100&search_owner=${encodeURIComponent(search)}`,
        { headers: bearer(admin.accessToken) },
      );
      expect(cards.status, search).toBe(200);
      const cardPage = (await cards.json()) as { data: { user_id: string }[] };
      expect(cardPage.data.map((c) => c.user_id).sort(), `cards ${search}`).toEqual(ids);
    }
    // Digits-only columns contain no metacharacter, so a literal search finds nothing.
    for (const search of HOSTILE) {
      for (const [path, total] of [
        ["/api/admin/all-users?search_number=", "total"],
        ["/api/admin/all-cards?search_card_number=", "total"],
        ["/api/admin/verify-all-balance?search_number=", "total_cards"],
      ] as const) {
        const response = await call(`${path}${encodeURIComponent(search)}`, {
          headers: bearer(admin.accessToken),
        });
        expect(response.status, `${path}${search}`).toBe(200);
        expect(((await response.json()) as Record<string, number>)[total]).toBe(0);
      }
    }
    const [count] = await query(
      sql`select count(*)::int as n from users where full_name like ${`${m}%`}`,
    );
    expect(count?.n).toBe(4);
  });

  it("saved-card searches take metacharacters literally", async () => {
    const user = await newUser();
    for (const alias of ["100%_off", "100ab", "back\\slash"]) {
      const response = await saveCard(user, {
        card_number: generateCardNumber(),
        card_holder_name: "Ali Valiyev",
        alias,
      });
      expect(response.status).toBe(201);
    }
    const aliases = async (query: string) => {
      const response = await call(`/api/saved-cards?${query}`, {
        headers: bearer(user.accessToken),
      });
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { data: { alias: string }[] }).data
        .map((card) => card.alias)
        .sort();
    };
    expect(await aliases(`search_alias=${encodeURIComponent("100%")}`)).toEqual(["100%_off"]);
    expect(await aliases(`search_alias=${encodeURIComponent("100_")}`)).toEqual([]);
    expect(await aliases(`search_alias=${encodeURIComponent("k\\s")}`)).toEqual(["back\\slash"]);
    expect(await aliases(`search_alias=${encodeURIComponent("k\\\\")}`)).toEqual([]);
    for (const search of HOSTILE.filter((s) => s.length >= 4)) {
      for (const field of ["search_number", "search_alias", "search_owner"]) {
        expect(await aliases(`${field}=${encodeURIComponent(search)}`), field).toEqual([]);
      }
    }
  });

  it("typed filters (history, admin transactions, lookup, path ids) refuse such text with 422", async () => {
    const user = await newUser();
    const admin = await newAdmin();
    const targets: [TestUser, string][] = [
      ...[
        "card_id",
        "start_date",
        "end_date",
        "amount",
        "min_amount",
        "max_amount",
        "direction",
        "status",
        "type",
      ].map((name) => [user, `/api/transactions?${name}=`] as [TestUser, string]),
      ...["card_number", "min_amount", "max_amount", "start_date", "status", "type"].map(
        (name) => [admin, `/api/admin/all-transactions?${name}=`] as [TestUser, string],
      ),
      [admin, "/api/admin/one-transaction?transaction_id="],
      [admin, "/api/admin/dashboard?calendar="],
      [user, "/api/card/lookup?number="],
      [user, "/api/card/"],
      [user, "/api/transactions/"],
      [user, "/api/saved-cards/"],
    ];
    for (const [caller, prefix] of targets) {
      for (const search of HOSTILE) {
        const response = await call(`${prefix}${encodeURIComponent(search)}`, {
          headers: bearer(caller.accessToken),
        });
        expect(response.status, `${prefix}${search}`).toBe(422);
      }
    }
  });
});

// ---- API8 ---------------------------------------------------------------------

describe("API8:2023 security misconfiguration", () => {
  it("grants CORS only to the configured origin", async () => {
    const allowed = "http://localhost:5173";
    const preflight = (origin: string) =>
      call("/api/auth/login", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
      });
    const simple = (origin: string) => call("/api/health", { headers: { Origin: origin } });

    for (const send of [preflight, simple]) {
      const ok = await send(allowed);
      expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
      expect(ok.headers.get("vary")).toMatch(/origin/i);
      for (const origin of [
        "https://evil.example",
        "null",
        "http://localhost:5173.evil.example",
        "http://localhost:5174",
        "https://localhost:5173",
        "https://chontak.pages.dev", // the production origin is not configured here
      ]) {
        const response = await send(origin);
        expect(response.headers.get("access-control-allow-origin"), origin).toBeNull();
        expect(response.headers.get("access-control-allow-credentials"), origin).toBeNull();
      }
    }
  });

  it("sends the security headers on every kind of answer, errors included", async () => {
    const user = await newUser();
    const answers: [string, Promise<Response>][] = [
      ["200 JSON", call("/")],
      ["200 HTML", call("/docs")],
      ["200 document", call("/openapi.json")],
      ["401", call("/api/auth/me")],
      ["403", call("/api/admin/dashboard", { headers: bearer(user.accessToken) })],
      ["404", call("/api/no-such-route")],
      ["405", call("/api/health", { method: "DELETE" })],
      ["413", call("/api/auth/login", jsonInit("POST", { x: "y".repeat(70_000) }))],
      ["422", call("/api/card/not-a-uuid", { headers: bearer(user.accessToken) })],
      ["503", callWithEnv("/api/health", { JWT_SECRET: undefined })],
    ];
    for (const [label, pending] of answers) {
      const response = await pending;
      expect(String(response.status), label).toBe(label.slice(0, 3));
      const headers = Object.fromEntries(response.headers);
      expect(headers, label).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "SAMEORIGIN",
        "referrer-policy": "no-referrer",
        "strict-transport-security": expect.stringMatching(/^max-age=\d{7,}/),
        "cross-origin-opener-policy": "same-origin",
        "x-permitted-cross-domain-policies": "none",
      });
      expect(headers, label).not.toHaveProperty("x-powered-by");
      expect(headers, label).not.toHaveProperty("server");
    }
  });

  it("never puts a stack trace, an internal address or a secret into a problem", async () => {
    const user = await newUser();
    const pgDown = new URL(String(env.DATABASE_URL));
    pgDown.port = "1";
    const failures: [string, Promise<Response>][] = [
      ["malformed JSON", call("/api/auth/login", { ...jsonInit("POST", {}), body: "{oops" })],
      ["wrong types", call("/api/auth/register", jsonInit("POST", { full_name: 5 }))],
      [
        "NUL byte",
        call(
          "/api/auth/login",
          jsonInit(
            "POST",
            { phone_number: "\u0000", password: "p" },
            { "CF-Connecting-IP": uniqueIp() },
          ),
        ),
      ],
      ["bad uuid", call("/api/card/%E0%A4%A", { headers: bearer(user.accessToken) })],
      [
        "huge number",
        call("/api/transactions?amount=1e309", { headers: bearer(user.accessToken) }),
      ],
      [
        "xml",
        call("/api/auth/register", {
          method: "POST",
          headers: { "Content-Type": "application/xml" },
          body: "<x/>",
        }),
      ],
      ["unknown route", call("/api/../../etc/passwd")],
      ["bad token", call("/api/card", { headers: bearer("a.b.c") })],
      ["config missing", callWithEnv("/", { JWT_SECRET: undefined, DATABASE_URL: "mysql://x" })],
      [
        "Postgres down",
        callWithEnv(
          "/api/auth/login",
          { DATABASE_URL: pgDown.toString() },
          {
            ...jsonInit(
              "POST",
              { phone_number: uniquePhone(), password: "secret-password" },
              {
                "CF-Connecting-IP": uniqueIp(),
              },
            ),
          },
        ),
      ],
      [
        "Redis down",
        callWithEnv(
          "/api/auth/login",
          { UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1" },
          {
            ...jsonInit("POST", { phone_number: uniquePhone(), password: "secret-password" }),
          },
        ),
      ],
    ];
    const secrets = [
      String(env.JWT_SECRET),
      String(env.UPSTASH_REDIS_REST_TOKEN),
      new URL(String(env.DATABASE_URL)).host,
      new URL(String(env.UPSTASH_REDIS_REST_URL)).host,
      "127.0.0.1",
    ];
    for (const [label, pending] of failures) {
      const response = await pending;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("content-type"), label).toBe("application/problem+json");
      const text = await response.text();
      const problem = JSON.parse(text) as Problem;
      expect(
        Object.keys(problem).filter((key) => !PROBLEM_MEMBERS.includes(key)),
        label,
      ).toEqual([]);
      expect(text, label).not.toMatch(/\bat \S+ \(|\.[cm]?[jt]s:\d+|node_modules|stack|Error:/);
      for (const secret of secrets) expect(text, label).not.toContain(secret);
    }
  });

  it("serves Swagger UI and an OpenAPI document that declares its auth and leaks no secret", async () => {
    const docs = await call("/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
    expect(await docs.text()).toContain("/openapi.json");

    const response = await call("/openapi.json");
    expect(response.status).toBe(200);
    const text = await response.text();
    const document = JSON.parse(text) as OpenApiDocument;
    expect(document.openapi).toBe("3.1.0");
    expect(document.components?.securitySchemes).toMatchObject({
      OAuth2PasswordBearer: {
        type: "oauth2",
        flows: { password: { tokenUrl: "/api/auth/login" } },
      },
    });
    for (const secret of [
      String(env.JWT_SECRET),
      String(env.UPSTASH_REDIS_REST_TOKEN),
      new URL(String(env.DATABASE_URL)).host,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

// ---- API9 ---------------------------------------------------------------------

describe("API9:2023 improper inventory management", () => {
  // "Every served route is documented and every documented route is served" is the
  // inventory test in src/app.test.ts; these add what that one does not check.

  it("documents only versionless /api/ paths and the banner, with no debug or test leftovers", async () => {
    const document = await openApi();
    const paths = Object.keys(document.paths);
    expect(paths.filter((path) => path !== "/" && !path.startsWith("/api/"))).toEqual([]);
    expect(
      paths.filter((path) =>
        /\/(v\d+|debug|test|tests|internal|dev|tmp|temp|old|legacy|beta|staging|private|_\w*)(\/|$)/i.test(
          path,
        ),
      ),
    ).toEqual([]);
    const normalized = paths.map((path) => path.toLowerCase().replace(/\/+$/, "") || "/");
    expect(new Set(normalized).size).toBe(paths.length);
    for (const { method, path, operation } of await documentedOperations()) {
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
    expect(document.info.version).toBe(String(env.APP_VERSION));
  });

  it("hides nothing but the earlier client's saved-card alias and the documentation itself", async () => {
    const documented = new Set((await documentedOperations()).map(routeKey));
    expect(
      servedRoutes()
        .filter((route) => !documented.has(route))
        .sort(),
    ).toEqual(
      [
        "GET /docs",
        "GET /openapi.json",
        "POST /api/saved-card",
        "GET /api/saved-card",
        "GET /api/saved-card/{id}",
        "PATCH /api/saved-card/{id}",
        "DELETE /api/saved-card/{id}",
      ].sort(),
    );
  });
});

// ---- API10 --------------------------------------------------------------------

describe("API10:2023 unsafe consumption of APIs", () => {
  // None expected: the product consumes no third-party API. Its only outbound
  // connections are its own Postgres and Redis, and the only untrusted external
  // data it takes in is an uploaded image.

  it("is configured to reach nothing but its own database and Redis", async () => {
    // Every binding that names a place to connect to (a URL or host:port). CORS_ORIGINS
    // names the web origins allowed to call in, not anything the Worker calls out to.
    const addresses = Object.entries(env)
      .filter(([name]) => name !== "CORS_ORIGINS")
      .filter(
        ([, value]) =>
          typeof value === "string" && /^([a-z][\w+.-]*:\/\/|[\w.-]+:\d+$)/i.test(value),
      )
      .map(([name]) => name)
      .sort();
    expect(addresses).toEqual([
      "DATABASE_URL",
      "DB_WS_PROXY", // local only: the stand-in for Neon's WebSocket edge
      "DIRECT_DATABASE_URL", // tests only: assertions straight against Postgres
      "UPSTASH_REDIS_REST_URL",
    ]);
    const document = await openApi();
    expect(Object.keys(document.webhooks ?? {})).toEqual([]);
    for (const { operation } of await documentedOperations()) {
      expect(operation).not.toHaveProperty("callbacks");
    }
  });

  it("judges an uploaded image by its magic bytes, never by its declared type or name", async () => {
    const user = await newUser();
    for (const [bytes, type, filename] of [
      [bytesOf("<html><script>alert(1)</script></html>"), "image/png", "a.png"],
      [
        bytesOf('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        "image/jpeg",
        "a.jpg",
      ],
      [bytesOf("GIF89a\u0001\u0000\u0001\u0000"), "image/webp", "a.webp"],
    ] as const) {
      const response = await uploadAvatar(user, imageForm(bytes, type, filename));
      expect(response.status, filename).toBe(400);
      expect((await problemOf(response)).code).toBe("BAD_IMAGE");
    }
    expect(await ownedState([user])).toMatchObject({ avatars: null });

    // A PNG signature followed by HTML is stored, but only ever served as an inert image.
    const polyglot = new Uint8Array([
      ...PNG.subarray(0, 8),
      ...bytesOf("<script>alert(1)</script>"),
    ]);
    const uploaded = await uploadAvatar(user, imageForm(polyglot, "text/html", "x.html"));
    expect(uploaded.status).toBe(201);
    const { avatar } = (await uploaded.json()) as { avatar: { photo_url: string } };
    const served = await call(new URL(avatar.photo_url).pathname);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });
});
