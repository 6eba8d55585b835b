import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { newAdmin } from "../test/worker/admin";
import { openActiveCard, type TestCard } from "../test/worker/cards";
import { balanceOf, fund, HEALTHY_LEDGER, ledgerInvariants, query } from "../test/worker/db";
import { call } from "../test/worker/http";
import { bearer, newUser, type TestUser } from "../test/worker/users";

/**
 * Property-based fuzzing of every operation in the OpenAPI document: malformed and
 * hostile path params, query strings, bodies, content types and credentials. Every
 * answer must be < 500, every 4xx an RFC 9457 problem, and no money may move.
 */

const NUM_RUNS = 10_000;
// A fixed seed keeps CI reproducible; change it (or drop it) locally to explore
// other inputs — a failure prints the seed and the shrunk request to replay.
const SEED = 20_261_124;
const TIMEOUT_MS = 300_000;

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = {
  method: string;
  path: string;
  params: Parameter[];
  bodyKeys: string[];
};
type OpenApi = {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, Schema> };
};

/** Operations that could move money if a generated body were valid. */
const MONEY_MOVING = new Set(["POST /api/transactions", "POST /api/admin/deposit"]);
/** The one money-moving operation keyed by a path param: never given a real card id. */
const PURCHASE = "POST /api/subscription/{card_id}";
/** Ends the caller's session: sent only without real credentials. */
const LOGOUT = "POST /api/auth/logout";

let operations: Operation[] = [];
let user: TestUser;
let admin: TestUser;
let card: TestCard;
let otherCard: TestCard;
let other: TestUser;

function resolve(doc: OpenApi, schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.split("/").pop() ?? "";
  return resolve(doc, doc.components?.schemas?.[name]);
}

function propertyNames(doc: OpenApi, schema: Schema | undefined): string[] {
  const resolved = resolve(doc, schema);
  if (!resolved) return [];
  const own = Object.keys(resolved.properties ?? {});
  const nested = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])];
  return [...new Set([...own, ...nested.flatMap((s) => propertyNames(doc, s))])];
}

function parseOperations(doc: OpenApi): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const body = op.requestBody as
        | { content?: Record<string, { schema?: Schema }> }
        | { $ref: string }
        | undefined;
      const content = body && "content" in body ? body.content : undefined;
      const bodySchema = content ? Object.values(content)[0]?.schema : undefined;
      result.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        bodyKeys: propertyNames(doc, bodySchema),
      });
    }
  }
  return result;
}

// ---- generators ---------------------------------------------------------------

/** Percent-encodes; a lone surrogate becomes its (invalid UTF-8) WTF-8 bytes. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, "%ED%A0%80").replace(/[^%\w]/g, "_");
  }
}

const hugeString = fc.integer({ min: 1_000, max: 20_000 }).map((n) => "A".repeat(n));
const nastyStrings = fc.constantFrom(
  "",
  " ",
  "0",
  "-1",
  "1.001",
  "-5000.00",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "0x10",
  "9".repeat(40),
  "2000.005",
  "12,50",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%",
  "%zz",
  "%E0%A4%A",
  "\u0000",
  "\uD800",
  "😀💸",
  "Тошкент",
  "ṩ̵̡̛͎",
  "7777 0000 0000 0000",
  "7777000000000000",
  "00000000-0000-0000-0000-000000000000",
);
const garbageString = fc.oneof(
  { weight: 4, arbitrary: nastyStrings },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: hugeString },
);
const garbageNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1.001, -1, 0, -0, 2000.005, 1e21, Number.MAX_SAFE_INTEGER + 2, 1e-7),
);
const garbageValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    garbageString,
    garbageNumber,
    fc.constantFrom(null, true, false),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** An object nested `depth` levels: { a: { a: { … } } }. */
const deeplyNested = fc.integer({ min: 50, max: 5_000 }).map((depth) => {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
});

