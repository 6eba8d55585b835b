// Faults injected while the clients pay: each breaks one part of the production
// shape (Postgres, the pooled connections, Redis, the Worker) for a moment, then
// heals it; the run measures how long the API takes to answer normally again.
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";

/** application_name of the test's own connections, which the faults spare. */
export const OBSERVER = "bank-test-observer";

export interface Fault {
  name: string;
  /** Breaks something and, after a while, repairs it. */
  run(): Promise<void>;
}

export interface FaultWindow {
  name: string;
  startedAt: number;
  healedAt: number;
  /** First healthy answer after healing, or null if none came in time. */
  recoveredAt: number | null;
}

export interface FaultTargets {
  /** A connection to a maintenance database of the same server (it survives the faults). */
  admin: pg.Client;
  database: string;
  /** Cuts the WebSocket↔PgBouncer pairs and the SQL endpoint's connections to PgBouncer. */
  dropPooledConnections(): void;
  redisPid(): number;
  restartRedis(): Promise<void>;
  restartWorker(): Promise<void>;
}

/** Does `times` rounds of `action`, `gapMs` apart. */
async function repeat(times: number, gapMs: number, action: () => unknown) {
  for (let i = 0; i < times; i++) {
    await action();
    await sleep(gapMs);
  }
}

export function faults(targets: FaultTargets): Fault[] {
  return [
    {
      // Every server process of the database dies, mid-query or idle; PgBouncer reconnects.
      name: "postgres backends terminated",
      run: () =>
        repeat(3, 500, () =>
          targets.admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity
             where datname = $1 and application_name <> $2 and pid <> pg_backend_pid()`,
            [targets.database, OBSERVER],
          ),
        ),
    },
    {
      // Every connection from Neon's edge stand-ins (WebSocket proxy and SQL-over-HTTP
      // endpoint) to PgBouncer is cut, mid-statement or idle, as a network blip would.
      name: "pooled connections dropped",
      run: () => repeat(3, 500, () => targets.dropPooledConnections()),
    },
    {
      // Redis stops answering (frozen, not gone): calls hang until they time out.
      name: "redis paused 3 s",
      run: async () => {
        process.kill(targets.redisPid(), "SIGSTOP");
        await sleep(3_000);
        process.kill(targets.redisPid(), "SIGCONT");
      },
    },
    {
      // Redis dies and comes back empty: sessions, rate limits and in-flight locks are gone.
      name: "redis restarted (data lost)",
      run: () => targets.restartRedis(),
    },
    {
      // The Worker process is killed and started again (a deploy or an isolate eviction).
      name: "worker restarted",
      run: () => targets.restartWorker(),
    },
  ];
}

/** Polls the health route until it answers 200; the time it did, or null after `timeoutMs`. */
export async function waitHealthy(baseUrl: string, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return Date.now();
    await sleep(100);
  }
  return null;
}
