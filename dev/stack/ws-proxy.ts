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
 */
import { createServer, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { listenOn } from "./ports.ts";

export interface WsProxyOptions {
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Target hosts clients may ask for; default loopback only. */
  allowedHosts?: string[];
}

export interface WsProxy {
  port: number;
  /** Base WebSocket URL, e.g. `ws://127.0.0.1:PORT/v1` (append `?address=host:port`). */
  url: string;
  /** Stops accepting and terminates every open pair. */
  close(): Promise<void>;
  /** Destroys every open WebSocket+TCP pair abruptly (fault injection). */
  dropAll(): void;
  /** Number of open WebSocket+TCP pairs. */
  connections(): number;
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

const toBuffer = (data: RawData) =>
  Buffer.isBuffer(data)
    ? data
    : Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.from(data as ArrayBuffer);

export async function startWsProxy(options: WsProxyOptions = {}): Promise<WsProxy> {
  const host = options.host ?? "127.0.0.1";
  const allowed = new Set((options.allowedHosts ?? LOOPBACK).map(stripBrackets));
  const pairs = new Set<{ ws: WebSocket; tcp: Socket }>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  const server = createServer((_req, res) => {
    res.writeHead(426, { "Content-Type": "text/plain" }).end("WebSocket upgrade required\n");
  });

  // Validate before upgrading so a refused target is never dialed and the client sees HTTP 400.
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy()); // client resets must not crash the process
    const target = resolveTarget(req, allowed);
    if (typeof target === "string") return refuse(socket, target);
    wss.handleUpgrade(req, socket, head, (ws) => pipe(ws, target));
  });

  function pipe(ws: WebSocket, target: { host: string; port: number }) {
    // net.Socket queues writes made while still connecting, so frames that arrive before the
    // TCP handshake completes are buffered and flushed in order once connected.
    const tcp = connect({ host: target.host, port: target.port });
    tcp.setNoDelay(true); // pg messages are small and latency-sensitive
    const pair = { ws, tcp };
    pairs.add(pair);

    ws.on("message", (data) => {
      if (!tcp.write(toBuffer(data))) ws.pause(); // backpressure towards the client
    });
    tcp.on("drain", () => ws.resume());

    tcp.on("data", (chunk) => {
      ws.send(chunk, { binary: true }, () => {
        if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK) tcp.resume();
      });
      if (ws.bufferedAmount >= HIGH_WATER_MARK) tcp.pause();
    });

    // Either side ending tears down the other; errors are expected (ECONNRESET, refused, ...).
    ws.on("error", () => tcp.destroy());
    ws.on("close", () => {
      tcp.end();
      setTimeout(() => tcp.destroy(), TCP_LINGER_MS).unref();
    });
    tcp.on("error", () => {}); // followed by "close"
    tcp.on("close", (hadError) => {
      pairs.delete(pair);
      if (ws.readyState === ws.OPEN) ws.close(hadError ? 1011 : 1000);
    });
  }

  function dropAll() {
    for (const { ws, tcp } of pairs) {
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // idle non-upgraded HTTP connections
        wss.close();
        dropAll();
      }),
  };
}
