import { neon, neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle as drizzleHttp, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import { drizzle as drizzlePool, type NeonDatabase } from "drizzle-orm/neon-serverless";
import type { Config } from "../config";

// No relational schema is passed: every query names its tables, and drizzle would
// otherwise rebuild the schema config for every client.

/**
 * Postgres over HTTP: one statement (or one non-interactive batch) per fetch, with no
 * connection to open first, so a statement costs one round trip. Every route uses it.
 */
export type Database = NeonHttpDatabase;

/**
 * Postgres over a WebSocket Pool, for the few writes that need an interactive
 * transaction (read, decide in code, write under the same locks). Opening it costs
 * a connection (several round trips): keep it off the paths people tap often.
 */
export type TransactionalDatabase = NeonDatabase;

/**
 * The one place that decides how the Neon driver reaches Postgres. In production
 * both drivers talk to Neon's own endpoints for DATABASE_URL's host; locally
 * DB_HTTP_ENDPOINT and DB_WS_PROXY point at stand-ins (plain HTTP and ws, no TLS),
 * and a trust-auth server cannot take the pipelined password startup.
 */
function configureNeon(config: Config): void {
  const endpoint = config.DB_HTTP_ENDPOINT;
  if (endpoint) neonConfig.fetchEndpoint = () => endpoint;
  const proxy = config.DB_WS_PROXY;
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
  }
  neonConfig.pipelineConnect = config.DB_PIPELINE_CONNECT === "password" ? "password" : false;
}

// The HTTP client holds settings only (each query is its own fetch, made inside the
// request that runs it), so one per isolate and config is safe, unlike a Pool.
const httpDatabases = new WeakMap<Config, Database>();

export function openHttpDatabase(config: Config): Database {
  let db = httpDatabases.get(config);
  if (!db) {
    configureNeon(config);
    db = drizzleHttp({ client: neon(config.DATABASE_URL) });
    httpDatabases.set(config, db);
  }
  return db;
}

/**
 * One Pool per request: I/O objects belong to the request that made them in
 * workerd, so a module-level Pool would hang other requests.
 */
export function openPooledDatabase(config: Config): { db: TransactionalDatabase; pool: Pool } {
  configureNeon(config);
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    max: 4,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client dying (server restart) must not take the isolate down.
  pool.on("error", (error: Error) =>
    console.warn(JSON.stringify({ level: "warn", pool: error.message })),
  );
  return { db: drizzlePool({ client: pool }), pool };
}

/** Ends a pool; errors while its sockets close under it are expected and dropped. */
export function closePool(pool: Pool): Promise<void> {
  pool.removeAllListeners("error");
  pool.on("error", () => undefined);
  return pool.end().catch(() => undefined);
}
