// The WebSocket→TCP proxy against the real local Postgres, driven by the real Neon driver.
import { neonConfig, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { parseAddress, startWsProxy, type WsProxy } from "../../dev/stack/ws-proxy.ts";

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
