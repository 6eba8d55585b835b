// The Neon SQL-over-HTTP server against the real local Postgres, directly and through PgBouncer,
// driven by the real HTTP driver (`neon()`) and drizzle-orm/neon-http, in a database of its own.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { NeonDbError, neon, neonConfig } from "@neondatabase/serverless";
import { sql as dsql, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-http";
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack } from "../../dev/stack/index.ts";
import { type NeonHttp, startNeonHttp, toPgText } from "../../dev/stack/neon-http.ts";
import { type PgBouncerHandle, startPgBouncer } from "../../dev/stack/pgbouncer.ts";
import {
  createDatabase,
  dropDatabase,
  type PostgresHandle,
  resolvePostgres,
} from "../../dev/stack/postgres.ts";
import { timedPost } from "./timed-post.ts";

let tmp: string;
let postgres: PostgresHandle;
let pgbouncer: PgBouncerHandle;
let databaseName: string;
/** Direct URL of the test database; also the admin connection for assertions. */
let directUrl: string;
/** The same database through PgBouncer. */
let pooledUrl: string;
let direct: NeonHttp;
let pooled: NeonHttp;
let admin: pg.Pool;
/** Marks the test's own connections, which fault injection spares. */
const ADMIN_APP = "neon-http-test-admin";
/** Where the driver sends its requests: chosen by the connection string's port. */
let route: (port: string) => string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "neon-http-test-"));
  await fs.chmod(tmp, 0o755); // PgBouncer and embedded Postgres run unprivileged when root
  postgres = await resolvePostgres({ dataDir: path.join(tmp, "postgres") });
  databaseName = `neon_http_${randomBytes(4).toString("hex")}`;
  directUrl = await createDatabase(postgres.url, databaseName);

  const bouncer = await startPgBouncer({
    upstreamHost: postgres.host,
    upstreamPort: postgres.port,
    workDir: path.join(tmp, "pgbouncer"),
    upstreamUser: postgres.user,
    upstreamPassword: postgres.password,
  });
  if (!bouncer) throw new Error("pgbouncer binary not found: apt-get install -y pgbouncer");
  pgbouncer = bouncer;
  const url = new URL(directUrl);
  url.hostname = pgbouncer.host;
  url.port = String(pgbouncer.port);
  pooledUrl = url.toString();

  direct = await startNeonHttp({ target: { host: postgres.host, port: postgres.port } });
  pooled = await startNeonHttp({ target: { host: pgbouncer.host, port: pgbouncer.port } });
  route = (port) => (port === String(pgbouncer.port) ? pooled.url : direct.url);
  neonConfig.fetchEndpoint = (_host, port) => route(String(port));

  admin = new pg.Pool({ connectionString: directUrl, max: 2, application_name: ADMIN_APP });
  admin.on("error", () => {});
  await admin.query(`
    create table items (
      id serial primary key,
      name text not null constraint items_name_key unique,
      qty int not null default 0
    );
    create table counters (id text primary key, n int not null);
    create table accounts (
      id uuid primary key default gen_random_uuid(),
      owner text not null constraint accounts_owner_key unique,
      balance bigint not null default 0,
      tags text[] not null default '{}',
      meta jsonb,
      created_at timestamptz not null default now()
    );
  `);
});

