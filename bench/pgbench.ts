// The database's own ceiling on this machine: pgbench's TPC-B-like write mix,
// direct to Postgres (no PgBouncer, no proxy), same concurrency, kept connections.
// Its per-transaction log (-l) gives the latency percentiles.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { findBinary } from "../dev/stack/ports.ts";
import { createDatabase, databaseUrl, dropDatabase } from "../dev/stack/postgres.ts";
import { percentile } from "./load.ts";

export interface PgbenchResult {
  tps: number;
  transactions: number;
  latencyAvgMs: number;
  p50: number;
  p95: number;
  p99: number;
}

const DATABASE = "chontak_pgbench";

export async function runPgbench(
  adminUrl: string,
  options: { concurrency: number; seconds: number; tmp: string },
): Promise<PgbenchResult | { skipped: string }> {
  const bin = findBinary("pgbench");
  if (!bin) return { skipped: "pgbench is not installed (apt-get install postgresql-client)" };
  const url = new URL(databaseUrl(adminUrl, DATABASE));
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || "5432",
    PGUSER: decodeURIComponent(url.username) || "postgres",
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: DATABASE,
  };
  const run = (args: string[], cwd?: string) =>
    promisify(execFile)(bin, args, { env, cwd, maxBuffer: 16 * 1024 * 1024 });

  await dropDatabase(adminUrl, DATABASE);
  await createDatabase(adminUrl, DATABASE);
  const logDir = await mkdtemp(path.join(options.tmp, "pgbench-"));
  try {
    await run(["-i", "-s", "1", "-q"]);
    const { stdout } = await run(
      [
        "-b",
        "tpcb-like",
        "-c",
        String(options.concurrency),
        "-j",
        "2",
        "-T",
        String(options.seconds),
        "-l",
      ],
      logDir,
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latencyAvgMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    // Log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
    const latencies: number[] = [];
    for (const file of await readdir(logDir)) {
      for (const line of (await readFile(path.join(logDir, file), "utf8")).split("\n")) {
        const micros = Number(line.split(" ")[2]);
        if (line && Number.isFinite(micros)) latencies.push(micros / 1000);
      }
    }
    const sorted = Float64Array.from(latencies).sort();
    return {
      tps,
      transactions: sorted.length,
      latencyAvgMs,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  } finally {
    await rm(logDir, { recursive: true, force: true });
    await dropDatabase(adminUrl, DATABASE).catch(() => undefined);
  }
}
