// The Upstash REST bridge against the real local Redis, driven by the real @upstash clients.
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startUpstashBridge,
  stripScriptFlags,
  type UpstashBridge,
} from "../../dev/stack/upstash-bridge.ts";
import { timedPost } from "./timed-post.ts";

const TOKEN = `test-token-${randomUUID()}`;
const PREFIX = `test:bridge:${randomUUID()}:`;
const SHEBANG = "#!lua flags=allow-key-locking";

let bridge: UpstashBridge;
let redis: Redis;
/** Same bridge, but without JSON auto-deserialization, to see the exact strings. */
let raw: Redis;

beforeAll(async () => {
  bridge = await startUpstashBridge({ port: 0, token: TOKEN });
  redis = new Redis({ url: bridge.url, token: TOKEN });
  raw = new Redis({ url: bridge.url, token: TOKEN, automaticDeserialization: false });
});

afterAll(async () => {
  if (!bridge) return;
  const keys = await raw.keys(`${PREFIX}*`);
  if (keys.length) await raw.del(...keys);
  await bridge.close();
});

const key = (name: string) => `${PREFIX}${name}`;

/** Raw request to the bridge (default: authorized JSON POST). */
function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${bridge.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...headers },
    body,
  });
}

type Reply = { result?: unknown; error?: string };
const json = async <T = Reply>(res: Response) => (await res.json()) as T;

/** Waits out the tail of a fixed window so a short test does not straddle two windows. */
async function awayFromWindowEdge(windowMs: number) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < 2000) await new Promise((r) => setTimeout(r, left + 50));
}

