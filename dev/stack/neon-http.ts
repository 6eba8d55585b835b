/**
 * Dev/test-only HTTP server speaking Neon's SQL-over-HTTP protocol (`POST /sql`) in front of a
 * local Postgres or PgBouncer, so the HTTP driver (`neon()` from @neondatabase/serverless, and
 * drizzle-orm/neon-http) runs locally as it runs against Neon. Never part of the Worker.
 *
 * Client side:
 *   neonConfig.fetchEndpoint = () => server.url; // http://127.0.0.1:PORT/sql
 *
 * Request (what the driver sends):
 *   Neon-Connection-String: postgresql://user[:password]@host[:port]/db[?application_name=…]
 *   Neon-Raw-Text-Output: true            (required: values travel as Postgres text)
 *   Neon-Array-Mode: true                 (rows as arrays; per query `arrayMode` overrides it)
 *   Neon-Batch-Isolation-Level: ReadUncommitted | ReadCommitted | RepeatableRead | Serializable
 *   Neon-Batch-Read-Only: true, Neon-Batch-Deferrable: true   (batches only; anything else: off)
 *   body {query, params} | {queries: [{query, params}, …]}; params are strings or null (other
 *   JSON values are converted to Postgres text the way Neon does).
 * Answer 200:
 *   {fields: [{name, dataTypeID, tableID, columnID, dataTypeSize, dataTypeModifier, format}],
 *    command, rowCount, rows, rowAsArray}; a batch answers {results: [that, …]}. Every value is
 *   Postgres text or null: the driver parses it by dataTypeID.
 * Errors: 400 {message, code, severity, detail, hint, position, …, constraint, …} (Postgres'
 *   error fields; the driver copies them onto its NeonDbError). Failures without a Postgres
 *   error carry a SQLSTATE too: 08001 when no connection could be made, 08006 when it broke
 *   mid-query. Malformed requests: 400 with an empty code; 404, 405, 413 (body over the limit),
 *   507 (answer over the limit, like Neon).
 *
 * Rules:
 * - Every connection goes to the configured `target`; the connection string only chooses the
 *   database, user, password and application_name, and its host must be allowed (loopback by
 *   default), so a production connection string is refused instead of served by a local
 *   database. The target itself must be allowed too.
 * - One statement per query, always over the extended protocol (like Neon: `select 1; select 2`
 *   is an error). A batch runs in one transaction with the requested options and is rolled back
 *   on the first error.
 * - A connection returns to the pool only when it is idle outside a transaction and healthy; a
 *   stray `BEGIN`, a broken or terminated connection is discarded.
 * - Known gaps: no JWT auth (an Authorization header is refused), no JSON-typed output (raw text
 *   only), a request the client abandons runs to its end.
 * - Differs from Neon on purpose: Neon answers some connection failures with HTTP 500 and no
 *   code; here they are 400 with an 08xxx code.
 * - For the benchmark it counts requests, the statements in them and the connections it opens,
 *   and can hold every request and answer for a configurable time (`delayMs`, `setDelay`) to
 *   stand for the distance to Neon.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { HttpLatency, type Latency } from "./latency.ts";
import { listenOn } from "./ports.ts";
import { readBody } from "./read-body.ts";

export interface NeonHttpOptions {
  /** Postgres or PgBouncer that runs every query. */
  target: { host: string; port: number };
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Hosts the target and connection strings may name; default loopback only. */
  allowedHosts?: string[];
  /** Connections per (database, user, password, application_name); default 10. */
  poolSize?: number;
  /** Default 10 MiB. */
  maxRequestBytes?: number;
  /** Default 10 MiB (Neon's limit). */
  maxResponseBytes?: number;
  /**
   * Milliseconds each request is held before it runs and each answer before it is sent; a new
   * connection's first request one round trip more. Default 0: no delay.
   */
  delayMs?: number;
}

/** Totals since the server started (take differences around a measurement). */
export interface NeonHttpStats {
  /** HTTP requests: a batch is one */
  requests: number;
  /** Statements the requests asked for: each query of a batch counts, its BEGIN and COMMIT do not */
  statements: number;
  /** Connections opened to the target (the pool keeps them between requests) */
  connections: number;
}