afterAll(async () => {
  await direct?.close();
  await pooled?.close();
  await admin?.end();
  await pgbouncer?.close();
  if (databaseName) await dropDatabase(postgres.url, databaseName);
  await postgres?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** The one row of a result. */
function only<T>(rows: T[]): T {
  expect(rows).toHaveLength(1);
  return rows[0] as T;
}

const unique = (prefix: string) => `${prefix}-${randomUUID()}`;

/** Runs fn with every driver request sent to `url`. */
async function viaEndpoint<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const saved = route;
  route = () => url;
  try {
    return await fn();
  } finally {
    route = saved;
  }
}

/** The rejection of a promise (fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<NeonDbError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome === undefined) throw new Error("expected the query to fail");
  return outcome as NeonDbError;
}

/** The JSON of a raw answer. */
interface Answer {
  message?: string;
  code?: string;
  fields?: Record<string, unknown>[];
  rows?: unknown[];
  results?: { rows: unknown[] }[];
}
const answer = async (res: Response) => (await res.json()) as Answer;

/** A raw request to the server, the way the driver sends it unless overridden. */
function post(server: NeonHttp, body: unknown, headers: Record<string, string | null> = {}) {
  const base: Record<string, string | null> = {
    "Neon-Connection-String": directUrl,
    "Neon-Raw-Text-Output": "true",
    "Neon-Array-Mode": "true",
    ...headers,
  };
  const sent = Object.fromEntries(
    Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return fetch(server.url, {
    method: "POST",
    headers: sent,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const EVERY_TYPE = `select
  42::int4 as int4, (-32768)::int2 as int2, 9007199254740993::int8 as int8,
  12345678901234567890.123456789::numeric as numeric, 1.5::float8 as float8,
  'NaN'::float8 as nan, 0.1::float4 as float4,
  'héllo "wörld" 🌍'::text as text, ''::text as empty, 'a\\b'::varchar(10) as varchar,
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as uuid,
  '{"a": [1, "x", null], "b": {"c": true}, "big": 12345678901234567890}'::jsonb as jsonb,
  '[1, 2]'::json as json,
  '2024-02-29 12:34:56.789+05'::timestamptz as timestamptz,
  '2024-02-29 12:34:56'::timestamp as timestamp, '2024-02-29'::date as date,
  '1 day 02:03:04'::interval as interval,
  true as t, false as f, null::int as null_int, null::text as null_text, null::jsonb as null_jsonb,
  array[1, 2, null]::int[] as int_array, array['a', 'b,c', 'd"e', null, '', 'NULL'] as text_array,
  array[true, false] as bool_array, '{{1,2},{3,4}}'::int[] as nested,
  array[9007199254740993]::int8[] as int8_array,
  array['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']::uuid[] as uuid_array,
  '\\xdeadbeef'::bytea as bytea`;

const TARGETS = [
  { name: "Postgres", url: () => directUrl, server: () => direct },
  { name: "PgBouncer", url: () => pooledUrl, server: () => pooled },
];

describe.each(TARGETS)("neon() over HTTP, through $name", ({ url, server }) => {
  it("selects every common type as Postgres text the driver parses by OID", async () => {
    const sql = neon(url());
    const row = only(await sql.query(EVERY_TYPE));
    expect(row).toMatchObject({
      int4: 42,
      int2: -32768,
      int8: "9007199254740993", // int8 stays a string: no precision lost
      numeric: "12345678901234567890.123456789",
      float8: 1.5,
      float4: 0.1,
      text: 'héllo "wörld" 🌍',
      empty: "",
      varchar: "a\\b",
      uuid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      jsonb: { a: [1, "x", null], b: { c: true }, big: 12345678901234567000 },
      json: [1, 2],
      t: true,
      f: false,
      null_int: null,
      null_text: null,
      null_jsonb: null,
      int_array: [1, 2, null],
      text_array: ["a", "b,c", 'd"e', null, "", "NULL"],
      bool_array: [true, false],
      nested: [
        [1, 2],
        [3, 4],
      ],
      int8_array: ["9007199254740993"],
      uuid_array: ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
    });
    expect(row.nan).toBeNaN();
    expect(row.timestamptz).toBeInstanceOf(Date);
    expect((row.timestamptz as Date).toISOString()).toBe("2024-02-29T07:34:56.789Z");
    expect(Buffer.from(row.bytea as Uint8Array).toString("hex")).toBe("deadbeef");
    expect(row.interval).toMatchObject({ days: 1, hours: 2, minutes: 3, seconds: 4 });

    // Exactly what node-postgres (the parsers the WebSocket Pool uses) makes of the same row.
    const expected = (await admin.query(EVERY_TYPE)).rows[0];
    const comparable = (r: Record<string, unknown>) => ({
      ...r,
      nan: String(r.nan),
      bytea: Buffer.from(r.bytea as Uint8Array).toString("hex"),
      interval: JSON.stringify(r.interval),
    });
    expect(comparable(row as Record<string, unknown>)).toEqual(comparable(expected));
  });

  it("sends parameters as Postgres text and keeps them literal", async () => {
    const sql = neon(url());
    const when = new Date("2024-02-29T07:34:56.789Z");
    const hostile = "'); drop table items; --";
    const row = only(
      await sql`select
      ${42}::int as int, ${2n ** 63n - 1n}::int8 as int8, ${"12.50"}::numeric as numeric,
      ${hostile}::text as hostile, ${"ünïcødé 🌍"}::text as unicode, ${true}::bool as bool,
      ${null}::text as null_value, ${undefined}::int as undefined_value,
      ${when}::timestamptz as ts, ${{ a: [1, { b: "c" }] }}::jsonb as jsonb,
      ${[1, 2, 3]}::int[] as ints, ${["a", 'b"c', null, "d,e"]}::text[] as texts,
      ${Buffer.from([0, 1, 254, 255])}::bytea as bytea, ${"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}::uuid as uuid`,
    );
    expect(row).toMatchObject({
      int: 42,
      int8: "9223372036854775807",
      numeric: "12.50",
      hostile,
      unicode: "ünïcødé 🌍",
      bool: true,
      null_value: null,
      undefined_value: null,
      jsonb: { a: [1, { b: "c" }] },
      ints: [1, 2, 3],
      texts: ["a", 'b"c', null, "d,e"],
      uuid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    });
    expect((row.ts as Date).toISOString()).toBe(when.toISOString());
    expect(Buffer.from(row.bytea as Uint8Array).toString("hex")).toBe("0001feff");

    const rows = await sql.query("select $1::text as a, $2::int + 1 as b", ["x", 41]);
    expect(rows).toEqual([{ a: "x", b: 42 }]);
    expect(
      await sql.query("select count(*)::int as n from items where name = $1", [hostile]),
    ).toEqual([{ n: 0 }]);
  });

  it("answers full results: fields, command and rowCount, objects or arrays", async () => {
    const sql = neon(url(), { fullResults: true });
    const a = unique("full");
    const b = unique("full");
    const insert = await sql`insert into items (name) values (${a}), (${b}) returning id, name`;
    expect(insert.command).toBe("INSERT");
    expect(insert.rowCount).toBe(2);
    expect(insert.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["id", 23],
      ["name", 25],
    ]);
    expect(insert.rows.map((r) => r.name)).toEqual([a, b]);

    const update = await sql`update items set qty = qty + 1 where name in (${a}, ${b})`;
    expect([update.command, update.rowCount, update.rows]).toEqual(["UPDATE", 2, []]);
    const none = await sql`delete from items where name = ${unique("missing")}`;
    expect([none.command, none.rowCount]).toEqual(["DELETE", 0]);
    const ddl = await sql`create temp table if not exists neon_http_tmp (n int)`;
    expect([ddl.command, ddl.rowCount]).toEqual(["CREATE", null]);

    const arrays = neon(url(), { arrayMode: true });
    expect(await arrays`select 1 as a, 'two' as b`).toEqual([[1, "two"]]);
  });

  it("commits a transaction atomically, on one connection", async () => {
    const sql = neon(url());
    const a = unique("tx");
    const b = unique("tx");
    const [first, second, tx1, tx2] = await sql.transaction([
      sql`insert into items (name, qty) values (${a}, 1) returning name`,
      sql`insert into items (name, qty) values (${b}, 2) returning name`,
      sql`select txid_current()::text as tx`,
      sql`select txid_current()::text as tx`,
    ]);
    expect([first, second]).toEqual([[{ name: a }], [{ name: b }]]);
    expect(tx1).toEqual(tx2); // the same transaction
    const { rows } = await admin.query("select name from items where name = any($1) order by qty", [
      [a, b],
    ]);
    expect(rows.map((r) => r.name)).toEqual([a, b]);

    // Through the function form, with per-query options.
    const [one, two] = await sql.transaction((txn) => [
      txn`select 1 as one`,
      txn.query("select $1::int as two", [2]),
    ]);
    expect([one, two]).toEqual([[{ one: 1 }], [{ two: 2 }]]);
    expect(await sql.transaction([])).toEqual([]);
  });

  it("rolls a transaction back when one statement fails", async () => {
    const sql = neon(url());
    const a = unique("rollback");
    const error = await rejection(
      sql.transaction([sql`insert into items (name) values (${a})`, sql`select 1 / 0 as boom`]),
    );
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error.code).toBe("22012");
    expect(error.message).toBe("division by zero");
    const { rows } = await admin.query("select 1 from items where name = $1", [a]);
    expect(rows).toEqual([]);
    // The connection is clean again: the next transaction commits.
    await sql.transaction([sql`insert into items (name) values (${a})`]);
    expect((await admin.query("select 1 from items where name = $1", [a])).rowCount).toBe(1);
  });

  it("honours the isolation level, read-only and deferrable headers", async () => {
    const sql = neon(url());
    const settings = sql`select current_setting('transaction_isolation') as isolation,
      current_setting('transaction_read_only') as read_only,
      current_setting('transaction_deferrable') as deferrable`;
    const run = async (opts?: Parameters<typeof sql.transaction>[1]) =>
      ((await sql.transaction([settings], opts)) as Record<string, unknown>[][])[0]?.[0];

    expect(await run()).toEqual({
      isolation: "read committed",
      read_only: "off",
      deferrable: "off",
    });
    expect(await run({ isolationLevel: "RepeatableRead" })).toMatchObject({
      isolation: "repeatable read",
    });
    expect(await run({ isolationLevel: "ReadUncommitted" })).toMatchObject({
      isolation: "read uncommitted",
    });
    expect(await run({ isolationLevel: "Serializable", readOnly: true, deferrable: true })).toEqual(
      { isolation: "serializable", read_only: "on", deferrable: "on" },
    );
    expect(await run({ readOnly: false, deferrable: false })).toMatchObject({ read_only: "off" });

    // A default set on neon() applies to its transactions.
    const serializable = neon(url(), { isolationLevel: "Serializable" });
    const [rows] = await serializable.transaction([settings]);
    expect(rows?.[0]).toMatchObject({ isolation: "serializable" });

    const readOnly = await rejection(
      sql.transaction([sql`insert into items (name) values (${unique("ro")})`], { readOnly: true }),
    );
    expect(readOnly.code).toBe("25006");

    // The answer names the options applied, like Neon's.
    const res = await post(
      server(),
      { queries: [{ query: "select 1", params: [] }] },
      {
        "Neon-Connection-String": url(),
        "Neon-Batch-Isolation-Level": "Serializable",
        "Neon-Batch-Read-Only": "true",
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("neon-batch-isolation-level")).toBe("Serializable");
    expect(res.headers.get("neon-batch-read-only")).toBe("true");
    expect(res.headers.get("neon-batch-deferrable")).toBeNull();
  });

  it("surfaces Postgres errors with their SQLSTATE and fields on NeonDbError", async () => {
    const sql = neon(url());
    const name = unique("dup");
    await sql`insert into items (name) values (${name})`;
    const duplicate = await rejection(sql`insert into items (name) values (${name})`);
    expect(duplicate).toBeInstanceOf(NeonDbError);
    expect(duplicate).toMatchObject({
      message: 'duplicate key value violates unique constraint "items_name_key"',
      code: "23505",
      severity: "ERROR",
      constraint: "items_name_key",
      table: "items",
      schema: "public",
      detail: `Key (name)=(${name}) already exists.`,
    });

    const zero = await rejection(sql`select 1 / ${0}::int as boom`);
    expect([zero.code, zero.message]).toEqual(["22012", "division by zero"]);

    const syntax = await rejection(sql.query("selec 1"));
    expect(syntax.code).toBe("42601");
    expect(syntax.position).toBe("1");

    const missing = await rejection(sql`select * from no_such_table`);
    expect(missing.code).toBe("42P01");

    // One statement per query (the extended protocol), like Neon.
    const two = await rejection(sql.query("select 1; select 2"));
    expect(two.code).toBe("42601");

    const stillFine = await sql`select 1 as one`;
    expect(stillFine).toEqual([{ one: 1 }]);
  });

  it("fails a query whose backend is terminated with 57P01/08xxx; the next one succeeds", async () => {
    const sql = neon(url());
    const tag = `neon_http_${randomBytes(4).toString("hex")}`;
    const started = Date.now();
    const sleeping = rejection(sql.query(`select pg_sleep(30) /* ${tag} */`));
    const pid = await waitFor(async () => {
      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where query like $1 and pid <> pg_backend_pid()",
        [`%/* ${tag} */%`],
      );
      return rows[0]?.pid;
    }, "the sleeping backend");
    await admin.query("select pg_terminate_backend($1)", [pid]);
    const error = await sleeping;
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error.code).toMatch(/^(57P01|08...)$/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await sql`select 2 as two`).toEqual([{ two: 2 }]);
  });

  it("survives idle backends being terminated", async () => {
    const sql = neon(url());
    const others = "from pg_stat_activity where datname = $1 and application_name <> $2";
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 5 }, () => sql`select pg_sleep(0.05)`));
      await admin.query(`select pg_terminate_backend(pid) ${others}`, [databaseName, ADMIN_APP]);
      // A query sent before a dying connection's FATAL arrives fails with 57P01, on Neon too;
      // once the backends are gone the pool (or PgBouncer) has dropped them.
      await waitFor(async () => {
        const { rows } = await admin.query(`select count(*)::int as n ${others}`, [
          databaseName,
          ADMIN_APP,
        ]);
        return rows[0]?.n === 0 && (server() === pooled || direct.connections() === 0)
          ? true
          : undefined;
      }, "the terminated backends to exit");
      expect(await sql`select 3 as three`).toEqual([{ three: 3 }]);
    }
  });

  it("dropAll cuts busy and idle connections: the busy query fails with 08006, the next runs", async () => {
    const sql = neon(url());
    await Promise.all(Array.from({ length: 3 }, () => sql`select 1`));
    const busy = sql`select pg_sleep(2)`.then(
      () => null,
      (error: { code?: string }) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    server().dropAll();
    expect((await busy)?.code).toBe("08006");
    expect(await sql`select 4 as four`).toEqual([{ four: 4 }]);
  });

  it("serves concurrent requests on separate connections", async () => {
    const sql = neon(url());
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sql`select pg_backend_pid() as pid, pg_sleep(0.3)`),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(3_000); // one at a time would take 6 s
    expect(new Set(results.map((r) => r[0]?.pid)).size).toBeGreaterThan(1);
    expect(server().connections()).toBeGreaterThan(1);

    // Concurrent read-modify-write transactions do not lose updates.
    const id = unique("counter");
    await sql`insert into counters values (${id}, 0)`;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        sql.transaction([
          sql`select n from counters where id = ${id} for update`,
          sql`update counters set n = n + 1 where id = ${id}`,
        ]),
      ),
    );
    expect(await sql`select n from counters where id = ${id}`).toEqual([{ n: 10 }]);
  });
});