/** Money that is always invalid (3 decimals, ≤ 0, overflow, not a number). */
const invalidMoney = fc.constantFrom<unknown>(
  "1.001",
  "2000.005",
  1000.001,
  "-5000",
  -5000,
  "0",
  0,
  "0.00",
  "1e309",
  "NaN",
  "Infinity",
  "abc",
  "",
  null,
  true,
  [],
  {},
  "1".repeat(400),
);

const EXTRA_KEYS = [
  "role",
  "balance",
  "user_id",
  "status",
  "is_admin",
  "commission",
  "id",
  "__proto__",
  "constructor",
];

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/problem+json",
  "image/png",
  "*/*",
  "",
];

function bodyFor(op: Operation): fc.Arbitrary<{ text?: string; contentType?: string }> {
  const key = `${op.method} ${op.path}`;
  const keys = [...op.bodyKeys, ...EXTRA_KEYS];
  const record = fc
    .tuple(
      fc.subarray(keys),
      fc.array(garbageValue, { minLength: keys.length, maxLength: keys.length }),
    )
    .map(([chosen, values]) => {
      const object: Record<string, unknown> = {};
      for (const [i, k] of chosen.entries()) object[k] = values[i];
      return object;
    });
  const moneySafe = MONEY_MOVING.has(key)
    ? fc
        .tuple(record, invalidMoney)
        .map(([object, amount]) => JSON.stringify({ ...object, amount }))
    : null;
  const json = fc.oneof(
    ...(moneySafe ? [{ weight: 6, arbitrary: moneySafe }] : []),
    ...(moneySafe
      ? []
      : [
          { weight: 4, arbitrary: record.map((o) => JSON.stringify(o)) },
          { weight: 1, arbitrary: fc.array(garbageValue).map((a) => JSON.stringify(a)) },
          { weight: 1, arbitrary: garbageValue.map((v) => JSON.stringify(v) ?? "null") },
          { weight: 1, arbitrary: deeplyNested.map((v) => JSON.stringify(v)) },
        ]),
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "{",
        "{'a': 1}",
        '{"amount": 1e309}',
        '{"amount": NaN}',
        "[1,2,",
        "\u0000",
        "null",
        '{"__proto__": {"role": "admin"}}',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 6,
      arbitrary: fc.record({
        text: json,
        contentType: fc.oneof(
          { weight: 4, arbitrary: fc.constant("application/json") },
          { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
        ),
      }),
    },
  );
}

function pathValue(op: Operation): fc.Arbitrary<string> {
  const real = `${op.method} ${op.path}` === PURCHASE ? [] : [card.id, user.id, otherCard.id];
  return fc.oneof(
    { weight: 3, arbitrary: garbageString.map((s) => encode(s)) },
    { weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "..", "a%2Fb", "%00") },
    { weight: 2, arbitrary: fc.uuid() },
    ...(real.length ? [{ weight: 2, arbitrary: fc.constantFrom(...real) }] : []),
  );
}

function queryFor(op: Operation): fc.Arbitrary<string> {
  const names = op.params.filter((p) => p.in === "query").map((p) => p.name);
  const pairs = fc.array(
    fc.tuple(
      names.length ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })) : fc.string(),
      fc.oneof(
        garbageString.map((v) => encode(v)),
        garbageNumber.map(String),
        fc.constantFrom("%", "%zz", "a&b=c", "[]", "1.001", "-1", "1e309"),
      ),
    ),
    { maxLength: names.length + 2 },
  );
  return pairs.map((list) =>
    list.length
      ? `?${list.map(([k, v]) => `${encode(k)}${k.length % 3 === 0 ? "[]" : ""}=${v}`).join("&")}`
      : "",
  );
}

type Auth = "none" | "user" | "admin" | "garbage";
type Generated = {
  op: Operation;
  url: string;
  auth: Auth;
  garbageToken: string;
  body: { text?: string; contentType?: string };
  idempotencyKey: string;
};