export interface NeonHttp extends Latency {
  port: number;
  /** The `/sql` endpoint, e.g. `http://127.0.0.1:PORT/sql`: the value for neonConfig.fetchEndpoint. */
  url: string;
  /** Open connections to the target, idle and busy. */
  connections(): number;
  stats(): NeonHttpStats;
  /**
   * Cuts every connection to the target at once, idle and busy, as a network blip would
   * (a busy one fails its request with 08006; the pool replaces them on the next request).
   */
  dropAll(): void;
  /** Stops accepting, fails requests in flight, closes every connection. */
  close(): Promise<void>;
}

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];
const MIB = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;
const IDLE_TIMEOUT_MS = 30_000;
/** Longer than any client's idle reuse, so a reused keep-alive socket is never closed under it. */
const KEEP_ALIVE_MS = 65_000;

const ISOLATION_LEVELS = new Map([
  ["ReadUncommitted", "READ UNCOMMITTED"],
  ["ReadCommitted", "READ COMMITTED"],
  ["RepeatableRead", "REPEATABLE READ"],
  ["Serializable", "SERIALIZABLE"],
]);

/** Postgres' error fields, in the names the driver copies onto NeonDbError. */
const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

/** Every value stays Postgres text: the driver parses it by type OID. */
const rawText = (value: string) => value;
const RAW_TYPES = {
  getTypeParser: () => rawText,
} as unknown as pg.CustomTypesConfig;

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** Whether the default rules let the server relay to this host. */
export const isLoopbackHost = (host: string) => LOOPBACK.includes(stripBrackets(host));

/** An error answered as is: a malformed request, not a database failure. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** No connection could be made, or it broke: answered with an 08xxx SQLSTATE. */
class ConnectionError extends Error {
  constructor(
    readonly code: "08001" | "08006",
    message: string,
  ) {
    super(message);
  }
}

/** Status, JSON body and extra headers of an answer. */
type Answer = [number, string, Record<string, string>?];

interface QueryData {
  query: string;
  params: (string | null)[];
  arrayMode?: boolean;
}

interface Headers {
  database: string;
  user: string;
  password: string | undefined;
  applicationName: string | undefined;
  arrayMode: boolean;
  isolationLevel: string | undefined;
  readOnly: boolean;
  deferrable: boolean;
}

/** Converts one JSON parameter to Postgres text (strings and null are what the driver sends). */
export function toPgText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(items: unknown[]): string {
  const element = (item: unknown): string => {
    if (Array.isArray(item)) return arrayLiteral(item);
    const text = toPgText(item);
    return text === null ? "NULL" : `"${text.replace(/[\\"]/g, "\\$&")}"`;
  };
  return `{${items.map(element).join(",")}}`;
}

function parseQuery(raw: unknown): QueryData {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new RequestError(400, "each query must be an object {query, params}");
  }
  const { query, params = [], arrayMode } = raw as Record<string, unknown>;
  if (typeof query !== "string") throw new RequestError(400, "query must be a string");
  if (!Array.isArray(params)) throw new RequestError(400, "params must be an array");
  if (arrayMode !== undefined && typeof arrayMode !== "boolean") {
    throw new RequestError(400, "arrayMode must be a boolean");
  }
  return { query, params: params.map(toPgText), arrayMode };
}

/** A single query, or a batch (an array). */
function parseBody(body: string): QueryData | QueryData[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new RequestError(400, "request body is not valid JSON");
  }
  if (parsed !== null && typeof parsed === "object" && "queries" in parsed) {
    const { queries } = parsed as { queries: unknown };
    if (!Array.isArray(queries)) throw new RequestError(400, "queries must be an array");
    return queries.map(parseQuery);
  }
  return parseQuery(parsed);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new RequestError(400, "Neon-Connection-String has malformed percent-encoding");
  }
}

function parseHeaders(req: IncomingMessage, allowed: Set<string>): Headers {
  if (req.headers.authorization !== undefined) {
    throw new RequestError(400, "JWT authentication (authToken) is not supported locally");
  }
  if (header(req, "neon-raw-text-output") !== "true") {
    throw new RequestError(400, "only Neon-Raw-Text-Output: true is supported");
  }
  const connectionString = header(req, "neon-connection-string");
  if (!connectionString) throw new RequestError(400, "missing Neon-Connection-String header");
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new RequestError(400, "Neon-Connection-String is not a valid URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new RequestError(400, "Neon-Connection-String must be a postgres:// URL");
  }
  const host = stripBrackets(url.hostname);
  if (!allowed.has(host)) throw new RequestError(400, `database host not allowed: ${host}`);
  const user = decode(url.username);
  const database = decode(url.pathname.slice(1));
  if (!user || !database) {
    throw new RequestError(400, "Neon-Connection-String needs a user and a database");
  }

  const isolationLevel = header(req, "neon-batch-isolation-level");
  if (isolationLevel !== undefined && !ISOLATION_LEVELS.has(isolationLevel)) {
    throw new RequestError(400, "invalid isolation level");
  }

  return {
    database,
    user,
    password: url.password ? decode(url.password) : undefined,
    applicationName: url.searchParams.get("application_name") ?? undefined,
    arrayMode: header(req, "neon-array-mode") === "true",
    isolationLevel,
    // Like Neon: anything but "true" leaves the server default.
    readOnly: header(req, "neon-batch-read-only") === "true",
    deferrable: header(req, "neon-batch-deferrable") === "true",
  };
}

