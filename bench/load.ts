// Closed-model load: `concurrency` loops, each sending its next request as soon as
// the previous one answered, for a fixed time after a warm-up whose numbers are
// dropped. node:http with a keep-alive agent rather than fetch: it costs the load
// generator less CPU, and on a 2-core box every core we save is one the server gets.
import http from "node:http";

export interface Call {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Reply {
  status: number;
  body: string;
}

export type Send = (call: Call) => Promise<Reply>;

const REQUEST_TIMEOUT_MS = 30_000;

/** A keep-alive HTTP client for one origin, at most `sockets` connections. */
export function httpClient(baseUrl: string, sockets: number): Send {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (call) => sendOn(agent, baseUrl, call);
}

/** One request on the given agent (its sockets decide what is reused); the whole answer. */
export function sendOn(agent: http.Agent, baseUrl: string, call: Call): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...call.headers };
    if (call.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(call.body);
    }
    const request = http.request(
      { agent, hostname, port, method: call.method, path: call.path, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(call.body);
  });
}

export interface LoadOptions {
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  send: Send;
  /** The next request of loop `worker` (pick a random sender, a fresh key, …). */
  next: (worker: number) => Call;
  /** Called when the measured window opens and closes (CPU and stats snapshots). */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Non-2xx answers and network errors in the window, by "status CODE". */
  errors: Record<string, number>;
  /** Every status seen, warm-up and requests still in flight at the end included. */
  allStatuses: Record<string, number>;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** "400 INSUFFICIENT_FUNDS": the problem code of an error answer, when it has one. */
function errorKey(reply: Reply): string {
  try {
    const code = (JSON.parse(reply.body) as { code?: unknown }).code;
    return typeof code === "string" ? `${reply.status} ${code}` : String(reply.status);
  } catch {
    return String(reply.status);
  }
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const allStatuses: Record<string, number> = {};
  const start = performance.now();
  const windowStart = start + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;

  const loop = async (worker: number) => {
    for (let sent = performance.now(); sent < windowEnd; sent = performance.now()) {
      let reply: Reply;
      try {
        reply = await options.send(options.next(worker));
      } catch (error) {
        reply = { status: 0, body: JSON.stringify({ code: (error as Error).message }) };
      }
      const done = performance.now();
      bump(allStatuses, String(reply.status));
      // Completions inside the window count: an unbiased throughput and latency sample.
      if (done < windowStart || done > windowEnd) continue;
      latencies.push(done - sent);
      if (reply.status < 200 || reply.status >= 300) bump(errors, errorKey(reply));
    }
  };
  const timers = [
    setTimeout(() => options.onWindowStart?.(), windowStart - start),
    setTimeout(() => options.onWindowEnd?.(), windowEnd - start),
  ];
  await Promise.all(Array.from({ length: options.concurrency }, (_, worker) => loop(worker)));
  for (const timer of timers) clearTimeout(timer);

  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: sorted.length,
    seconds: options.seconds,
    rps: sorted.length / options.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    errors,
    allStatuses,
  };
}
