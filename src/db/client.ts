import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle, type NeonDatabase } from "drizzle-orm/neon-serverless";
import type { Config } from "../config";

// No relational schema is passed: every query names its tables, and drizzle would
// otherwise rebuild the schema config on each request (each request has its own Pool).
export type Database = NeonDatabase;

/**
 * The one place that decides how the Neon driver reaches Postgres. In
 * production it talks to Neon's own WebSocket endpoint; locally DB_WS_PROXY
 * points at our WebSocket→TCP proxy (plain ws, no TLS), and a trust-auth
 * server cannot take the pipelined password startup.
 */
function configureNeon(config: Config): void {
  const proxy = config.DB_WS_PROXY;
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
  }
  neonConfig.pipelineConnect = config.DB_PIPELINE_CONNECT === "password" ? "password" : false;
}

/**
 * One Pool per request: I/O objects belong to the request that made them in
 * workerd, so a module-level Pool would hang other requests.
 */
export function openDatabase(config: Config): { db: Database; pool: Pool } {
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
  return { db: drizzle({ client: pool }), pool };
}

/** Ends a pool; errors while its sockets close under it are expected and dropped. */
export function closePool(pool: Pool): Promise<void> {
  pool.removeAllListeners("error");
  pool.on("error", () => undefined);
  return pool.end().catch(() => undefined);
}