describe("stripScriptFlags", () => {
  it("drops only flags Redis does not know, keeping line numbers", () => {
    expect(stripScriptFlags(`${SHEBANG}\nreturn 1`)).toBe("\nreturn 1");
    expect(stripScriptFlags("#!lua flags=allow-key-locking,no-writes\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
    expect(stripScriptFlags("#!lua\nreturn 1")).toBe("#!lua\nreturn 1");
    expect(stripScriptFlags("return 1")).toBe("return 1");
  });
});

describe("latency mode and counters", () => {
  it("holds each request and answer, a new connection one round trip more; counts requests and commands", async () => {
    const delay = 100;
    const slow = await startUpstashBridge({ port: 0, token: TOKEN, delayMs: delay });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const ping = (path: string, body: unknown) =>
      timedPost(`${slow.url}${path}`, agent, JSON.stringify(body), auth);
    try {
      expect(slow.delayMs).toBe(delay);
      const opening = await ping("/pipeline", [["PING"], ["ECHO", "x"]]);
      const reusing = await ping("/", ["PING"]);
      slow.setDelay(0);
      const undelayed = await ping("/", ["PING"]);
      expect([opening.status, reusing.status, undelayed.status]).toEqual([200, 200, 200]);
      // Timers fire up to a millisecond early against performance.now().
      expect(opening.ms).toBeGreaterThanOrEqual(4 * delay - 2);
      expect(reusing.ms).toBeGreaterThanOrEqual(2 * delay - 2);
      expect(reusing.ms).toBeLessThan(3 * delay);
      expect(undelayed.ms).toBeLessThan(delay);
      expect(slow.stats()).toEqual({ requests: 3, commands: 4 });
      expect(() => slow.setDelay(-1)).toThrow(RangeError);
    } finally {
      agent.destroy();
      await slow.close();
    }
  });

  it("adds no delay by default", async () => {
    expect(bridge.delayMs).toBe(0);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const reply = await timedPost(`${bridge.url}/`, agent, JSON.stringify(["PING"]), {
        authorization: `Bearer ${TOKEN}`,
      });
      expect(reply.status).toBe(200);
      expect(reply.ms).toBeLessThan(100);
    } finally {
      agent.destroy();
    }
  });
});

describe("@upstash/redis through the bridge", () => {
  it("sets and gets strings exactly, including unicode and numeric-looking ones", async () => {
    const values = [
      "hello",
      "héllo wörld ✓ 🚀 日本",
      "123",
      "0012",
      "1e5",
      "-0",
      "true",
      "null",
      "",
    ];
    for (const [i, value] of values.entries()) {
      expect(await raw.set(key(`s${i}`), value)).toBe("OK");
      expect(await raw.get(key(`s${i}`))).toBe(value);
    }
    expect(await raw.get(key("missing"))).toBeNull();
    // The default client JSON-parses results: that is client behaviour, the bytes are the same.
    expect(await redis.get(key("s2"))).toBe(123);
    await redis.set(key("obj"), { a: 1, b: ["x"] });
    expect(await redis.get(key("obj"))).toEqual({ a: 1, b: ["x"] });
  });

  it("supports SET options, INCR, EXPIRE and TTL", async () => {
    expect(await redis.set(key("ex"), "v", { ex: 100 })).toBe("OK");
    expect(await redis.ttl(key("ex"))).toBeGreaterThan(90);
    expect(await redis.set(key("ex"), "w", { nx: true })).toBeNull();
    expect(await redis.incr(key("n"))).toBe(1);
    expect(await redis.incrby(key("n"), 41)).toBe(42);
    expect(await redis.expire(key("n"), 50)).toBe(1);
    const ttl = await redis.ttl(key("n"));
    expect(ttl).toBeGreaterThan(40);
    expect(ttl).toBeLessThanOrEqual(50);
    expect(await redis.ttl(key("missing"))).toBe(-2);
  });

  it("supports hashes and lists", async () => {
    expect(await redis.hset(key("h"), { name: "Ann", "1": "one", city: "Tashkent" })).toBe(3);
    expect(await redis.hgetall(key("h"))).toEqual({ name: "Ann", "1": "one", city: "Tashkent" });
    // Flat field/value array on the wire (RESP2 shape), in insertion order (JS puts "1" first).
    expect(await raw.hgetall(key("h"))).toEqual(["1", "one", "name", "Ann", "city", "Tashkent"]);
    expect(await raw.hget(key("h"), "city")).toBe("Tashkent");
    expect(await redis.hgetall(key("nohash"))).toBeNull();

    expect(await redis.rpush(key("l"), "a", "b", "c")).toBe(3);
    expect(await redis.lpush(key("l"), "z")).toBe(4);
    expect(await raw.lrange(key("l"), 0, -1)).toEqual(["z", "a", "b", "c"]);
    expect(await raw.lpop(key("l"))).toBe("z");
    expect(await redis.llen(key("l"))).toBe(3);
  });

  it("runs explicit pipelines, keeping per-command errors", async () => {
    const p = raw.pipeline();
    p.set(key("p1"), "one");
    p.incr(key("p2"));
    p.get(key("p1"));
    p.incr(key("p1")); // not an integer
    const results = await p.exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual(["OK", 1, "one", undefined]);
    expect(results[3]?.error).toMatch(/not an integer/);
  });

  it("runs MULTI/EXEC transactions atomically", async () => {
    const tx = raw.multi();
    tx.set(key("m"), "10");
    tx.incrby(key("m"), 5);
    tx.get(key("m"));
    expect(await tx.exec()).toEqual(["OK", 15, "15"]);

    // A command Redis refuses to queue aborts the whole transaction.
    const res = await post("/multi-exec", JSON.stringify([["SET", key("m"), "0"], ["NOSUCHCMD"]]));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatch(/EXECABORT/);
    expect(await raw.get(key("m"))).toBe("15");
  });

  it("auto-pipelines concurrent commands", async () => {
    const n = 20;
    await Promise.all(Array.from({ length: n }, (_, i) => raw.set(key(`ap${i}`), `v${i}`)));
    const values = await Promise.all(Array.from({ length: n }, (_, i) => raw.get(key(`ap${i}`))));
    expect(values).toEqual(Array.from({ length: n }, (_, i) => `v${i}`));
  });

  it("evaluates Lua scripts, nested replies included", async () => {
    await raw.set(key("e"), "val");
    const script = "return {KEYS[1], redis.call('GET', KEYS[1]), tonumber(ARGV[1]) + 1, {ARGV[2]}}";
    expect(await raw.eval(script, [key("e")], [41, "ü"])).toEqual([key("e"), "val", 42, ["ü"]]);
  });

  it("accepts Upstash's allow-key-locking shebang (EVAL, EVAL_RO, SCRIPT LOAD, EVALSHA)", async () => {
    const script = `${SHEBANG}\nreturn redis.call('INCR', KEYS[1])`;
    const sha = createHash("sha1").update(script).digest("hex");
    expect(await redis.eval(script, [key("sc")], [])).toBe(1);
    expect(await redis.evalsha(sha, [key("sc")], [])).toBe(2);

    const readOnly = `${SHEBANG}\nreturn redis.call('GET', KEYS[1])`;
    expect(await raw.evalRo(readOnly, [key("sc")], [])).toBe("2");

    const loaded = `${SHEBANG}\nreturn 'loaded ' .. ARGV[1]`;
    const loadedSha = await redis.scriptLoad(loaded);
    expect(loadedSha).toBe(createHash("sha1").update(loaded).digest("hex"));
    expect(await raw.evalsha(loadedSha, [], ["ok"])).toBe("loaded ok");
    expect(await redis.scriptExists(loadedSha, "0".repeat(40))).toEqual([1, 0]);
    await expect(redis.evalsha("f".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it("surfaces Redis errors as thrown errors", async () => {
    await raw.set(key("str"), "abc");
    await expect(redis.incr(key("str"))).rejects.toThrow(/not an integer/);
    await expect(redis.lpush(key("str"), "x")).rejects.toThrow(/WRONGTYPE/);
  });

  it("rejects a wrong token", async () => {
    const wrong = new Redis({ url: bridge.url, token: "wrong", retry: false });
    await expect(wrong.get(key("x"))).rejects.toThrow(/Unauthorized/);
  });
});

describe("@upstash/ratelimit through the bridge", () => {
  const limiters = {
    slidingWindow: () => Ratelimit.slidingWindow(3, "10 s"),
    fixedWindow: () => Ratelimit.fixedWindow(3, "10 s"),
  };

  for (const [name, limiter] of Object.entries(limiters)) {
    it(`${name}: allows 3 then blocks, via EVAL then via cached EVALSHA`, async () => {
      // The very first limit() goes EVALSHA → NOSCRIPT → EVAL (the bridge has not seen the
      // script yet); every later call, and the whole second round with a fresh Ratelimit, uses
      // EVALSHA with the client's sha, translated to the sha of the stripped script.
      for (const round of [1, 2]) {
        await awayFromWindowEdge(10_000);
        const ratelimit = new Ratelimit({
          redis,
          limiter: limiter(),
          prefix: key(`rl:${name}`),
          ephemeralCache: false,
        });
        const id = `user-${round}`;
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await ratelimit.limit(id));
        await Promise.all(results.map((r) => r.pending));
        expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
        expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
        expect(results.every((r) => r.reason === undefined)).toBe(true); // not a timeout fail-open
        const { reset } = results[3] ?? { reset: 0 };
        expect(reset).toBeGreaterThan(Date.now());
        expect(reset).toBeLessThanOrEqual(Date.now() + 10_000);
      }
    });
  }
});

describe("raw protocol", () => {
  it("returns {result} with base64 only when asked, null included", async () => {
    await raw.set(key("b64"), "héllo");
    const plain = await post("/", JSON.stringify(["GET", key("b64")]));
    expect(await plain.json()).toEqual({ result: "héllo" });
    const encoded = await post("/", JSON.stringify(["GET", key("b64")]), {
      "Upstash-Encoding": "base64",
    });
    expect(await encoded.json()).toEqual({ result: Buffer.from("héllo").toString("base64") });
    const missing = await post("/", JSON.stringify(["GET", key("nope")]));
    expect(await missing.text()).toBe('{"result":null}');
  });

  it("encodes nested arrays in pipelines but never errors or integers", async () => {
    const res = await post(
      "/pipeline",
      JSON.stringify([
        ["RPUSH", key("rl"), "a", 2, true],
        ["LRANGE", key("rl"), 0, -1],
        ["INCR", key("rl")],
      ]),
      { "Upstash-Encoding": "base64" },
    );
    expect(res.status).toBe(200);
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const body = await json<Reply[]>(res);
    expect(body[0]).toEqual({ result: 3 });
    expect(body[1]).toEqual({ result: [b64("a"), b64("2"), b64("true")] });
    expect(body[2]?.error).toMatch(/^WRONGTYPE/);
  });

  it("supports path-style commands", async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const set = await fetch(`${bridge.url}/set/${encodeURIComponent(key("path"))}`, {
      method: "POST",
      headers: auth,
      body: "from body",
    });
    expect(await set.json()).toEqual({ result: "OK" });
    const get = await fetch(`${bridge.url}/get/${encodeURIComponent(key("path"))}`, {
      headers: auth,
    });
    expect(await get.json()).toEqual({ result: "from body" });
  });

  it("answers 400 on malformed input and errors", async () => {
    for (const [path, body] of [
      ["/", "{not json"],
      ["/", "{}"],
      ["/", "[]"],
      ["/", '[["GET"]]'],
      ["/pipeline", '["GET","x"]'],
      ["/multi-exec", "nope"],
      ["/", '["SUBSCRIBE","chan"]'],
      ["/", '["NOSUCHCMD"]'],
    ]) {
      const res = await post(path ?? "/", body ?? "");
      expect(res.status, `${path} ${body}`).toBe(400);
      expect(typeof (await json(res)).error).toBe("string");
    }
  });

  it("answers 401 without or with a wrong token", async () => {
    const variants: Record<string, string>[] = [
      {},
      { Authorization: "Bearer nope" },
      { Authorization: TOKEN },
    ];
    for (const headers of variants) {
      const res = await fetch(bridge.url, { method: "POST", headers, body: '["PING"]' });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Unauthorized" });
    }
  });

  it("answers 413 for bodies over 10 MiB", async () => {
    const big = JSON.stringify(["SET", key("big"), "x".repeat(11 * 1024 * 1024)]);
    const res = await post("/", big);
    expect(res.status).toBe(413);
    expect(await raw.exists(key("big"))).toBe(0);
  });
});

describe("Redis outages", () => {
  it("answers 503 quickly when Redis is unreachable", async () => {
    const down = await startUpstashBridge({ token: TOKEN, redisUrl: "redis://127.0.0.1:1" });
    try {
      const started = Date.now();
      const res = await fetch(down.url, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: '["PING"]',
      });
      expect(res.status).toBe(503);
      expect((await json(res)).error).toMatch(/unavailable/i);
      const pipeline = await fetch(`${down.url}/pipeline`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: '[["PING"]]',
      });
      expect(pipeline.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await down.close();
    }
  });

  it("reconnects when Redis comes back", async () => {
    // A TCP relay in front of Redis that we can cut and restore, standing in for a restart.
    const relay = await startRelay(6379);
    const flaky = await startUpstashBridge({
      token: TOKEN,
      redisUrl: `redis://127.0.0.1:${relay.port}`,
    });
    const client = new Redis({ url: flaky.url, token: TOKEN, retry: false });
    try {
      await client.set(key("flaky"), "1");
      await relay.stop();
      await expect(client.get(key("flaky"))).rejects.toThrow(/unavailable/i);
      await relay.start();
      await expect
        .poll(() => client.get(key("flaky")).catch(() => "down"), { timeout: 5000 })
        .toBe(1);
    } finally {
      await flaky.close();
      await relay.stop();
    }
  });
});

/** Minimal TCP relay to a local port that can be stopped (dropping connections) and restarted. */
async function startRelay(targetPort: number) {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = netConnect(targetPort, "127.0.0.1");
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      server.listen(port, "127.0.0.1", () => {
        const address = server?.address();
        port = typeof address === "object" && address ? address.port : 0;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server?.listening) return resolve();
      server.close(() => resolve());
    });
  await start();
  return { port, start, stop };
}