function requestArb(): fc.Arbitrary<Generated> {
  return fc.constantFrom(...operations).chain((op) => {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    return fc.record({
      op: fc.constant(op),
      url: fc
        .tuple(
          fc.array(pathValue(op), { minLength: pathParams.length, maxLength: pathParams.length }),
          queryFor(op),
        )
        .map(([values, q]) => {
          let path = op.path;
          for (const [i, name] of pathParams.entries())
            path = path.replace(`{${name}}`, values[i] ?? "");
          return path + q;
        }),
      auth: fc.oneof(
        { weight: 5, arbitrary: fc.constant<Auth>("user") },
        { weight: 3, arbitrary: fc.constant<Auth>("admin") },
        { weight: 1, arbitrary: fc.constant<Auth>("none") },
        { weight: 1, arbitrary: fc.constant<Auth>("garbage") },
      ),
      garbageToken: fc.constantFrom(
        "Bearer ",
        "Bearer x",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
        "Basic YWRtaW46YWRtaW4=",
        `Bearer ${"a".repeat(5000)}`,
        "bearer  .. ",
      ),
      body: op.method === "GET" || op.method === "DELETE" ? fc.constant({}) : bodyFor(op),
      idempotencyKey: fc.oneof(
        { weight: 8, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom("", "x", "k".repeat(500), "not a uuid") },
      ),
    });
  });
}

async function send(request: Generated): Promise<Response> {
  const { op, auth, body } = request;
  const headers: Record<string, string> = {};
  const isLogout = `${op.method} ${op.path}` === LOGOUT;
  if (auth === "garbage" || (isLogout && auth !== "none")) {
    headers.Authorization = request.garbageToken;
  } else if (auth === "user") Object.assign(headers, bearer(user.accessToken));
  else if (auth === "admin") Object.assign(headers, bearer(admin.accessToken));
  if (op.method === "POST")
    headers["Idempotency-Key"] = `${request.idempotencyKey}-${crypto.randomUUID()}`;
  if (body.contentType !== undefined) headers["Content-Type"] = body.contentType;
  return call(request.url, { method: op.method, headers, body: body.text });
}

const describeRequest = (r: Generated) =>
  `${r.op.method} ${r.url.slice(0, 300)} auth=${r.auth} content-type=${r.body.contentType} body=${r.body.text?.slice(0, 500)}`;

async function ledgerEntryCount(): Promise<number> {
  const rows = await query(sql`select count(*)::int as n from ledger_entries`);
  return rows[0]?.n as number;
}

describe("fuzz: malformed and hostile requests from the OpenAPI document", () => {
  beforeAll(async () => {
    const response = await call("/openapi.json");
    expect(response.status).toBe(200);
    operations = parseOperations((await response.json()) as OpenApi);
    user = await newUser("Fuzz Fuzzov");
    other = await newUser("Other Otherov");
    admin = await newAdmin();
    card = await openActiveCard(user);
    otherCard = await openActiveCard(other);
    await fund(card.card_number, 1_000_000_00n);
  });

  it(
    `never answers 5xx, answers every 4xx with a problem, and moves no money (${NUM_RUNS} requests)`,
    async () => {
      expect(operations.length).toBeGreaterThan(20);
      const balanceBefore = await balanceOf(card.card_number);
      const otherBefore = await balanceOf(otherCard.card_number);
      const entriesBefore = await ledgerEntryCount();
      expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);

      const started = Date.now();
      let sent = 0;
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requestArb(), async (request) => {
          const response = await send(request);
          sent += 1;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const text = await response.text();
          const where = `${response.status} for ${describeRequest(request)}\n→ ${text.slice(0, 300)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get("content-type"), where).toMatch(
              /^application\/problem\+json/,
            );
            const problem = JSON.parse(text) as Record<string, unknown>;
            expect(problem, where).toMatchObject({
              type: expect.any(String),
              title: expect.any(String),
              status: response.status,
              detail: expect.any(String),
              code: expect.any(String),
            });
          }
        }),
        { numRuns: NUM_RUNS, seed: SEED },
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz: ${sent} requests over ${operations.length} operations in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );

      expect(await balanceOf(card.card_number)).toBe(balanceBefore);
      expect(await balanceOf(otherCard.card_number)).toBe(otherBefore);
      expect(await ledgerEntryCount()).toBe(entriesBefore);
      expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
    },
    TIMEOUT_MS,
  );
});
