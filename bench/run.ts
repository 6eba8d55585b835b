// `npm run bench [-- --users 1000 --concurrency 16 --seconds 20 --warmup 3
//                    --delay-ms 25 --latency-samples 30 --load-delay-ms 0]`
// The production-shaped local stack (Postgres → PgBouncer → WebSocket proxy and Neon
// SQL-over-HTTP endpoint, Redis behind the Upstash bridge) and the Worker under
// `wrangler dev`, seeded with funded cards, driven scenario by scenario at a fixed
// concurrency; then pgbench on the same Postgres for the ceiling, a reconciliation of
// the ledger, and the report.
// The latency probe first sends every scenario's requests one at a time with the
// backends 0 and D ms away (`--delay-ms D`; 0 skips it), for the round trips on each
// request's critical path; `--load-delay-ms` runs the throughput scenarios with the
// backends that far away too (default 0: nearby, as the throughput numbers assume).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startStack } from "../dev/stack/index.ts";
import { buildWorker, startWorker } from "../dev/stack/worker.ts";
import { chainCheck, chainSeededEntries, measureChainCost, printChainCost } from "./chain.ts";
import { httpClient, runLoad } from "./load.ts";
import { backendCounts, type LockSample, Metrics } from "./metrics.ts";
import { runPgbench } from "./pgbench.ts";
import { probeRoundTrips } from "./probe.ts";
import { reconcile } from "./reconcile.ts";
import { evaluateTargets, printReport, type Row, withRatios, writeResults } from "./report.ts";
import { type LatencyProbe, probeLatency } from "./round-trips.ts";
import { pick, randomPair, scenarios } from "./scenarios.ts";
import { logIn, seedFixtures } from "./seed.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "16" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    "delay-ms": { type: "string", default: "25" },
    "latency-samples": { type: "string", default: "30" },
    "load-delay-ms": { type: "string", default: "0" },
  },
});
const options = {
  users: Number(values.users),
  concurrency: Number(values.concurrency),
  seconds: Number(values.seconds),
  warmup: Number(values.warmup),
  delayMs: Number(values["delay-ms"]),
  latencySamples: Number(values["latency-samples"]),
  loadDelayMs: Number(values["load-delay-ms"]),
};
for (const [flag, value] of Object.entries(values)) {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new Error(`bench: --${flag} must be a number ≥ 0`);
}
const DATABASE = "chontak_bench";
const WARMUP_SECONDS = 15;
const began = performance.now();
const log = (message: string) =>
  console.log(`[bench +${((performance.now() - began) / 1000).toFixed(1)}s] ${message}`);

