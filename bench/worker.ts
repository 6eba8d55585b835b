// The Worker under test. It is bundled once with `wrangler deploy --dry-run` (the
// bundle whose size we report) and `wrangler dev --no-bundle` serves that file:
// edits to src/ during a run then cannot hot-reload the Worker mid-measurement.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort, sleep } from "../dev/stack/ports.ts";

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
  minifiedBytes: number;
  minifiedGzipBytes: number;
}

async function dryRun(
  outdir: string,
  minify: boolean,
): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const args = [
    "wrangler",
    "deploy",
    "--dry-run",
    "--outdir",
    outdir,
    ...(minify ? ["--minify"] : []),
  ];
  await promisify(execFile)("npx", args, { maxBuffer: 16 * 1024 * 1024 });
  const file = path.join(outdir, "index.js");
  const code = await readFile(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}

/** Builds the Worker as deployed (and minified, for comparison); returns the entry to serve. */
export async function buildWorker(tmp: string): Promise<{ entry: string; size: BundleSize }> {
  const plain = await dryRun(path.join(tmp, "bundle"), false);
  const minified = await dryRun(path.join(tmp, "bundle-min"), true);
  return {
    entry: plain.file,
    size: {
      bytes: plain.bytes,
      gzipBytes: plain.gzipBytes,
      minifiedBytes: minified.bytes,
      minifiedGzipBytes: minified.gzipBytes,
    },
  };
}

export interface RunningWorker {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startWorker(
  entry: string,
  vars: Record<string, string>,
  persistTo: string,
): Promise<RunningWorker> {
  const port = await freePort();
  const varArgs = Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  // Own process group, so stop() reaches npx, wrangler's node and workerd together.
  const child: ChildProcess = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      entry,
      "--no-bundle",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persistTo,
      "--log-level",
      "warn",
      "--show-interactive-dev-session=false",
      ...varArgs,
    ],
    {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString("utf8"));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid as number;

  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // the group is already gone
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    signal("SIGKILL"); // whatever of the group outlived npx (workerd)
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, pid, stop };
    await sleep(500);
  }
  await stop();
  throw new Error(
    `wrangler dev did not become healthy at ${url}:\n${output.join("").slice(-3000)}`,
  );
}
