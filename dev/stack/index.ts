// The local stack, shaped like production: Postgres → PgBouncer (transaction
// mode, like Neon's pooled endpoint) → WebSocket proxy (like Neon's edge) for
// the Neon driver, and a real Redis behind an Upstash-REST bridge. `npm run dev`,
// the test suite and the benchmark all start it through this one function.
// A Neon SQL-over-HTTP endpoint for `neon()` runs in front of the same pooler.

import { randomBytes } from "node:crypto";
import path from "node:path";
import { migrateDatabase } from "./migrate.ts";
import { isLoopbackHost, type NeonHttp, startNeonHttp } from "./neon-http.ts";
import { startPgBouncer } from "./pgbouncer.ts";
import { createDatabase, databaseUrl, dropDatabase, resolvePostgres } from "./postgres.ts";
import { receiptKeyBindings } from "./receipt-keys.ts";
import { resolveRedis } from "./redis.ts";
import { startUpstashBridge, type UpstashBridge } from "./upstash-bridge.ts";
import { startWsProxy, type WsProxy } from "./ws-proxy.ts";

export interface StackOptions {
  /** Database to use; created if missing. */
  databaseName: string;
  /** Drop and recreate the database first (tests), and drop it on close. */
  ephemeral?: boolean;
  /** Where embedded Postgres, PgBouncer and Redis keep their files. */
  workDir?: string;
  /** Fixed ports for the proxy, bridge and Neon HTTP endpoint (dev); 0 picks free ones. */
  wsProxyPort?: number;
  bridgePort?: number;
  neonHttpPort?: number;
  pgbouncerPoolSize?: number;
  /** A Redis to use instead of REDIS_URL or the local one (the bank test's own server). */
  redisUrl?: string;
  /**
   * Simulated distance from the Worker to its backends: the WebSocket proxy, the Neon HTTP
   * endpoint and the Upstash bridge hold every request, answer and message this many ms each
   * way, and a new connection one round trip more. Default 0 (no delay); `setBackendDelay`
   * changes it on the running stack.
   */
  backendDelayMs?: number;
  log?: (message: string) => void;
}

/** What the Worker needs to reach the stack, as string bindings. */
export interface StackBindings {
  DATABASE_URL: string;
  DB_WS_PROXY: string;
  /** The local SQL-over-HTTP endpoint (absent when the database is not on this machine). */
  DB_HTTP_ENDPOINT?: string;
  DB_PIPELINE_CONNECT: "false";
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  /** The receipt signing key (a local pair: nothing to set by hand). */
  RECEIPT_SIGNING_KEY: string;
  RECEIPT_KEY_ID: string;
}

export interface Stack {
  bindings: StackBindings;
  /** Direct URL of the database (migrations, seeding, test assertions). */
  directDatabaseUrl: string;
  /** URL of a maintenance database on the same server. */
  adminDatabaseUrl: string;
  redisUrl: string;
  pooled: boolean;
  wsProxy: WsProxy;
  /** The Upstash REST bridge in front of `redisUrl`. */
  bridge: UpstashBridge;
  /**
   * Neon's SQL-over-HTTP endpoint for `neon()` (`neonConfig.fetchEndpoint = () => url`), in
   * front of the same pooler as DATABASE_URL. Null when that database is not on this machine:
   * the endpoint only relays to loopback.
   */
  neonHttp: NeonHttp | null;
  /** Sets the delay of all three servers at once; connections already open pay no handshake. */
  setBackendDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const workDir = path.resolve(options.workDir ?? ".data");
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };

  try {
    const postgres = await resolvePostgres({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: path.join(workDir, "postgres"),
      log,
    });
    closers.push(() => postgres.close());
    const adminDatabaseUrl = postgres.url;
    const directDatabaseUrl = databaseUrl(adminDatabaseUrl, options.databaseName);

    if (options.ephemeral) await dropDatabase(adminDatabaseUrl, options.databaseName);
    await createDatabase(adminDatabaseUrl, options.databaseName).catch(
      (error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // 42P04: already exists
      },
    );
    if (options.ephemeral) {
      closers.push(() => dropDatabase(adminDatabaseUrl, options.databaseName));
    }
    await migrateDatabase(directDatabaseUrl);

    const pgbouncer = await startPgBouncer({
      upstreamHost: postgres.host,
      upstreamPort: postgres.port,
      workDir: path.join(workDir, "pgbouncer"),
      poolSize: options.pgbouncerPoolSize,
      upstreamUser: postgres.user,
      upstreamPassword: postgres.password,
      log,
    });
    if (pgbouncer) closers.push(() => pgbouncer.close());
    else
      log(
        "pgbouncer: not installed; the Worker talks to Postgres directly (apt-get install pgbouncer to pool like Neon)",
      );

    const workerDbUrl = new URL(directDatabaseUrl);
    if (pgbouncer) {
      workerDbUrl.hostname = pgbouncer.host;
      workerDbUrl.port = String(pgbouncer.port);
    }

    const delayMs = options.backendDelayMs ?? 0;
    const wsProxy = await startWsProxy({ port: options.wsProxyPort ?? 0, delayMs });
    closers.push(() => wsProxy.close());

    const dbTarget = { host: workerDbUrl.hostname, port: Number(workerDbUrl.port || 5432) };
    let neonHttp: NeonHttp | null = null;
    if (isLoopbackHost(dbTarget.host)) {
      const started = await startNeonHttp({
        port: options.neonHttpPort ?? 0,
        target: dbTarget,
        delayMs,
      });
      closers.push(() => started.close());
      neonHttp = started;
    } else {
      log(`neon-http: not started; ${dbTarget.host} is not on this machine`);
    }

    const redis = await resolveRedis({
      redisUrl: options.redisUrl ?? process.env.REDIS_URL,
      workDir: path.join(workDir, "redis"),
      log,
    });
    closers.push(() => redis.close());
    const token = randomBytes(24).toString("hex");
    const bridge = await startUpstashBridge({
      port: options.bridgePort ?? 0,
      redisUrl: redis.url,
      token,
      delayMs,
    });
    closers.push(() => bridge.close());

    return {
      bindings: {
        DATABASE_URL: workerDbUrl.toString(),
        DB_WS_PROXY: `127.0.0.1:${wsProxy.port}`,
        ...(neonHttp ? { DB_HTTP_ENDPOINT: neonHttp.url } : {}),
        DB_PIPELINE_CONNECT: "false",
        UPSTASH_REDIS_REST_URL: bridge.url,
        UPSTASH_REDIS_REST_TOKEN: token,
        ...receiptKeyBindings(workDir, !options.ephemeral),
      },
      directDatabaseUrl,
      adminDatabaseUrl,
      redisUrl: redis.url,
      pooled: Boolean(pgbouncer),
      wsProxy,
      bridge,
      neonHttp,
      setBackendDelay: (ms) => {
        for (const server of [wsProxy, bridge, neonHttp]) server?.setDelay(ms);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
