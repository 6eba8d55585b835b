// Idle round-trip costs of the Worker's two backends, taken the way the Worker
// pays them: a Neon Pool over the WebSocket proxy and PgBouncer (new connection
// vs. a second query on it: the per-request connection setup), and one Upstash
// REST command through the bridge.
import { neonConfig, Pool } from "@neondatabase/serverless";
import { WebSocket } from "ws";
import type { StackBindings } from "../dev/stack/index.ts";
import { percentile } from "./load.ts";

export interface Probe {
  /** new Pool + connect + `select 1` (what every request that touches the DB pays first) */
  pgConnectAndQueryMs: number;
  /** `select 1` on a connection already open */
  pgQueryMs: number;
  /** one Redis command over REST */
  redisCommandMs: number;
  /** p50 of a transfer with nothing else in flight (filled in by run.ts) */
  transferAloneP50Ms?: number;
}

const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function probeRoundTrips(bindings: StackBindings, samples = 100): Promise<Probe> {
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${bindings.DB_WS_PROXY}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;

  const connect: number[] = [];
  const query: number[] = [];
  const redis: number[] = [];
  const command = {
    method: "POST",
    headers: { authorization: `Bearer ${bindings.UPSTASH_REDIS_REST_TOKEN}` },
    body: JSON.stringify(["PING"]),
  };
  for (let i = 0; i < samples; i++) {
    const pool = new Pool({ connectionString: bindings.DATABASE_URL, max: 1 });
    connect.push(await timed(() => pool.query("select 1")));
    query.push(await timed(() => pool.query("select 1")));
    await pool.end();
    redis.push(
      await timed(() => fetch(bindings.UPSTASH_REDIS_REST_URL, command).then((r) => r.text())),
    );
  }
  return {
    pgConnectAndQueryMs: median(connect),
    pgQueryMs: median(query),
    redisCommandMs: median(redis),
  };
}