/** An error answer in Neon's shape: every Postgres field present (null if absent), code "" if none. */
function errorBody(error: unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { message: (error as Error).message };
  for (const field of ERROR_FIELDS) body[field] = null;
  body.code = "";
  if (error instanceof pg.DatabaseError) {
    for (const field of ERROR_FIELDS) body[field] = error[field] ?? null;
  } else if (error instanceof ConnectionError) {
    body.code = error.code;
  }
  return body;
}

/** Is the connection unusable after this error (lost, terminated, fatal)? */
function isBroken(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? "";
  return (
    error.severity === "FATAL" ||
    error.severity === "PANIC" ||
    code.startsWith("08") ||
    code.startsWith("57P")
  );
}

/** The transaction a batch runs in, e.g. `BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY`. */
function beginStatement(h: Headers): string {
  const level = h.isolationLevel && ISOLATION_LEVELS.get(h.isolationLevel);
  return [
    "BEGIN",
    level && `ISOLATION LEVEL ${level}`,
    h.readOnly && "READ ONLY",
    h.deferrable && "DEFERRABLE",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Runs one statement; a failure without a Postgres error is a broken connection (08006). */
async function query(client: pg.PoolClient, text: string, values: (string | null)[] = []) {
  const config = {
    text,
    values,
    rowMode: "array" as const,
    queryMode: "extended", // one statement per query, as on Neon
  };
  try {
    return await client.query(config);
  } catch (error) {
    if (error instanceof pg.DatabaseError) throw error;
    throw new ConnectionError("08006", (error as Error).message);
  }
}

async function runQuery(client: pg.PoolClient, data: QueryData, defaultArrayMode: boolean) {
  const result = await query(client, data.query, data.params);
  const arrayMode = data.arrayMode ?? defaultArrayMode;
  const names = result.fields.map((f) => f.name);
  return {
    fields: result.fields.map((f) => ({
      name: f.name,
      dataTypeID: f.dataTypeID,
      tableID: f.tableID,
      columnID: f.columnID,
      dataTypeSize: f.dataTypeSize,
      dataTypeModifier: f.dataTypeModifier,
      format: "text",
    })),
    command: result.command ?? "",
    rowCount: result.rowCount ?? null,
    rows: arrayMode
      ? result.rows
      : result.rows.map((row) => Object.fromEntries(row.map((v, i) => [names[i], v]))),
    rowAsArray: arrayMode,
  };
}

export async function startNeonHttp(options: NeonHttpOptions): Promise<NeonHttp> {
  const allowed = new Set((options.allowedHosts ?? LOOPBACK).map(stripBrackets));
  const target = { host: stripBrackets(options.target.host), port: options.target.port };
  if (!allowed.has(target.host)) {
    throw new Error(`neon-http: target host not allowed: ${target.host} (loopback only)`);
  }
  const maxRequestBytes = options.maxRequestBytes ?? 10 * MIB;
  const maxResponseBytes = options.maxResponseBytes ?? 10 * MIB;
  const pools = new Map<string, pg.Pool>();
  const open = new Set<pg.PoolClient>();
  const busy = new Set<pg.PoolClient>();
  let closing = false;
  const latency = new HttpLatency(options.delayMs);
  const stats: NeonHttpStats = { requests: 0, statements: 0, connections: 0 };

  function poolFor(h: Headers): pg.Pool {
    const key = JSON.stringify([h.database, h.user, h.password, h.applicationName]);
    let pool = pools.get(key);
    if (!pool) {
      pool = new pg.Pool({
        host: target.host,
        port: target.port,
        database: h.database,
        user: h.user,
        password: h.password,
        application_name: h.applicationName,
        types: RAW_TYPES,
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: IDLE_TIMEOUT_MS,
        allowExitOnIdle: true,
      });
      // Idle connections that die are dropped by the pool; busy ones fail their query instead.
      pool.on("error", () => {});
      pool.on("connect", (client) => {
        stats.connections++;
        open.add(client);
        client.on("error", () => {});
        client.on("end", () => open.delete(client));
      });
      pools.set(key, pool);
    }
    return pool;
  }

  async function connect(h: Headers): Promise<pg.PoolClient> {
    if (closing) throw new ConnectionError("08006", "the server is shutting down");
    try {
      return await poolFor(h).connect();
    } catch (error) {
      if (error instanceof pg.DatabaseError) throw error; // e.g. 28P01, 3D000, 53300
      throw new ConnectionError("08001", `could not connect: ${(error as Error).message}`);
    }
  }

  async function execute(h: Headers, payload: QueryData | QueryData[]) {
    const client = await connect(h);
    busy.add(client);
    let failure: unknown;
    try {
      if (!Array.isArray(payload)) return await runQuery(client, payload, h.arrayMode);
      await query(client, beginStatement(h));
      const results = [];
      for (const data of payload) results.push(await runQuery(client, data, h.arrayMode));
      await query(client, "COMMIT");
      return { results };
    } catch (error) {
      failure = error;
      // A failed ROLLBACK leaves the connection outside "idle", so it is discarded below.
      if (Array.isArray(payload) && !isBroken(error)) {
        await query(client, "ROLLBACK").catch(() => {});
      }
      throw error;
    } finally {
      busy.delete(client);
      const healthy = failure === undefined || !isBroken(failure);
      client.release(!(healthy && client.getTransactionStatus() === "I"));
    }
  }

  async function handle(req: IncomingMessage): Promise<Answer> {
    const path = new URL(req.url ?? "/", "http://neon-http").pathname;
    if (path !== "/sql") throw new RequestError(404, "not found (expected POST /sql)");
    if (req.method !== "POST") throw new RequestError(405, "method not allowed (expected POST)");
    const headers = parseHeaders(req, allowed);
    const body = await readBody(req, maxRequestBytes);
    if (body === null) throw new RequestError(413, "request body too large");
    const payload = parseBody(body);
    stats.statements += Array.isArray(payload) ? payload.length : 1;
    const json = JSON.stringify(await execute(headers, payload));
    if (Buffer.byteLength(json) > maxResponseBytes) {
      throw new RequestError(507, `response is too large (max is ${maxResponseBytes} bytes)`);
    }
    // Like Neon, a batch's answer names the transaction options it applied.
    const applied: Record<string, string> = {};
    if (Array.isArray(payload)) {
      if (headers.isolationLevel) applied["Neon-Batch-Isolation-Level"] = headers.isolationLevel;
      if (headers.readOnly) applied["Neon-Batch-Read-Only"] = "true";
      if (headers.deferrable) applied["Neon-Batch-Deferrable"] = "true";
    }
    return [200, json, applied];
  }

  async function answer(req: IncomingMessage): Promise<Answer> {
    try {
      return await handle(req);
    } catch (error) {
      if (error instanceof RequestError) {
        const close = error.status === 413 ? { Connection: "close" } : undefined;
        return [error.status, JSON.stringify(errorBody(error)), close];
      }
      if (error instanceof pg.DatabaseError || error instanceof ConnectionError) {
        return [400, JSON.stringify(errorBody(error))];
      }
      return [500, JSON.stringify({ message: `internal error: ${(error as Error).message}` })];
    }
  }

  const server = createServer(async (req, res) => {
    stats.requests++;
    const arriving = latency.inbound(req.socket);
    if (arriving) await arriving;
    const [status, body, extra] = await answer(req);
    const leaving = latency.outbound();
    if (leaving) await leaving;
    send(res, status, body, extra);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;

  const { port, urlHost } = await listenOn(server, options.port, options.host ?? "127.0.0.1");

  return {
    port,
    url: `http://${urlHost}:${port}/sql`,
    connections: () => [...pools.values()].reduce((n, pool) => n + pool.totalCount, 0),
    stats: () => ({ ...stats }),
    dropAll: () => {
      // pg keeps the socket on the client's connection (not in its types): destroying it is
      // the abrupt cut a network failure is, unlike end(), which says goodbye first.
      for (const client of open) {
        (
          client as unknown as { connection: { stream: { destroy(): void } } }
        ).connection.stream.destroy();
      }
    },
    get delayMs() {
      return latency.delayMs;
    },
    setDelay: (ms: number) => latency.setDelay(ms),
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // keep-alive sockets would hold close()
      // Ending a busy client fails its query; its request then releases it.
      for (const client of busy) client.end().catch(() => {});
      await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => {})));
      pools.clear();
      await closed;
    },
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}