describe("neon-http: connections and session state", () => {
  it("discards a connection left inside a transaction (a stray BEGIN)", async () => {
    const one = await startNeonHttp({
      target: { host: postgres.host, port: postgres.port },
      poolSize: 1,
    });
    try {
      await viaEndpoint(one.url, async () => {
        const sql = neon(directUrl);
        const name = unique("stray");
        await sql`begin`;
        await sql`insert into items (name) values (${name})`;
        // Had the insert run inside the stray transaction, nobody else would see it.
        expect((await admin.query("select 1 from items where name = $1", [name])).rowCount).toBe(1);
      });
    } finally {
      await one.close();
    }
  });

  it("answers 08001 when the target is unreachable, and a database error when it refuses", async () => {
    const nowhere = await startNeonHttp({ target: { host: "127.0.0.1", port: 1 } });
    try {
      await viaEndpoint(nowhere.url, async () => {
        const error = await rejection(neon(directUrl)`select 1`);
        expect(error).toBeInstanceOf(NeonDbError);
        expect(error.code).toBe("08001");
      });
    } finally {
      await nowhere.close();
    }
    const noDatabase = new URL(directUrl);
    noDatabase.pathname = `/${databaseName}_missing`;
    const error = await rejection(neon(noDatabase.toString())`select 1`);
    expect(error.code).toBe("3D000");
  });

  it("close() fails requests in flight and closes every connection", async () => {
    const own = await startNeonHttp({ target: { host: postgres.host, port: postgres.port } });
    const inFlight = viaEndpoint(own.url, () => rejection(neon(directUrl)`select pg_sleep(30)`));
    await waitFor(async () => (own.connections() > 0 ? true : undefined), "a connection");
    const started = Date.now();
    await own.close();
    expect((await inFlight).message).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(own.connections()).toBe(0);
    await expect(fetch(own.url, { method: "POST" })).rejects.toThrow();
  });
});

