/**
 * Dev/test-only WebSocket → TCP proxy, wire-compatible with Neon's wsproxy, so that
 * `@neondatabase/serverless` (Postgres protocol over a WebSocket) can reach a plain local Postgres.
 *
 * Client side:
 *   neonConfig.wsProxy = (host, port) => `127.0.0.1:${proxy.port}/v1?address=${host}:${port}`;
 *   neonConfig.useSecureWebSocket = false; neonConfig.pipelineTLS = false; neonConfig.pipelineConnect = false;
 *
 * Each WebSocket is paired with one TCP socket; bytes are copied verbatim both ways (no framing of
 * our own: one binary WebSocket message = one chunk of the TCP stream).
 *
 * For the benchmark it counts what the Worker asks of Postgres (connections, and the frontend
 * messages that run statements), and can hold every message and the connection setup for a
 * configurable time (`delayMs`, `setDelay`) to stand for the distance to Neon's edge.
 */
import { createServer, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { checkedDelay, DelayLine, type Latency } from "./latency.ts";
import { listenOn } from "./ports.ts";

export interface WsProxyOptions {
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Target hosts clients may ask for; default loopback only. */
  allowedHosts?: string[];
  /**
   * Milliseconds every message is held each way; a new connection's upgrade is held two round
   * trips (TCP handshake, then the upgrade request and its answer). Default 0: no delay.
   */
  delayMs?: number;
}

/** Totals since the proxy started (take differences around a measurement). */
export interface WsProxyStats {
  /** WebSocket connections accepted, each one new Postgres connection */
  connections: number;
  /** Simple Query messages ('Q'): one statement string each */
  queries: number;
  /** Parse messages ('P') of the extended protocol */
  parses: number;
  /** Execute messages ('E'): one run of a prepared or unnamed statement each */
  executes: number;
  /** Connections whose stream could not be followed (TLS negotiated, malformed): not counted */
  uncounted: number;
}

export interface WsProxy extends Latency {
  port: number;
  /** Base WebSocket URL, e.g. `ws://127.0.0.1:PORT/v1` (append `?address=host:port`). */
  url: string;
  /** Stops accepting and terminates every open pair. */
  close(): Promise<void>;
  /** Destroys every open WebSocket+TCP pair abruptly (fault injection). */
  dropAll(): void;
  /** Number of open WebSocket+TCP pairs. */
  connections(): number;
  stats(): WsProxyStats;
}

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];
/** Stop reading from Postgres while this much is queued towards a slow WebSocket client. */
const HIGH_WATER_MARK = 1024 * 1024;
/** After the client goes away we half-close TCP (flushing e.g. pg's Terminate); cap the wait. */
const TCP_LINGER_MS = 2000;

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** Parses `host:port`, `[v6]:port` or `v6:port` (Neon does not bracket IPv6 hosts). */
export function parseAddress(address: string | null): { host: string; port: number } | null {
  if (!address) return null;
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(address) ?? /^([^[\]\s/]+):(\d{1,5})$/.exec(address);
  if (!m?.[1] || !m[2]) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1].toLowerCase(), port } : null;
}

/** Returns the TCP target for an upgrade request, or a reason to refuse it. */
function resolveTarget(req: IncomingMessage, allowed: Set<string>) {
  const url = new URL(req.url ?? "/", "http://proxy");
  if (url.pathname !== "/v1") return "unknown path (expected /v1)";
  const target = parseAddress(url.searchParams.get("address"));
  if (!target) return "missing or malformed address (expected host:port)";
  if (!allowed.has(target.host)) return `target host not allowed: ${target.host}`;
  return target;
}

function refuse(socket: Duplex, reason: string) {
  const body = `${reason}\n`;
  socket.end(
    "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
/** Frontend message types: Query, Parse, Execute. */
const [Q, P, E] = ["Q", "P", "E"].map((type) => type.charCodeAt(0));

/**
 * Follows the Postgres frontend stream of one connection (client → server) by message
 * boundaries, counting the messages that run statements; reads only the 5-byte headers.
 */
export class FrontendCounter {
  /** The next message has no type byte: startup, SSLRequest, GSSENCRequest or CancelRequest. */
  private untyped = true;
  private readonly header = Buffer.alloc(8);
  private have = 0;
  private skip = 0;
  private lost = false;

  constructor(private readonly stats: WsProxyStats) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.lost) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      const need = this.untyped ? 8 : 5;
      const n = chunk.copy(
        this.header,
        this.have,
        at,
        Math.min(chunk.length, at + need - this.have),
      );
      this.have += n;
      at += n;
      if (this.have < need) return;
      this.have = 0;
      if (this.untyped) {
        const length = this.header.readInt32BE(0);
        const code = this.header.readInt32BE(4);
        // After an encryption request the rest may be TLS: stop rather than count noise.
        if (length < 8 || code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.lose();
          return;
        }
        this.untyped = false;
        this.skip = length - 8;
      } else {
        const length = this.header.readInt32BE(1);
        if (length < 4) {
          this.lose();
          return;
        }
        const type = this.header[0];
        if (type === Q) this.stats.queries++;
        else if (type === P) this.stats.parses++;
        else if (type === E) this.stats.executes++;
        this.skip = length - 4;
      }
    }
  }

  private lose(): void {
    this.lost = true;
    this.stats.uncounted++;
  }
}

