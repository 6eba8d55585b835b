// Where the time goes, measured rather than guessed: CPU per process group from
// /proc (Linux; skipped elsewhere), queries and server time per request from
// PgBouncer's SHOW STATS (our own PgBouncer: only this run's traffic), Redis
// commands per request from INFO commandstats (the server may be shared: approximate),
// and what the Worker asked of its backends, counted exactly where it arrives: the
// Upstash bridge, the WebSocket proxy and the Neon HTTP endpoint.
import { readdirSync, readFileSync } from "node:fs";
import { Redis } from "ioredis";
import pg from "pg";
import type { Stack } from "../dev/stack/index.ts";

/** USER_HZ: /proc reports CPU time in these ticks on every mainstream Linux. */
const TICKS_PER_SECOND = 100;

interface Snapshot {
  at: number;
  /** CPU ticks per group */
  cpu: Map<string, number>;
  machineBusy: number;
  pgbouncer?: Record<string, number>;
  redis: Map<string, number>;
  backends?: BackendCounts;
}

/** What the Worker sent its backends (totals, or per request in a Breakdown). */
export interface BackendCounts {
  /** HTTP requests to Upstash: a pipeline or one EVALSHA is one */
  redisRequests: number;
  /** Redis commands in them */
  redisCommands: number;
  /** SQL statements by either path (WebSocket + HTTP) */
  sqlStatements: number;
  /** statements over the WebSocket: Simple Query and Execute messages */
  sqlWsStatements: number;
  /** statements over HTTP: each query of a batch */
  sqlHttpStatements: number;
  /** HTTP requests to the SQL endpoint: a batch is one */
  sqlHttpRequests: number;
  /** new Postgres connections: WebSockets opened, plus the HTTP endpoint's pool growing */
  pgConnections: number;
  /** WebSockets whose Postgres stream could not be followed (their statements are missing) */
  uncountedConnections: number;
}

/** Reads the counters of the stack's three servers. */
export function backendCounts(
  stack: Pick<Stack, "bridge" | "wsProxy" | "neonHttp">,
): BackendCounts {
  const redis = stack.bridge.stats();
  const ws = stack.wsProxy.stats();
  const http = stack.neonHttp?.stats() ?? { requests: 0, statements: 0, connections: 0 };
  const sqlWsStatements = ws.queries + ws.executes;
  return {
    redisRequests: redis.requests,
    redisCommands: redis.commands,
    sqlStatements: sqlWsStatements + http.statements,
    sqlWsStatements,
    sqlHttpStatements: http.statements,
    sqlHttpRequests: http.requests,
    pgConnections: ws.connections + http.connections,
    uncountedConnections: ws.uncounted,
  };
}

export interface Breakdown {
  /** cores used during the window, per process group and for the whole machine */
  cores: Record<string, number>;
  /** CPU milliseconds per request, per process group */
  cpuMsPerRequest: Record<string, number>;
  /** statements and transactions per request through PgBouncer, and server time */
  pg?: { queries: number; transactions: number; queryMs: number; waitMs: number };
  /** Redis commands per request, by command */
  redis: Record<string, number>;
  /** What the Worker sent its backends, per request */
  backends?: BackendCounts;
}

/** Postgres sessions of the benchmark database, averaged over samples every 100 ms. */
export interface LockSample {
  active: number;
  /** waiting for a row lock: the hot-row queue (platform card, merchant card) */
  waitingOnLocks: number;
}

function readProcesses(): Map<number, { ppid: number; comm: string; ticks: number }> {
  const processes = new Map<number, { ppid: number; comm: string; ticks: number }>();
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return processes;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" "); // from field 3 (state) on
      processes.set(Number(pid), {
        ppid: Number(fields[1]),
        comm: stat.slice(stat.indexOf("(") + 1, close),
        ticks: Number(fields[11]) + Number(fields[12]), // utime + stime
      });
    } catch {
      // exited meanwhile
    }
  }
  return processes;
}

function machineBusyTicks(): number {
  try {
    const [, ...values] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").split(/\s+/);
    const ticks = values.filter(Boolean).map(Number);
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return total - (ticks[3] ?? 0) - (ticks[4] ?? 0); // minus idle and iowait
  } catch {
    return 0;
  }
}

export class Metrics {
  private pgbouncer?: pg.Client;
  private redis: Redis;

  constructor(
    private readonly options: {
      workerPid: number;
      database: string;
      /** Direct connection to the benchmark database: which Postgres backends serve it. */
      db: pg.Client;
      redisUrl: string;
      pgbouncer?: { host: string; port: number };
      /** The backends' own counters, read at the same instant as the CPU counters. */
      backends?: () => BackendCounts;
    },
  ) {
    this.redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  }

  async open(): Promise<void> {
    await this.redis.connect();
    if (!this.options.pgbouncer) return;
    // PgBouncer's admin console: the "pgbouncer" database, simple queries only.
    this.pgbouncer = new pg.Client({
      ...this.options.pgbouncer,
      user: "postgres",
      database: "pgbouncer",
    });
    await this.pgbouncer.connect();
  }

  private lockTimer?: NodeJS.Timeout;
  private locks = { samples: 0, active: 0, waiting: 0 };

