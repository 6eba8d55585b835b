// The printed tables, the targets, and the files under bench/results/: a JSON with
// every number and a small SVG bar chart of throughput.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BundleSize } from "../dev/stack/worker.ts";
import type { Breakdown, LockSample } from "./metrics.ts";
import type { Probe } from "./probe.ts";
import type { Check } from "./reconcile.ts";
import type { LatencyProbe, RoundTrips } from "./round-trips.ts";

export interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: Record<string, number>;
  breakdown?: Breakdown;
  locks?: LockSample;
  /** From the latency probe, when it ran */
  roundTrips?: RoundTrips;
  /** Throughput as a fraction of the same run's runtime-ceiling and pg-limit */
  xRuntimeCeiling?: number;
  xPgLimit?: number;
}

export interface Target {
  name: string;
  met: boolean;
  detail: string;
}

export interface Results {
  startedAt: string;
  options: Record<string, number>;
  bundle: BundleSize;
  probe: Probe;
  latency: LatencyProbe | null;
  rows: Row[];
  pgLimit: string | null;
  targets: Target[];
  checks: Check[];
  notes: string[];
}

/** The scenarios the latency target applies to; runtime-ceiling and health are references. */
const API = ["uniform", "premium", "hot-receiver", "read-100k", "read-10", "card-list", "login"];
const byName = (rows: Row[], name: string) => rows.find((row) => row.scenario === name);
const fixed = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);
const ratio = (a: Row | undefined, b: Row | undefined) =>
  a && b?.rps ? a.rps / b.rps : Number.NaN;