// Everything started is stopped in reverse order, once, on success, error or Ctrl-C
// (npm forwards the signal too, so it can arrive twice).
const cleanups: (() => Promise<unknown>)[] = [];
let stopping: Promise<void> | undefined;
function cleanup(): Promise<void> {
  stopping ??= (async () => {
    for (let next = cleanups.pop(); next; next = cleanups.pop())
      await next().catch(() => undefined);
  })();
  return stopping;
}
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    if (!stopping) log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(code));
  });
}

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  const tmp = await mkdtemp(path.join(os.tmpdir(), "chontak-bench-"));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));

  log("bundling the Worker (wrangler deploy --dry-run)");
  const { entry, size } = await buildWorker(tmp);
  log("starting the stack");
  const stack = await startStack({
    databaseName: DATABASE,
    ephemeral: true,
    pgbouncerPoolSize: 20,
    log,
  });
  cleanups.push(() => stack.close());
  const db = new pg.Client({ connectionString: stack.directDatabaseUrl });
  await db.connect();
  cleanups.push(() => db.end());

  log(`seeding ${options.users} users with funded cards and 500 000 history rows`);
  const fixtures = await seedFixtures(db, options.users);
  log(`chaining ${await chainSeededEntries(db)} seeded history entries into their hash chains`);

  log("starting wrangler dev");
  const worker = await startWorker(
    entry,
    {
      ...stack.bindings,
      JWT_SECRET: `bench-secret-${randomUUID()}`,
      BCRYPT_COST: "4", // bcrypt is not what we measure
      RATE_LIMIT_MULTIPLIER: "100000", // the limits stay in the path, but never throttle
      ACCESS_TOKEN_EXPIRE_MINUTES: "60", // outlives the run
    },
    path.join(tmp, "state"),
  );
  cleanups.push(() => worker.stop());
  const send = httpClient(worker.url, options.concurrency + 8);

  const senders = [...fixtures.users, ...fixtures.premium, fixtures.heavy, fixtures.light];
  log(`logging in ${senders.length} users through the API`);
  await logIn(send, senders);

  const pooler = stack.pooled ? new URL(stack.bindings.DATABASE_URL) : undefined;
  const metrics = new Metrics({
    workerPid: worker.pid,
    database: DATABASE,
    db,
    redisUrl: stack.redisUrl,
    pgbouncer: pooler && { host: pooler.hostname, port: Number(pooler.port) },
    backends: () => backendCounts(stack),
  });
  await metrics.open();
  cleanups.push(() => metrics.close());
  const since = (await db.query<{ now: Date }>("select now()")).rows[0]?.now as Date;
  const plan = scenarios(fixtures);

  // The Worker's JIT and heap keep warming for ~1 000 requests: without this, whichever
  // scenario runs first pays for it (measured: ~20% fewer req/s for the same scenario).
  log(`warming the Worker up: ${WARMUP_SECONDS} s of every scenario mixed`);
  const mixed = await runLoad({
    concurrency: options.concurrency,
    seconds: 0,
    warmupSeconds: WARMUP_SECONDS,
    send,
    next: () => pick(plan)[1](),
  });
  log(`warm-up answers by status: ${JSON.stringify(mixed.allStatuses)}`);

  log("probing idle round-trip costs and a transfer at concurrency 1");
  const serial = await runLoad({
    concurrency: 1,
    seconds: 3,
    warmupSeconds: 1,
    send,
    next: () => randomPair(fixtures.users),
  });
  const probe = { ...(await probeRoundTrips(stack.bindings)), transferAloneP50Ms: serial.p50 };
  let seen201 = (mixed.allStatuses["201"] ?? 0) + (serial.allStatuses["201"] ?? 0);

  let latency: LatencyProbe | null = null;
  if (options.delayMs > 0) {
    log(
      `latency probe: ${plan.length} scenarios × ${options.latencySamples} requests one at a time, ` +
        `backends alternately 0 and ${options.delayMs} ms away`,
    );
    const ping = {
      method: "POST",
      headers: { authorization: `Bearer ${stack.bindings.UPSTASH_REDIS_REST_TOKEN}` },
      body: JSON.stringify(["PING"]),
    };
    latency = await probeLatency({
      delayMs: options.delayMs,
      samples: options.latencySamples,
      send,
      setDelay: (ms) => stack.setBackendDelay(ms),
      plan,
      oneRoundTrip: () => fetch(stack.bindings.UPSTASH_REDIS_REST_URL, ping).then((r) => r.text()),
    });
    for (const row of latency.rows) {
      seen201 += row.statuses["201"] ?? 0;
      log(`${row.scenario}: ${Math.max(0, row.roundTrips).toFixed(1)} round trips`);
    }
  }

  if (options.loadDelayMs > 0) {
    log(`throughput scenarios with the backends ${options.loadDelayMs} ms away`);
    stack.setBackendDelay(options.loadDelayMs);
  }
  const rows: Row[] = [];
  for (const [scenario, next] of plan) {
    log(
      `${scenario}: ${options.warmup} s warm-up + ${options.seconds} s at concurrency ${options.concurrency}`,
    );
    let before: ReturnType<Metrics["snapshot"]> | undefined;
    let after: ReturnType<Metrics["snapshot"]> | undefined;
    let locks: LockSample | undefined;
    const result = await runLoad({
      concurrency: options.concurrency,
      seconds: options.seconds,
      warmupSeconds: options.warmup,
      send,
      next,
      onWindowStart: () => {
        before = metrics.snapshot();
        metrics.watch();
      },
      onWindowEnd: () => {
        after = metrics.snapshot();
        locks = metrics.unwatch();
      },
    });
    seen201 += result.allStatuses["201"] ?? 0;
    const breakdown =
      before && after ? metrics.breakdown(await before, await after, result.requests) : undefined;
    const roundTrips = latency?.rows.find((row) => row.scenario === scenario);
    rows.push({ scenario, ...result, breakdown, locks, roundTrips });
    log(
      `${scenario}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    );
  }

  stack.setBackendDelay(0);

  log("reconciling the ledger");
  const checks = await reconcile(db, since, seen201);
  log("the hash chain's cost: the same transfer chained and unchained, then the whole proof");
  const chain = await measureChainCost(db, fixtures.users);
  checks.push(chainCheck(chain));

  log(`pg-limit: pgbench -b tpcb-like -c ${options.concurrency} -j 2 -T ${options.seconds}`);
  const pgbench = await runPgbench(stack.adminDatabaseUrl, { ...options, tmp });
  let pgLimit: string | null = null;
  if ("skipped" in pgbench) pgLimit = `skipped: ${pgbench.skipped}`;
  else {
    rows.push({
      scenario: "pg-limit",
      rps: pgbench.tps,
      ...pgbench,
      requests: pgbench.transactions,
      errors: {},
    });
    pgLimit = `pgbench tps ${pgbench.tps.toFixed(1)}, latency average ${pgbench.latencyAvgMs} ms (direct to Postgres, kept connections)`;
  }

  const results = {
    startedAt,
    options: { ...options, cores: os.cpus().length },
    bundle: size,
    probe,
    latency,
    rows: withRatios(rows),
    pgLimit,
    targets: evaluateTargets(rows),
    checks,
    chain,
    notes: [
      "CPU per request is whole-process CPU from /proc: workerd includes the runtime's HTTP and " +
        "WebSocket work, not only the isolate's JS; Cloudflare's billed CPU time cannot be read locally.",
      "Backend counts are taken where the requests arrive (Upstash bridge, WebSocket proxy, SQL " +
        "HTTP endpoint); SQL statements over the WebSocket are Simple Query and Execute messages.",
      ...(latency
        ? [
            "Round trips = (p50 with the backends D ms away − p50 at 0) / 2D, requests one at a time; " +
              "a new database WebSocket costs 3 here (TCP handshake, upgrade, Postgres startup), " +
              "one more where TLS is negotiated.",
          ]
        : []),
    ],
  };
  printReport(results);
  printChainCost(chain);
  const written = await writeResults(results, path.join(import.meta.dirname, "results"));
  log(`wrote ${path.relative(process.cwd(), written)}.{json,svg}`);
  return checks.every((check) => check.pass) ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: Error) => {
    console.error(`\nbench failed: ${error.stack ?? error.message}`);
    await cleanup();
    process.exit(1);
  });
