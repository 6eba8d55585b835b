// Resolve a Redis for the rate limiter / cache (Upstash in production).
//
// Why: same idea as postgres.ts. REDIS_URL wins; otherwise a Redis already running on the
// default port is used; otherwise we start a throwaway, non-persistent redis-server on a
// free port so the dev stack and tests need no manual setup.

import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { Redis } from "ioredis";
import { canConnect, findBinary, freePort, killOnExit, stopChild, withTimeout } from "./ports.ts";

export interface RedisHandle {
  url: string;
  source: "env" | "local" | "started";
  /** The redis-server process we started (fault injection pauses or kills it). */
  pid?: number;
  close(): Promise<void>;
}

export interface ResolveRedisOptions {
  /** Usually process.env.REDIS_URL. */
  redisUrl?: string;
  /** Git-ignored working directory for a started redis-server. */
  workDir: string;
  log?: (msg: string) => void;
}

// Short on purpose: a wrong REDIS_URL must fail fast, not hang a test run.
const TIMEOUT_MS = 3_000;
const LOCAL_URL = "redis://127.0.0.1:6379";

export async function resolveRedis(opts: ResolveRedisOptions): Promise<RedisHandle> {
  const log = opts.log ?? (() => {});

  if (opts.redisUrl) {
    const err = await ping(opts.redisUrl);
    if (err) {
      throw new Error(
        `REDIS_URL is set but PING to ${redact(opts.redisUrl)} failed: ${err.message}. ` +
          "Fix: start that Redis or correct REDIS_URL (in your shell or .env), or unset " +
          "REDIS_URL to use a local Redis on 127.0.0.1:6379 or a redis-server started for you.",
      );
    }
    log(`redis: using REDIS_URL ${redact(opts.redisUrl)}`);
    return { url: opts.redisUrl, source: "env", close: async () => {} };
  }

  if ((await canConnect("127.0.0.1", 6379, 500)) && !(await ping(LOCAL_URL))) {
    log(`redis: using local server ${LOCAL_URL}`);
    return { url: LOCAL_URL, source: "local", close: async () => {} };
  }

  return startRedisServer({ workDir: opts.workDir, log });
}

/** Start a non-persistent redis-server on a free port as our child; close() stops it. */
export async function startRedisServer(opts: {
  workDir: string;
  /** A fixed port, e.g. to restart a server where its clients expect it; default a free one. */
  port?: number;
  log?: (msg: string) => void;
}): Promise<RedisHandle> {
  const log = opts.log ?? (() => {});
  const bin = findBinary("redis-server");
  if (!bin) {
    throw new Error(
      "No Redis found: REDIS_URL is not set, nothing answers PING on 127.0.0.1:6379, and no " +
        "`redis-server` binary is installed. Fix one of: `apt-get install redis-server` " +
        "(or `brew install redis`), set REDIS_URL to a running Redis, or `docker compose up`.",
    );
  }

  const workDir = path.resolve(opts.workDir);
  await fs.mkdir(workDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  // No persistence: the data is throwaway, and nothing is written into workDir.
  const child = spawn(
    bin,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
      "--dir",
      workDir,
    ],
    { cwd: workDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  killOnExit(child);
  const recent: string[] = [];
  const onData = (chunk: Buffer) => {
    recent.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 30));
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  let exitInfo: string | undefined;
  child.once("exit", (code, signal) => {
    exitInfo = `code ${code}, signal ${signal}`;
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (exitInfo) break;
    if ((await canConnect("127.0.0.1", port, 500)) && !(await ping(url))) {
      log(`redis: started redis-server on ${url}`);
      return {
        url,
        source: "started",
        pid: child.pid,
        close: () => stopChild(child),
      };
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopChild(child);
  throw new Error(
    `redis-server (${bin}) did not answer PING on port ${port}` +
      `${exitInfo ? ` (exited: ${exitInfo})` : " within 10 s"}. Output:\n${recent.join("\n")}`,
  );
}

/** null if PING answers PONG within the timeout, else the error. */
async function ping(url: string): Promise<Error | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    // Fail instead of retrying forever: we want an answer, not resilience.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  client.on("error", (err: Error) => {
    lastError = err;
  });
  try {
    const pong = await withTimeout(
      client.connect().then(() => client.ping()),
      TIMEOUT_MS,
      `no answer within ${TIMEOUT_MS} ms`,
    );
    return pong === "PONG" ? null : new Error(`unexpected PING reply ${JSON.stringify(pong)}`);
  } catch (err) {
    // The socket error (e.g. ECONNREFUSED) says more than ioredis' "Connection is closed".
    return lastError ?? (err instanceof Error ? err : new Error(String(err)));
  } finally {
    client.disconnect();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable URL>";
  }
}
