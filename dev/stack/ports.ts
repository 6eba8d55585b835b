// Small process/port helpers shared by the dev/stack modules.
//
// Why: every service we start ourselves (embedded Postgres, PgBouncer, Redis) must
// listen on a port nobody else uses, so parallel test runs and a running `npm run dev`
// never collide; and we must know when it is ready instead of sleeping.

import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Ask the kernel for a currently free TCP port on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("freePort: could not read the port of a listening socket"));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/** Resolve true if a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Poll until host:port accepts TCP connections; reject after timeoutMs. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(host, port, Math.min(1_000, Math.max(50, deadline - Date.now())))) return;
    await sleep(50);
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${host}:${port} to accept connections`,
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reject with `message` if `promise` does not settle within ms (the timer never keeps Node alive). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** First executable called `name` on PATH or in the usual system dirs (/usr/sbin is often not on PATH). */
export function findBinary(name: string): string | null {
  const dirs = [
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
  ];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

// Children we spawned and must not outlive us. Why: a crashed or Ctrl-C'd dev server or
// test run must not leave a PgBouncer/Redis behind holding a port.
const children = new Set<ChildProcess>();
let hooksInstalled = false;

/** Spawned and not yet exited. A child whose binary could not be run has no pid, no `exit`. */
function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

function killChildren(signal: NodeJS.Signals = "SIGTERM"): void {
  for (const child of children) {
    if (isRunning(child)) child.kill(signal);
  }
}

/**
 * Kill `child` when this process exits (normal exit, or SIGINT/SIGTERM/SIGHUP). If nobody
 * else handles the signal we re-raise it after cleanup so default termination still happens.
 */
export function killOnExit(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", () => killChildren());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      const alive = [...children].filter(isRunning);
      killChildren();
      // Another listener (e.g. the dev server's own shutdown) owns the exit; otherwise wait
      // for the children (so they are reaped, not left as zombies), restore the default
      // behaviour and re-raise so the process still terminates.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        const exited = alive.map((c) => new Promise((resolve) => c.once("exit", resolve)));
        void withTimeout(Promise.all(exited), 3_000, "children did not exit")
          .catch(() => killChildren("SIGKILL"))
          .finally(() => process.kill(process.pid, signal));
      }
    };
    process.on(signal, onSignal);
  }
}

/**
 * Send SIGTERM and wait for the child to exit (SIGKILL after timeoutMs). Reaps it: no zombie.
 * Returns at once for a child that is not running, including one that never started.
 */
export async function stopChild(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  timer.unref();
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `server` listening (port 0 picks a free one) and returns the port
 * and the host as it goes in a URL (an IPv6 address in brackets).
 */
export async function listenOn(
  server: net.Server,
  port: number | undefined,
  host: string,
): Promise<{ port: number; urlHost: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port ?? 0, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    urlHost: host.includes(":") ? `[${host}]` : host,
  };
}