describe("neon-http in the local stack", () => {
  it("startStack serves neon() on DATABASE_URL through stack.neonHttp", async () => {
    const stack = await startStack({
      databaseName: `neon_http_stack_${randomBytes(4).toString("hex")}`,
      ephemeral: true,
      workDir: path.join(tmp, "stack"),
    });
    try {
      const endpoint = stack.neonHttp;
      if (!endpoint) throw new Error("the stack started no Neon HTTP endpoint");
      expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sql$/);
      await viaEndpoint(endpoint.url, async () => {
        const sql = neon(stack.bindings.DATABASE_URL);
        // A migrated table, reached through the same pooler as the Worker's DATABASE_URL.
        expect(await sql`select count(*)::int as n from audit_log`).toEqual([{ n: 0 }]);
      });
    } finally {
      await stack.close();
    }
  });

  it("startStack's backendDelayMs reaches all three servers; setBackendDelay switches them", async () => {
    const stack = await startStack({
      databaseName: `neon_http_stack_${randomBytes(4).toString("hex")}`,
      ephemeral: true,
      workDir: path.join(tmp, "stack"),
      backendDelayMs: 30,
    });
    try {
      const delays = () => [stack.wsProxy, stack.bridge, stack.neonHttp].map((s) => s?.delayMs);
      expect(delays()).toEqual([30, 30, 30]);
      stack.setBackendDelay(0);
      expect(delays()).toEqual([0, 0, 0]);
    } finally {
      await stack.close();
    }
  });
});