const toBuffer = (data: RawData) =>
  Buffer.isBuffer(data)
    ? data
    : Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.from(data as ArrayBuffer);

export async function startWsProxy(options: WsProxyOptions = {}): Promise<WsProxy> {
  const host = options.host ?? "127.0.0.1";
  const allowed = new Set((options.allowedHosts ?? LOOPBACK).map(stripBrackets));
  const pairs = new Set<{ ws: WebSocket; tcp: Socket; toServer: DelayLine; toClient: DelayLine }>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  let delayMs = checkedDelay(options.delayMs ?? 0);
  const delay = () => delayMs;
  const stats: WsProxyStats = { connections: 0, queries: 0, parses: 0, executes: 0, uncounted: 0 };

  const server = createServer((_req, res) => {
    res.writeHead(426, { "Content-Type": "text/plain" }).end("WebSocket upgrade required\n");
  });

  // Validate before upgrading so a refused target is never dialed and the client sees HTTP 400.
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy()); // client resets must not crash the process
    const target = resolveTarget(req, allowed);
    if (typeof target === "string") return refuse(socket, target);
    const upgrade = () => wss.handleUpgrade(req, socket, head, (ws) => pipe(ws, target));
    // The TCP handshake, then the upgrade request and its 101: two round trips.
    if (delayMs > 0) setTimeout(upgrade, 4 * delayMs);
    else upgrade();
  });

  function pipe(ws: WebSocket, target: { host: string; port: number }) {
    // net.Socket queues writes made while still connecting, so frames that arrive before the
    // TCP handshake completes are buffered and flushed in order once connected.
    const tcp = connect({ host: target.host, port: target.port });
    tcp.setNoDelay(true); // pg messages are small and latency-sensitive
    const toServer = new DelayLine(delay);
    const toClient = new DelayLine(delay);
    const pair = { ws, tcp, toServer, toClient };
    pairs.add(pair);
    stats.connections++;
    const frontend = new FrontendCounter(stats);

    ws.on("message", (data) => {
      const chunk = toBuffer(data);
      frontend.push(chunk);
      toServer.push(() => {
        if (!tcp.write(chunk)) ws.pause(); // backpressure towards the client
      });
    });
    tcp.on("drain", () => ws.resume());

    tcp.on("data", (chunk) => {
      toClient.push(() => {
        ws.send(chunk, { binary: true }, () => {
          if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK) tcp.resume();
        });
        if (ws.bufferedAmount >= HIGH_WATER_MARK) tcp.pause();
      });
    });

    // Either side ending tears down the other, after what it sent before has arrived;
    // errors are expected (ECONNRESET, refused, ...).
    ws.on("error", () => {
      toServer.clear();
      tcp.destroy();
    });
    ws.on("close", () =>
      toServer.push(() => {
        tcp.end();
        setTimeout(() => tcp.destroy(), TCP_LINGER_MS).unref();
      }),
    );
    tcp.on("error", () => {}); // followed by "close"
    tcp.on("close", (hadError) => {
      pairs.delete(pair);
      toClient.push(() => {
        if (ws.readyState === ws.OPEN) ws.close(hadError ? 1011 : 1000);
      });
    });
  }

  function dropAll() {
    for (const { ws, tcp, toServer, toClient } of pairs) {
      toServer.clear();
      toClient.clear();
      ws.terminate();
      tcp.destroy();
    }
    pairs.clear();
  }

  const { port, urlHost } = await listenOn(server, options.port, host);

  return {
    port,
    url: `ws://${urlHost}:${port}/v1`,
    dropAll,
    connections: () => pairs.size,
    stats: () => ({ ...stats }),
    get delayMs() {
      return delayMs;
    },
    setDelay: (ms: number) => {
      delayMs = checkedDelay(ms);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // idle non-upgraded HTTP connections
        wss.close();
        dropAll();
      }),
  };
}
