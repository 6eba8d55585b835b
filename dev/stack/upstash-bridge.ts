/**
 * Dev/test-only HTTP server speaking the Upstash Redis REST protocol in front of a real Redis, so
 * `@upstash/redis` (and `@upstash/ratelimit`) work locally.
 *
 *   POST /            ["SET","k","v"]            → {"result": …} | 400 {"error": …}
 *   POST /pipeline    [["GET","a"],["GET","b"]]  → [{"result": …} | {"error": …}, …]
 *   POST /multi-exec  same, run in MULTI/EXEC    → same shape
 *   GET|POST /get/k   path-style command (a POST body is appended as the last argument)
 *
 * With `Upstash-Encoding: base64` (the client default) every string in `result` is base64-encoded.
 *
 * For the benchmark it counts requests and the commands in them, and can hold every request and
 * answer for a configurable time (`delayMs`, `setDelay`) to stand for the distance to Upstash.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Redis, ReplyError } from "ioredis";
import { HttpLatency, type Latency } from "./latency.ts";
import { listenOn } from "./ports.ts";
import { readBody } from "./read-body.ts";

export interface UpstashBridgeOptions {
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Default redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** Required `Authorization: Bearer <token>`. */
  token: string;
  /**
   * Milliseconds each request is held before it runs and each answer before it is sent; a new
   * connection's first request one round trip more. Default 0: no delay.
   */
  delayMs?: number;
}

/** Totals since the bridge started (take differences around a measurement). */
export interface UpstashBridgeStats {
  /** HTTP requests: a pipeline or a transaction is one */
  requests: number;
  /** Redis commands those requests carried */
  commands: number;
}

export interface UpstashBridge extends Latency {
  port: number;
  /** Base URL for `new Redis({ url, token })`. */
  url: string;
  token: string;
  stats(): UpstashBridgeStats;
  close(): Promise<void>;
}

type Command = string[];
type Outcome = { result: unknown } | { error: string };

const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Commands that would change the state of the shared Redis connection for everyone. */
const CONNECTION_STATE_COMMANDS = new Set(
  "SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE MONITOR MULTI EXEC DISCARD WATCH UNWATCH SELECT QUIT RESET HELLO AUTH".split(
    " ",
  ),
);
/** Script flags open-source Redis 7 understands; others (Upstash's `allow-key-locking`) are rejected. */
const REDIS_SCRIPT_FLAGS = new Set([
  "no-writes",
  "allow-oom",
  "allow-stale",
  "no-cluster",
  "allow-cross-slot-keys",
]);

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * Drops script flags Redis does not know. When none remain, the shebang line becomes empty: the
 * script then runs in Redis' compat (pre-7) mode, which also allows EVAL_RO, and Lua line
 * numbers in error messages still match the original.
 */
export function stripScriptFlags(script: string): string {
  const m = /^#!lua[ \t]+flags=([^\r\n]*)/.exec(script);
  if (!m) return script;
  const kept = (m[1] ?? "").split(",").filter((flag) => REDIS_SCRIPT_FLAGS.has(flag.trim()));
  return (kept.length ? `#!lua flags=${kept.join(",")}` : "") + script.slice(m[0].length);
}

/** Is the error a reply from Redis (as opposed to Redis being unreachable)? */
const isReplyError = (err: unknown): boolean => err instanceof ReplyError;

class UnavailableError extends Error {}

/** Converts an ioredis reply to JSON; Buffers keep binary data intact under base64. */
function encode(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return value.toString(base64 ? "base64" : "utf8");
  if (typeof value === "string") return base64 ? Buffer.from(value).toString("base64") : value;
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  if (value instanceof Error) return encode(value.message, base64); // error nested in a Lua table
  return value ?? null;
}