describe("neon-http: the HTTP protocol", () => {
  it("answers a single query and a batch in Neon's shapes", async () => {
    const res = await post(direct, { query: "select $1::int as n, null as z", params: ["7"] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = await answer(res);
    expect(body).toEqual({
      fields: [
        expect.objectContaining({ name: "n", dataTypeID: 23, format: "text" }),
        expect.objectContaining({ name: "z", dataTypeID: 25, format: "text" }),
      ],
      command: "SELECT",
      rowCount: 1,
      rows: [["7", null]],
      rowAsArray: true,
    });
    expect(Object.keys(body.fields?.[0] ?? {}).sort()).toEqual([
      "columnID",
      "dataTypeID",
      "dataTypeModifier",
      "dataTypeSize",
      "format",
      "name",
      "tableID",
    ]);

    const objects = await post(
      direct,
      { query: "select 1 as a", params: [] },
      {
        "Neon-Array-Mode": null,
      },
    );
    expect((await answer(objects)).rows).toEqual([{ a: "1" }]);

    const batch = await post(direct, {
      queries: [
        { query: "select 1 as a", params: [] },
        { query: "select $1 as b", params: ["x"], arrayMode: false },
      ],
    });
    const { results = [] } = await answer(batch);
    expect(results.map((r) => r.rows)).toEqual([[["1"]], [{ b: "x" }]]);
  });

  it("converts JSON parameters to Postgres text like Neon", async () => {
    expect(toPgText(null)).toBeNull();
    expect(toPgText("x")).toBe("x");
    expect(toPgText(1.5)).toBe("1.5");
    expect(toPgText(false)).toBe("false");
    expect(toPgText({ a: 1 })).toBe('{"a":1}');
    expect(toPgText([1, 'a"b\\c', null, [true]])).toBe('{"1","a\\"b\\\\c",NULL,{"true"}}');
    const res = await post(direct, {
      query: "select $1::int[] as a, $2::jsonb as j, $3::int as n",
      params: [[1, 2], { k: [1] }, 5],
    });
    expect((await answer(res)).rows).toEqual([["{1,2}", '{"k": [1]}', "5"]]);
  });

  it("refuses non-loopback hosts in the connection string and as the target", async () => {
    const remote =
      "postgresql://neondb_owner:secret@ep-cool-name-123.eu-central-1.aws.neon.tech/neondb";
    const res = await post(
      direct,
      { query: "select 1", params: [] },
      {
        "Neon-Connection-String": remote,
      },
    );
    expect(res.status).toBe(400);
    expect(await answer(res)).toMatchObject({
      message: "database host not allowed: ep-cool-name-123.eu-central-1.aws.neon.tech",
      code: "",
    });
    const viaDriver = await viaEndpoint(direct.url, () => rejection(neon(remote)`select 1`));
    expect(viaDriver.message).toMatch(/host not allowed/);

    await expect(startNeonHttp({ target: { host: "10.0.0.1", port: 5432 } })).rejects.toThrow(
      /not allowed/,
    );
  });

  it("refuses malformed requests with 4xx and an empty code", async () => {
    const cases: [Promise<Response>, number, RegExp][] = [
      [fetch(direct.url.replace("/sql", "/other"), { method: "POST" }), 404, /not found/],
      [fetch(direct.url), 405, /method not allowed/],
      [post(direct, { query: "select 1" }, { "Neon-Connection-String": null }), 400, /missing/],
      [post(direct, { query: "select 1" }, { "Neon-Connection-String": "nope" }), 400, /valid URL/],
      [
        post(direct, { query: "select 1" }, { "Neon-Connection-String": "mysql://u@127.0.0.1/d" }),
        400,
        /postgres/,
      ],
      [
        post(
          direct,
          { query: "select 1" },
          { "Neon-Connection-String": "postgresql://127.0.0.1/d" },
        ),
        400,
        /user/,
      ],
      [
        post(
          direct,
          { query: "select 1" },
          { "Neon-Connection-String": "postgresql://%zz@127.0.0.1/d" },
        ),
        400,
        /percent/,
      ],
      [post(direct, { query: "select 1" }, { "Neon-Raw-Text-Output": null }), 400, /Raw-Text/],
      [post(direct, { query: "select 1" }, { Authorization: "Bearer x" }), 400, /JWT/],
      [
        post(direct, { queries: [] }, { "Neon-Batch-Isolation-Level": "constructor" }),
        400,
        /isolation/,
      ],
      [post(direct, "{not json"), 400, /JSON/],
      [post(direct, { query: 1 }), 400, /query must be a string/],
      [post(direct, { query: "select 1", params: "x" }), 400, /params must be an array/],
      [post(direct, { queries: "x" }), 400, /queries must be an array/],
      [post(direct, [1]), 400, /object/],
    ];
    for (const [pending, status, message] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      const body = await answer(res);
      expect(body.message).toMatch(message);
      expect(body.code).toBe("");
    }
  });

  it("bounds request and response sizes (413, 507)", async () => {
    const big = await post(direct, { query: "select 1", params: ["x".repeat(11 * 1024 * 1024)] });
    expect(big.status).toBe(413);
    expect(big.headers.get("connection")).toBe("close");

    const small = await startNeonHttp({
      target: { host: postgres.host, port: postgres.port },
      maxResponseBytes: 1000,
    });
    try {
      const res = await post(small, { query: "select repeat('x', 2000)", params: [] });
      expect(res.status).toBe(507);
      expect((await answer(res)).message).toMatch(/too large/);
      const ok = await post(small, { query: "select repeat('x', 10)", params: [] });
      expect(ok.status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it("keeps HTTP connections alive", async () => {
    const res = await post(direct, { query: "select 1", params: [] });
    await res.arrayBuffer();
    expect(res.headers.get("connection")).toBe("keep-alive");
    expect(res.headers.get("keep-alive")).toMatch(/timeout=65/);
  });
});

describe("neon-http: latency mode and counters", () => {
  it("holds each request and answer, a new connection one round trip more; counts requests, statements and connections", async () => {
    const delay = 100;
    const slow = await startNeonHttp({
      target: { host: postgres.host, port: postgres.port },
      delayMs: delay,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { "Neon-Connection-String": directUrl, "Neon-Raw-Text-Output": "true" };
    const sql = (body: unknown) => timedPost(slow.url, agent, JSON.stringify(body), headers);
    try {
      expect(slow.delayMs).toBe(delay);
      const opening = await sql({ query: "select 1", params: [] });
      const batch = await sql({
        queries: [
          { query: "select 1", params: [] },
          { query: "select $1::int", params: ["2"] },
        ],
      });
      slow.setDelay(0);
      const undelayed = await sql({ query: "select 3", params: [] });
      expect([opening.status, batch.status, undelayed.status]).toEqual([200, 200, 200]);
      // Timers fire up to a millisecond early against performance.now().
      expect(opening.ms).toBeGreaterThanOrEqual(4 * delay - 2);
      expect(batch.ms).toBeGreaterThanOrEqual(2 * delay - 2);
      expect(batch.ms).toBeLessThan(3 * delay);
      expect(undelayed.ms).toBeLessThan(delay);
      // The batch's BEGIN and COMMIT are the endpoint's own; its pool connection is reused.
      expect(slow.stats()).toEqual({ requests: 3, statements: 4, connections: 1 });
    } finally {
      agent.destroy();
      await slow.close();
    }
  });

  it("adds no delay by default", async () => {
    expect(direct.delayMs).toBe(0);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const reply = await timedPost(
        direct.url,
        agent,
        JSON.stringify({ query: "select 1", params: [] }),
        { "Neon-Connection-String": directUrl, "Neon-Raw-Text-Output": "true" },
      );
      expect(reply.status).toBe(200);
      expect(reply.ms).toBeLessThan(100);
    } finally {
      agent.destroy();
    }
  });
});

// Last: drizzle's neon-http driver makes the shared driver return timestamps as strings.
describe("drizzle-orm/neon-http on top", () => {
  const accounts = pgTable("accounts", {
    id: uuid("id").primaryKey().defaultRandom(),
    owner: text("owner").notNull().unique("accounts_owner_key"),
    balance: bigint("balance", { mode: "bigint" }).notNull().default(0n),
    tags: text("tags").array().notNull().default([]),
    meta: jsonb("meta").$type<{ level: number } | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  });
  const items = pgTable("items", {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    qty: integer("qty").notNull(),
  });

  it.each(TARGETS)("inserts, selects, updates and batches through $name", async ({ url }) => {
    const db = drizzle(neon(url()));
    const owner = unique("owner");
    const [created] = await db
      .insert(accounts)
      .values({ owner, balance: 9_007_199_254_740_993n, tags: ["a", "b,c"], meta: { level: 2 } })
      .returning();
    expect(created).toMatchObject({
      owner,
      balance: 9_007_199_254_740_993n,
      tags: ["a", "b,c"],
      meta: { level: 2 },
    });
    expect(created?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created?.createdAt).toBeInstanceOf(Date);

    const [found] = await db.select().from(accounts).where(eq(accounts.owner, owner));
    expect(found).toEqual(created);

    const updated = await db
      .update(accounts)
      .set({ balance: dsql`${accounts.balance} + 7` })
      .where(eq(accounts.owner, owner))
      .returning({ balance: accounts.balance });
    expect(updated).toEqual([{ balance: 9_007_199_254_741_000n }]);

    const [{ count } = { count: 0 }] = await db
      .select({ count: dsql<number>`count(*)::int` })
      .from(items);
    expect(count).toBeGreaterThanOrEqual(0);

    // db.batch is one transaction: all or nothing.
    const other = unique("owner");
    const [inserted, moved] = await db.batch([
      db.insert(accounts).values({ owner: other }).returning({ owner: accounts.owner }),
      db
        .update(accounts)
        .set({ balance: dsql`${accounts.balance} - 1000` })
        .where(eq(accounts.owner, owner))
        .returning({ balance: accounts.balance }),
    ]);
    expect(inserted).toEqual([{ owner: other }]);
    expect(moved).toEqual([{ balance: 9_007_199_254_740_000n }]);

    const third = unique("owner");
    const failure = await rejection(
      db.batch([
        db.insert(accounts).values({ owner: third }),
        db.insert(accounts).values({ owner }), // duplicate
      ]),
    );
    const cause = (failure.cause ?? failure) as NeonDbError;
    expect(cause.code).toBe("23505");
    expect(cause.constraint).toBe("accounts_owner_key");
    expect(await db.select().from(accounts).where(eq(accounts.owner, third))).toEqual([]);

    const raw = await db.execute(dsql`select ${owner}::text as owner, 1 + 1 as two`);
    expect(raw.rows).toEqual([{ owner, two: 2 }]);
  });
});
