// The Worker under load (benchmark, bank test). It is bundled once with `wrangler
// deploy --dry-run` (the bundle whose size we report) and `wrangler dev --no-bundle`
// serves that file: edits to src/ during a run cannot hot-reload the Worker, and a
// restart (fault injection) takes seconds instead of a rebuild.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort, sleep } from "./ports.ts";

const CONFIG_FILE = "wrangler.json";

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
}

/** Builds the Worker as deployed (wrangler.toml minifies); returns the entry to serve and its size. */
export async function buildWorker(tmp: string): Promise<{ entry: string; size: BundleSize }> {
  const outdir = path.join(tmp, "bundle");
  await promisify(execFile)("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const entry = path.join(outdir, "index.js");
  // The bundle imports its binary modules (the PDF fonts) as files beside it; with
  // --no-bundle only a config rooted there attaches them: the project's own config,
  // pointed at the bundle.
  const { experimental_readRawConfig } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: "wrangler.toml" });
  const config = { ...rawConfig, main: "index.js", no_bundle: true, find_additional_modules: true };
  await writeFile(path.join(outdir, CONFIG_FILE), JSON.stringify(config));
  const code = await readFile(entry);
  return { entry, size: { bytes: code.length, gzipBytes: gzipSync(code).length } };
}

export interface RunningWorker {
  url: string;
  pid: number;
  /** The Worker's structured error logs so far (the first 1 000). */
  errors: string[];
  stop(): Promise<void>;
}

export async function startWorker(
  entry: string,
  vars: Record<string, string>,
  persistTo: string,
  port?: number,
): Promise<RunningWorker> {
  port ??= await freePort();
  const config = path.join(path.dirname(entry), CONFIG_FILE);
  const varArgs = Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  // Own process group, so stop() reaches npx, wrangler's node and workerd together.
  const child: ChildProcess = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      entry,
      ...(existsSync(config) ? ["--config", config] : []),
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
  const errors: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output.push(text);
    if (output.length > 50) output.shift();
    for (const line of text.split("\n"))
      if (line.includes('"level":"error"') && errors.length < 1_000) errors.push(line.trim());
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
    if (ok) return { url, pid, errors, stop };
    await sleep(500);
  }
  await stop();
  throw new Error(
    `wrangler dev did not become healthy at ${url}:\n${output.join("").slice(-3000)}`,
  );
}
