// The WebSocket→TCP proxy against the real local Postgres, driven by the real Neon driver.
import { neonConfig, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  FrontendCounter,
  parseAddress,
  startWsProxy,
  type WsProxy,
  type WsProxyStats,
} from "../../dev/stack/ws-proxy.ts";

const DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

let proxy: WsProxy;

beforeAll(async () => {
  proxy = await startWsProxy({ port: 0 });
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${proxy.port}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  // The default ("password") sends the password before being asked: wrong for trust auth.
  neonConfig.pipelineConnect = false;
});

afterAll(async () => {
  await proxy?.close();
});

/** A pool whose background errors (from dropped connections) must not fail the run. */
function newPool(connectionString = DATABASE_URL, max = 10) {
  const pool = new Pool({ connectionString, max, connectionTimeoutMillis: 5000 });
  pool.on("error", () => {});
  return pool;
}

/** Opens a raw WebSocket to the proxy and reports the HTTP status of a refused upgrade. */
function upgradeStatus(path: string): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}${path}`);
    ws.on("open", () => {
      ws.terminate();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

describe("parseAddress", () => {
  it("accepts host:port, [v6]:port and unbracketed v6", () => {
    expect(parseAddress("127.0.0.1:5432")).toEqual({ host: "127.0.0.1", port: 5432 });
    expect(parseAddress("LocalHost:1")).toEqual({ host: "localhost", port: 1 });
    expect(parseAddress("[::1]:5432")).toEqual({ host: "::1", port: 5432 });
    expect(parseAddress("::1:5432")).toEqual({ host: "::1", port: 5432 });
  });

  it("rejects malformed addresses", () => {
    for (const bad of [null, "", "127.0.0.1", "127.0.0.1:", ":5432", "h:0", "h:65536", "h:12a"]) {
      expect(parseAddress(bad)).toBeNull();
    }
  });
});

/** One typed frontend message: type byte, Int32 length (itself included), body. */
function message(type: string, body = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

describe("FrontendCounter", () => {
  const emptyStats = (): WsProxyStats => ({
    connections: 0,
    queries: 0,
    parses: 0,
    executes: 0,
    uncounted: 0,
  });

  it("counts Query, Parse and Execute across any chunking, skipping the startup message", () => {
    const startup = Buffer.alloc(8 + 12);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    startup.write("user\0postgres", 8, "latin1"); // the body must be skipped, not parsed
    const stream = Buffer.concat([
      startup,
      message("Q", Buffer.from("select 'E', 'Q'\0")),
      message("P", Buffer.from("\0select $1\0\0\0")),
      message("B", Buffer.alloc(12)),
      message("D", Buffer.from("P\0")),
      message("E", Buffer.from("\0\0\0\0\0")),
      message("S"),
      message("E", Buffer.from("\0\0\0\0\0")),
      message("X"),
    ]);
    for (const size of [1, 2, 3, 5, 7, stream.length]) {
      const stats = emptyStats();
      const counter = new FrontendCounter(stats);
      for (let at = 0; at < stream.length; at += size) counter.push(stream.subarray(at, at + size));
      expect(stats).toEqual({ ...emptyStats(), queries: 1, parses: 1, executes: 2 });
    }
  });

  it("stops counting a connection that asks for encryption", () => {
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    const stats = emptyStats();
    const counter = new FrontendCounter(stats);
    counter.push(Buffer.concat([ssl, message("Q", Buffer.from("x\0"))]));
    expect(stats).toEqual({ ...emptyStats(), uncounted: 1 });
  });
});

describe("ws-proxy latency mode and counters", () => {
  it("holds every message each way and the connection setup two round trips; counts what the client runs", async () => {
    const delay = 50;
    const slow = await startWsProxy({ delayMs: delay });
    const shared = proxy;
    proxy = slow; // the driver's wsProxy callback reads this
    const pool = newPool();
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    try {
      expect(slow.delayMs).toBe(delay);
      const client = await pool.connect();
      try {
        const simple = await timed(() => client.query("select 1"));
        const extended = await timed(() => client.query("select $1::int as n", [2]));
        slow.setDelay(0);
        const undelayed = await timed(() => client.query("select 3"));
        // Timers fire up to a millisecond early against performance.now().
        expect(simple).toBeGreaterThanOrEqual(2 * delay - 2);
        expect(simple).toBeLessThan(3 * delay);
        expect(extended).toBeGreaterThanOrEqual(2 * delay - 2);
        expect(extended).toBeLessThan(3 * delay);
        expect(undelayed).toBeLessThan(delay);
      } finally {
        client.release();
      }
      expect(slow.stats()).toEqual({
        connections: 1,
        queries: 2,
        parses: 1,
        executes: 1,
        uncounted: 0,
      });
    } finally {
      proxy = shared;
      await pool.end();
      await slow.close();
    }
  });

  it("costs a new connection four one-way delays before the first message", async () => {
    const delay = 50;
    const slow = await startWsProxy({ delayMs: delay });
    const shared = proxy;
    proxy = slow;
    const pool = newPool();
    try {
      const started = performance.now();
      await pool.query("select 1");
      // Setup 4 delays, startup and its answer 2, the query and its answer 2.
      expect(performance.now() - started).toBeGreaterThanOrEqual(8 * delay - 2);
    } finally {
      proxy = shared;
      await pool.end();
      await slow.close();
    }
  });

  it("adds no delay by default", () => {
    expect(proxy.delayMs).toBe(0);
  });
});

describe("ws-proxy with the Neon driver", () => {
  it("runs a simple query", async () => {
    const pool = newPool();
    try {
      const { rows } = await pool.query("select 1 as one, $1::text as echo", ["héllo"]);
      expect(rows).toEqual([{ one: 1, echo: "héllo" }]);
    } finally {
      await pool.end();
    }
  });

  it("runs an interactive transaction on one client", async () => {
    const pool = newPool();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE wsproxy_t (n int) ON COMMIT DROP");
      await client.query("INSERT INTO wsproxy_t VALUES (1), (2), (3)");
      const first = await client.query(
        "SELECT txid_current() AS tx, sum(n)::int AS s FROM wsproxy_t",
      );
      const second = await client.query("SELECT txid_current() AS tx");
      expect(first.rows[0].s).toBe(6);
      expect(second.rows[0].tx).toBe(first.rows[0].tx); // same transaction
      await client.query("COMMIT");
      const after = await client.query("SELECT to_regclass('pg_temp.wsproxy_t') AS t");
      expect(after.rows[0].t).toBeNull(); // dropped on commit
    } finally {
      client.release();
      await pool.end();
    }
  });

  it("serves several concurrent clients on separate connections", async () => {
    const pool = newPool(DATABASE_URL, 5);
    try {
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          pool.query("select pg_backend_pid() as pid, pg_sleep(0.2)"),
        ),
      );
      expect(new Set(results.map((r) => r.rows[0].pid)).size).toBe(5);
      expect(proxy.connections()).toBeGreaterThanOrEqual(5);
    } finally {
      await pool.end();
    }
  });

  it("streams large results (multi-frame, backpressure)", async () => {
    const pool = newPool();
    try {
      const { rows } = await pool.query("select repeat('x', 4 * 1024 * 1024) as big");
      expect(rows[0].big.length).toBe(4 * 1024 * 1024);
    } finally {
      await pool.end();
    }
  });

  it("refuses non-loopback targets without dialing them", async () => {
    // 10.0.0.1 is unroutable here: dialing it would hang until the timeout instead of failing fast.
    const pool = newPool("postgresql://postgres@10.0.0.1:5432/postgres");
    const started = Date.now();
    try {
      await expect(pool.query("select 1")).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await pool.end();
    }
    expect(await upgradeStatus("/v1?address=10.0.0.1:5432")).toBe(400);
  });

  it("refuses wrong paths and missing or malformed addresses with HTTP 400", async () => {
    expect(await upgradeStatus("/v2?address=127.0.0.1:5432")).toBe(400);
    expect(await upgradeStatus("/?address=127.0.0.1:5432")).toBe(400);
    expect(await upgradeStatus("/v1")).toBe(400);
    expect(await upgradeStatus("/v1?address=127.0.0.1")).toBe(400);
    expect(await upgradeStatus("/v1?address=127.0.0.1:5432")).toBe("open");
    const res = await fetch(`http://127.0.0.1:${proxy.port}/v1?address=127.0.0.1:5432`);
    expect(res.status).toBe(426); // plain HTTP is not an upgrade
  });

  it("closes the WebSocket when the target refuses the TCP connection", async () => {
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/v1?address=127.0.0.1:1`);
      ws.on("close", (c) => resolve(c));
      ws.on("error", () => {});
    });
    expect(code).toBe(1011);
  });

  it("dropAll() fails in-flight clients and a new pool works afterwards", async () => {
    const pool = newPool();
    const client = await pool.connect();
    client.on("error", () => {});
    const inFlight = client.query("select pg_sleep(5)");
    await new Promise((r) => setTimeout(r, 200));
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
    const started = Date.now();
    proxy.dropAll();
    await expect(inFlight).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(proxy.connections()).toBe(0);
    client.release(true);
    await pool.end();

    const fresh = newPool();
    try {
      const { rows } = await fresh.query("select 2 as two");
      expect(rows).toEqual([{ two: 2 }]);
    } finally {
      await fresh.end();
    }
  });

  it("close() terminates open pairs and stops accepting", async () => {
    const own = await startWsProxy({});
    const ws = new WebSocket(`${own.url}?address=127.0.0.1:5432`);
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    const closed = new Promise((resolve) => ws.on("close", resolve));
    await own.close();
    await closed;
    expect(own.connections()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${own.port}/`)).rejects.toThrow();
  });
});