const errorCount = (row: Row) => Object.values(row.errors).reduce((sum, n) => sum + n, 0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Every row with its throughput relative to this run's references (absent: not measured). */
export function withRatios(rows: Row[]): Row[] {
  const ceiling = byName(rows, "runtime-ceiling");
  const pg = byName(rows, "pg-limit");
  const measured = (value: number) => (Number.isNaN(value) ? undefined : value);
  return rows.map((row) => ({
    ...row,
    xRuntimeCeiling: measured(ratio(row, ceiling)),
    xPgLimit: measured(ratio(row, pg)),
  }));
}

/** Columns padded to their widest cell; the first left-aligned, numbers right-aligned. */
function table(header: string[], lines: string[][]): string {
  const widths = header.map((_, i) =>
    Math.max(...[header, ...lines].map((line) => (line[i] ?? "").length)),
  );
  const format = (line: string[]) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [format(header), rule, ...lines.map(format)].join("\n");
}

/** What one request of each scenario costs: round trips, backend requests, Worker CPU. */
function printPerRequest(results: Results): void {
  const latency = results.latency;
  const lines = results.rows
    .filter((row) => row.breakdown || row.roundTrips)
    .map((row) => {
      const n = row.breakdown?.backends;
      return [
        row.scenario,
        // A scenario without backends measures ±noise: never print "-0.0".
        fixed(row.roundTrips && Math.max(0, row.roundTrips.roundTrips)),
        fixed(row.roundTrips?.p50Ms),
        fixed(row.roundTrips?.p50DelayedMs),
        fixed(n?.redisRequests, 2),
        fixed(n?.redisCommands, 2),
        fixed(n?.sqlStatements, 2),
        fixed(n?.sqlWsStatements, 2),
        fixed(n?.sqlHttpStatements, 2),
        fixed(n?.sqlHttpRequests, 2),
        fixed(n?.pgConnections, 2),
        fixed(row.breakdown?.cpuMsPerRequest.workerd, 2),
      ];
    });
  const header = [
    "scenario",
    "round trips",
    "p50 @0",
    `p50 @${latency ? latency.delayMs : "D "}ms`,
    "redis HTTP",
    "redis cmds",
    "SQL stmts",
    "via ws",
    "via http",
    "SQL HTTP",
    "new pg conns",
    "workerd CPU ms",
  ];
  console.log("\nper request (backend counts and CPU in the measured window; round trips probed):");
  console.log(table(header, lines));
  if (!latency) {
    console.log("round trips: not measured (the probe runs unless --delay-ms 0)");
  } else {
    console.log(
      `round trips: backends ${latency.delayMs} ms away each way, ${latency.samples} requests per ` +
        `scenario at each delay, one at a time; one injected round trip measured ` +
        `${fixed(latency.injectedRoundTripMs, 2)} ms (2D = ${2 * latency.delayMs})`,
    );
    for (const row of latency.rows.filter((r) => Object.keys(r.errors).length)) {
      console.log(`  ${row.scenario}: non-2xx answers in the probe ${JSON.stringify(row.errors)}`);
    }
  }
  const uncounted = results.rows.filter((row) => row.breakdown?.backends?.uncountedConnections);
  if (uncounted.length) {
    const names = uncounted.map((row) => row.scenario).join(", ");
    console.log(`statements missing from encrypted WebSocket streams in: ${names}`);
  }
}

export function evaluateTargets(rows: Row[]): Target[] {
  const [uniform, premium, hot, heavy, light, cardList, login, ceiling] = [
    "uniform",
    "premium",
    "hot-receiver",
    "read-100k",
    "read-10",
    "card-list",
    "login",
    "runtime-ceiling",
  ].map((name) => byName(rows, name));
  const api = rows.filter((row) => API.includes(row.scenario));
  const tails = api.map((row) => `${row.scenario} ${fixed(row.p99 / row.p50)}`);
  const errors = api
    .filter(errorCount)
    .map((row) => `${row.scenario}: ${JSON.stringify(row.errors)}`);
  const gap = uniform && premium ? Math.abs(uniform.rps - premium.rps) / premium.rps : Number.NaN;
  const readRatio = heavy && light ? heavy.p50 / light.p50 : Number.NaN;
  const trips = (row: Row | undefined) => row?.roundTrips?.roundTrips ?? Number.NaN;
  const transfer = uniform?.breakdown?.backends;
  const transferCpu = uniform?.breakdown?.cpuMsPerRequest.workerd ?? Number.NaN;
  const waiting = uniform?.locks?.waitingOnLocks ?? Number.NaN;
  return [
    {
      name: "round trips: transfer ≤ 2, card list and history ≤ 1.5, login ≤ 3",
      // The probe's noise is about ±0.1 round trip (a p50 difference over 2 × delay).
      met:
        trips(uniform) <= 2.2 &&
        Math.max(trips(cardList), trips(light), trips(heavy)) <= 1.5 &&
        trips(login) <= 3,
      detail: `transfer ${fixed(trips(uniform))}, card list ${fixed(trips(cardList))}, history ${fixed(trips(light))} / ${fixed(trips(heavy))}, login ${fixed(trips(login))}`,
    },
    {
      name: "per transfer: 1 Redis request, 1 SQL statement, 0 new connections, ≤ 5 ms workerd CPU",
      met:
        transfer !== undefined &&
        transfer.redisRequests <= 1.01 &&
        transfer.sqlStatements <= 1.01 &&
        transfer.pgConnections < 0.01 &&
        transferCpu <= 5,
      detail: transfer
        ? `${fixed(transfer.redisRequests, 2)} Redis, ${fixed(transfer.sqlStatements, 2)} SQL, ${fixed(transfer.pgConnections, 2)} connections, ${fixed(transferCpu, 2)} ms CPU`
        : "not measured",
    },
    {
      name: "uniform ≥ 50% of runtime-ceiling",
      met: ratio(uniform, ceiling) >= 0.5,
      detail: `${fixed(ratio(uniform, ceiling) * 100)}%`,
    },
    {
      name: "uniform within 5% of premium, no session waiting on a row lock",
      met: gap <= 0.05 && waiting < 0.05,
      detail: `${fixed(gap * 100)}% apart, ${fixed(waiting, 2)} sessions waiting`,
    },
    {
      name: "hot-receiver ≥ 80% of uniform",
      met: ratio(hot, uniform) >= 0.8,
      detail: `${fixed(ratio(hot, uniform) * 100)}%`,
    },
    {
      name: "read: 100k-tx user within 1.2× of 10-tx user (p50)",
      met: readRatio <= 1.2,
      detail: `${fixed(readRatio, 2)}× p50, ${fixed(ratio(light, heavy), 2)}× req/s`,
    },
    {
      name: "p99 ≤ 3× p50 per API scenario",
      met: api.every((row) => row.p99 <= 3 * row.p50),
      detail: tails.join(", "),
    },
    { name: "no errors (non-2xx)", met: errors.length === 0, detail: errors.join("; ") || "none" },
  ];
}

export function printReport(results: Results): void {
  const pg = byName(results.rows, "pg-limit");
  const ceiling = byName(results.rows, "runtime-ceiling");
  const header = [
    "scenario",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "×pg-limit",
    "×ceiling",
  ];
  const lines = results.rows.map((row) => [
    row.scenario,
    fixed(row.rps),
    fixed(row.p50),
    fixed(row.p95),
    fixed(row.p99),
    row.scenario === "pg-limit" ? "-" : String(errorCount(row)),
    fixed(ratio(row, pg), 3),
    fixed(ratio(row, ceiling), 3),
  ]);
  console.log(`\n${table(header, lines)}`);
  if (results.pgLimit) console.log(`pg-limit: ${results.pgLimit}`);
  printPerRequest(results);

  console.log("\nwhere the time goes (per request, during the measured window):");
  for (const row of results.rows) {
    const b = row.breakdown;
    if (!b) continue;
    const groups = Object.entries(b.cpuMsPerRequest).sort(([, x], [, y]) => y - x);
    const cpu = groups
      .filter(([, ms]) => ms >= 0.05)
      .map(([group, ms]) => `${group} ${fixed(ms, 2)}`)
      .join(", ");
    const total = groups.reduce((sum, [, ms]) => sum + ms, 0);
    const cores = results.options.cores ?? 1;
    const pgPart = b.pg
      ? `pg ${fixed(b.pg.queries, 2)} queries/${fixed(b.pg.transactions, 2)} xacts, ${fixed(b.pg.queryMs, 2)} ms in server, ${fixed(b.pg.waitMs, 2)} ms pool wait`
      : "";
    const redis = Object.entries(b.redis)
      .map(([cmd, n]) => `${cmd} ${fixed(n, 2)}`)
      .join(" ");
    console.log(
      `  ${row.scenario}: ${fixed(b.cores["machine (all processes)"], 2)} of ${cores} cores busy ` +
        `(${fixed(b.cores["not this benchmark"], 2)} by other processes); ` +
        `${fixed(total, 1)} CPU ms/request in the stack → at most ${fixed((cores * 1000) / total, 0)} req/s on ${cores} idle cores`,
    );
    console.log(`    CPU ms/request: ${cpu}`);
    if (pgPart || redis) console.log(`    ${pgPart}${redis ? `; redis ${redis}` : ""}`);
    if (row.locks?.active) {
      console.log(
        `    postgres sessions: ${fixed(row.locks.active, 1)} active on average, ` +
          `${fixed(row.locks.waitingOnLocks, 1)} of them waiting for a row lock`,
      );
    }
  }
  const p = results.probe;
  console.log(
    `\nidle round trips: new Neon Pool + connect + select 1 ${fixed(p.pgConnectAndQueryMs, 2)} ms, ` +
      `select 1 on an open connection ${fixed(p.pgQueryMs, 2)} ms, Upstash REST command ${fixed(p.redisCommandMs, 2)} ms; ` +
      `a transfer alone (concurrency 1) p50 ${fixed(p.transferAloneP50Ms, 1)} ms`,
  );
  const b = results.bundle;
  console.log(`worker bundle (minified): ${kib(b.bytes)}, gzip ${kib(b.gzipBytes)}`);
  for (const note of results.notes) console.log(note);

  console.log("\ntargets:");
  for (const t of results.targets)
    console.log(`  ${t.met ? "MET   " : "MISSED"} ${t.name}: ${t.detail}`);
  console.log("\nreconciliation:");
  for (const c of results.checks)
    console.log(`  ${c.pass ? "PASS" : "FAIL"} ${c.name}: ${c.detail}`);
}

/** Horizontal bars of req/s, labelled with p50/p99. */
function chart(results: Results): string {
  const rows = results.rows;
  const max = Math.max(...rows.map((row) => row.rps), 1);
  const bar = 26;
  const height = 60 + rows.length * (bar + 10);
  const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const bars = rows.map((row, i) => {
    const y = 40 + i * (bar + 10);
    const width = (row.rps / max) * 480;
    const color =
      row.scenario === "pg-limit"
        ? "#7c3aed"
        : row.scenario === "runtime-ceiling"
          ? "#64748b"
          : "#0ea5e9";
    return (
      `<text x="150" y="${y + 18}" text-anchor="end">${xml(row.scenario)}</text>` +
      `<rect x="160" y="${y}" width="${width.toFixed(1)}" height="${bar}" fill="${color}"/>` +
      `<text x="${(165 + width).toFixed(1)}" y="${y + 18}">${fixed(row.rps)} /s · p50 ${fixed(row.p50)} · p99 ${fixed(row.p99)} ms` +
      `${row.roundTrips ? ` · ${fixed(Math.max(0, row.roundTrips.roundTrips))} round trips` : ""}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${height}" font-family="sans-serif" font-size="13">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="10" y="22" font-size="15" font-weight="bold">Cho'ntak bench ${xml(results.startedAt)} — ` +
    `concurrency ${results.options.concurrency}, ${results.options.seconds} s each</text>` +
    `${bars.join("")}</svg>\n`
  );
}

export async function writeResults(results: Results, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, results.startedAt.replace(/[:.]/g, "-"));
  await writeFile(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(`${base}.svg`, chart(results));
  return base;
}