/** Validates one JSON command and stringifies its arguments (Redis only knows strings). */
function parseCommand(raw: unknown): Command | string {
  if (!Array.isArray(raw) || raw.length === 0 || typeof raw[0] !== "string") {
    return "ERR command must be a non-empty array starting with the command name";
  }
  for (const arg of raw) {
    if (arg !== null && typeof arg === "object") return "ERR arguments must be strings or numbers";
  }
  return raw.map((arg) => (typeof arg === "string" ? arg : String(arg)));
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const redis = new Redis(options.redisUrl ?? "redis://127.0.0.1:6379", {
    protocol: 2, // Upstash REST returns RESP2 shapes (flat arrays, doubles as strings); ioredis 6 defaults to RESP3
    maxRetriesPerRequest: 1, // fail fast (→ 503) instead of queueing while Redis is down...
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 100, 1000), // ...but reconnect quickly when it is back
  });
  redis.on("error", () => {}); // reconnects on its own; requests report the outage as 503

  const latency = new HttpLatency(options.delayMs);
  const stats: UpstashBridgeStats = { requests: 0, commands: 0 };

  /** originalSha → strippedSha: clients hash the script text they sent, Redis hashes what it ran. */
  const shas = new Map<string, string>();

  /** Rewrites scripting commands; returns the command to send and an optional result override. */
  function prepare(cmd: Command): { cmd: Command; result?: string; error?: string } {
    const [first = "", ...args] = cmd;
    // Upper-case names bypass ioredis' per-command reply transformers (e.g. HGETALL → object).
    const name = first.toUpperCase();
    if (CONNECTION_STATE_COMMANDS.has(name)) return { cmd, error: `ERR ${name} is not supported` };
    const sub = args[0]?.toUpperCase();
    /** Strips args[i] in place, remembers the sha translation, returns the original's sha. */
    const stripScriptArg = (i: number) => {
      const original = args[i] ?? "";
      const stripped = stripScriptFlags(original);
      if (stripped !== original) shas.set(sha1(original), sha1(stripped));
      args[i] = stripped;
      return sha1(original);
    };
    const translateSha = (i: number) => {
      const sha = args[i];
      if (sha) args[i] = shas.get(sha.toLowerCase()) ?? sha; // unknown → NOSCRIPT → client EVALs
    };
    let result: string | undefined;
    if (name === "EVAL" || name === "EVAL_RO") stripScriptArg(0);
    if (name === "EVALSHA" || name === "EVALSHA_RO") translateSha(0);
    if (name === "SCRIPT" && sub === "LOAD") result = stripScriptArg(1); // client expects its sha
    if (name === "SCRIPT" && sub === "EXISTS")
      for (let i = 1; i < args.length; i++) translateSha(i);
    return { cmd: [name, ...args], result };
  }

  async function runOne(raw: Command): Promise<Outcome> {
    const { cmd, result, error } = prepare(raw);
    if (error) return { error };
    try {
      const reply = await redis.callBuffer(cmd[0] ?? "", cmd.slice(1));
      return { result: result ?? reply };
    } catch (err) {
      if (isReplyError(err)) return { error: (err as Error).message };
      throw new UnavailableError((err as Error).message);
    }
  }

  async function runMany(raws: Command[], atomic: boolean): Promise<Outcome[]> {
    const prepared = raws.map(prepare);
    const refused = prepared.find((p) => p.error);
    if (atomic && refused?.error) throw new ReplyError(`EXECABORT ${refused.error}`);
    const batch = atomic ? redis.multi() : redis.pipeline();
    for (const p of prepared) if (!p.error) batch.callBuffer(p.cmd[0] ?? "", p.cmd.slice(1));
    let replies: [Error | null, unknown][];
    try {
      replies = (await batch.exec()) ?? [];
    } catch (err) {
      if (!isReplyError(err)) throw new UnavailableError((err as Error).message);
      // EXECABORT: Redis refused to queue a command; name the culprit like redis-cli does.
      const { message, previousErrors } = err as Error & { previousErrors?: Error[] };
      const previous = previousErrors?.[0]?.message;
      throw new ReplyError(previous ? `${message} ${previous}` : message);
    }
    let next = 0; // replies only exist for the commands that were sent
    return prepared.map((p): Outcome => {
      if (p.error) return { error: p.error };
      const [err, reply] = replies[next++] ?? [new Error("missing reply"), null];
      if (err && !isReplyError(err)) throw new UnavailableError(err.message);
      return err ? { error: err.message } : { result: p.result ?? reply };
    });
  }

  async function handle(req: IncomingMessage, body: string): Promise<[number, unknown]> {
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return [401, { error: "Unauthorized" }];
    }
    const base64 = req.headers["upstash-encoding"]?.toString().toLowerCase() === "base64";
    const out = (o: Outcome) => ("error" in o ? o : { result: encode(o.result, base64) });
    const path = new URL(req.url ?? "/", "http://bridge").pathname;

    if (path === "/pipeline" || path === "/multi-exec") {
      const parsed = parseJson(body);
      if (parsed === undefined) return [400, { error: "ERR malformed JSON body" }];
      if (!Array.isArray(parsed) || parsed.length === 0) {
        return [400, { error: "ERR body must be a non-empty array of commands" }];
      }
      const cmds = parsed.map(parseCommand);
      const bad = cmds.find((c) => typeof c === "string");
      if (bad) return [400, { error: bad }];
      stats.commands += cmds.length;
      try {
        return [200, (await runMany(cmds as Command[], path === "/multi-exec")).map(out)];
      } catch (err) {
        if (err instanceof UnavailableError) throw err;
        return [400, { error: (err as Error).message }];
      }
    }

    let cmd: Command | string;
    if (path === "/") {
      const parsed = parseJson(body);
      if (parsed === undefined) return [400, { error: "ERR malformed JSON body" }];
      cmd = parseCommand(parsed);
    } else {
      // Path-style command: /set/key/value, or /set/key with the value as the request body.
      cmd = path.split("/").filter(Boolean).map(decodeURIComponent);
      if (req.method === "POST" && body) cmd.push(body);
    }
    if (typeof cmd === "string") return [400, { error: cmd }];
    stats.commands++;
    const outcome = await runOne(cmd);
    return "error" in outcome ? [400, outcome] : [200, out(outcome)];
  }

  async function answer(req: IncomingMessage): Promise<[number, unknown]> {
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === null) return [413, { error: "ERR request body too large" }];
      return await handle(req, body);
    } catch (err) {
      if (err instanceof UnavailableError) {
        return [503, { error: `ERR Redis unavailable: ${err.message}` }];
      }
      return [500, { error: `ERR ${(err as Error).message}` }];
    }
  }

  const server = createServer(async (req, res) => {
    stats.requests++;
    const arriving = latency.inbound(req.socket);
    if (arriving) await arriving;
    const [status, payload] = await answer(req);
    const leaving = latency.outbound();
    if (leaving) await leaving;
    send(res, status, payload);
  });

  // Start serving even if Redis is down (requests get 503 until it is up), but give a running
  // Redis the chance to be ready first: without an offline queue, early commands would fail.
  await new Promise<void>((resolve) => {
    redis.once("ready", resolve);
    redis.once("error", () => resolve());
  });
  const { port, urlHost } = await listenOn(server, options.port, options.host ?? "127.0.0.1");

  return {
    port,
    url: `http://${urlHost}:${port}`,
    token: options.token,
    stats: () => ({ ...stats }),
    get delayMs() {
      return latency.delayMs;
    },
    setDelay: (ms: number) => latency.setDelay(ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive connections from fetch would hold close()
        redis.disconnect();
      }),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined; // JSON has no undefined, so it can mark "malformed"
  }
}

function send(res: ServerResponse, status: number, payload: unknown) {
  if (res.headersSent) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    ...(status === 413 ? { Connection: "close" } : {}),
  });
  res.end(body);
}