  /** Samples pg_stat_activity until unwatch(): how many statements run, how many queue on locks. */
  watch(): void {
    this.locks = { samples: 0, active: 0, waiting: 0 };
    this.lockTimer = setInterval(() => {
      this.options.db
        .query<{ active: number; waiting: number }>(
          `select count(*) filter (where state = 'active')::int as active,
                  count(*) filter (where wait_event_type = 'Lock')::int as waiting
           from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
          [this.options.database],
        )
        .then(({ rows }) => {
          this.locks.samples++;
          this.locks.active += rows[0]?.active ?? 0;
          this.locks.waiting += rows[0]?.waiting ?? 0;
        })
        .catch(() => undefined);
    }, 100);
  }

  unwatch(): LockSample {
    clearInterval(this.lockTimer);
    const { samples, active, waiting } = this.locks;
    return { active: active / samples, waitingOnLocks: waiting / samples };
  }

  async close(): Promise<void> {
    clearInterval(this.lockTimer);
    this.redis.disconnect();
    await this.pgbouncer?.end().catch(() => undefined);
  }

  /** Which group a process belongs to; null: not part of this benchmark. */
  private group(
    pid: number,
    processes: ReturnType<typeof readProcesses>,
    backends: Map<number, string>,
  ): string | null {
    const comm = processes.get(pid)?.comm ?? "";
    if (pid === process.pid) return "bench node (load, ws-proxy, bridge)";
    const backend = backends.get(pid);
    if (backend) return backend;
    if (comm === "redis-server") return "redis (server)";
    for (let at = processes.get(pid)?.ppid ?? 0, depth = 0; at > 1 && depth < 20; depth++) {
      if (at === this.options.workerPid) return comm === "workerd" ? "workerd" : "wrangler (node)";
      if (at === process.pid) return comm === "pgbouncer" ? "pgbouncer" : null;
      at = processes.get(at)?.ppid ?? 0;
    }
    return null;
  }

  /** Takes the CPU counters synchronously (the moment it is called), then the stats. */
  async snapshot(): Promise<Snapshot> {
    const at = performance.now();
    const processes = readProcesses();
    const machineBusy = machineBusyTicks();
    const counts = this.options.backends?.();
    // PgBouncer keeps its server connections, so our backends are the same all window
    // long; background processes (WAL writer, checkpointer, autovacuum) count as ours too,
    // backends of other databases on a shared server do not.
    const { rows } = await this.options.db.query<{
      pid: number;
      datname: string | null;
      backend_type: string;
    }>("select pid, datname, backend_type from pg_stat_activity where pid <> pg_backend_pid()");
    const backends = new Map<number, string>();
    for (const row of rows) {
      if (row.backend_type !== "client backend") backends.set(row.pid, "postgres (background)");
      else if (row.datname === this.options.database) backends.set(row.pid, "postgres (backends)");
    }
    const cpu = new Map<string, number>();
    for (const [pid, info] of processes) {
      const group = this.group(pid, processes, backends);
      if (group) cpu.set(group, (cpu.get(group) ?? 0) + info.ticks);
    }
    // A failed stats read only loses that part of the breakdown.
    const [pgbouncer, redis] = await Promise.all([
      this.pgbouncerStats().catch(() => undefined),
      this.redisStats().catch(() => new Map<string, number>()),
    ]);
    return { at, cpu, machineBusy, pgbouncer, redis, backends: counts };
  }

  private async pgbouncerStats(): Promise<Record<string, number> | undefined> {
    if (!this.pgbouncer) return undefined;
    const { rows } = await this.pgbouncer.query<Record<string, string>>("SHOW STATS");
    const row = rows.find((r) => r.database === this.options.database);
    return row
      ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]))
      : undefined;
  }

  private async redisStats(): Promise<Map<string, number>> {
    const info = await this.redis.info("commandstats");
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      calls.set(match[1] as string, Number(match[2]));
    }
    return calls;
  }

  breakdown(before: Snapshot, after: Snapshot, requests: number): Breakdown {
    const seconds = (after.at - before.at) / 1000;
    const perRequest = (value: number) => (requests ? value / requests : Number.NaN);
    const cores: Record<string, number> = {};
    const cpuMsPerRequest: Record<string, number> = {};
    const groups = new Set([...before.cpu.keys(), ...after.cpu.keys()]);
    for (const group of groups) {
      const ticks = (after.cpu.get(group) ?? 0) - (before.cpu.get(group) ?? 0);
      cores[group] = ticks / TICKS_PER_SECOND / seconds;
      cpuMsPerRequest[group] = perRequest((ticks / TICKS_PER_SECOND) * 1000);
    }
    const attributed = Object.values(cores).reduce((sum, value) => sum + value, 0);
    const machine = (after.machineBusy - before.machineBusy) / TICKS_PER_SECOND / seconds;
    cores["machine (all processes)"] = machine;
    // Anything else running on the box (other test runs, editors) competes for the same cores.
    cores["not this benchmark"] = Math.max(0, machine - attributed);

    const delta = (key: string) => (after.pgbouncer?.[key] ?? 0) - (before.pgbouncer?.[key] ?? 0);
    const pg =
      before.pgbouncer && after.pgbouncer
        ? {
            queries: perRequest(delta("total_query_count")),
            transactions: perRequest(delta("total_xact_count")),
            queryMs: perRequest(delta("total_query_time") / 1000), // PgBouncer counts µs
            waitMs: perRequest(delta("total_wait_time") / 1000),
          }
        : undefined;

    const redis: Record<string, number> = {};
    for (const [command, calls] of after.redis) {
      const perReq = perRequest(calls - (before.redis.get(command) ?? 0));
      if (perReq >= 0.01) redis[command] = perReq;
    }
    let backends: BackendCounts | undefined;
    if (before.backends && after.backends) {
      const [start, end] = [before.backends, after.backends];
      const keys = Object.keys(end) as (keyof BackendCounts)[];
      backends = Object.fromEntries(
        keys.map((key) => [key, perRequest(end[key] - start[key])]),
      ) as unknown as BackendCounts;
    }
    return { cores, cpuMsPerRequest, pg, redis, backends };
  }
}
