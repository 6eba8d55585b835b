// Simulated distance between the Worker and a local backend (the benchmark's latency
// mode). Locally every backend is a loopback hop away, so the number of sequential
// round trips a request makes is invisible; holding what crosses each server for a
// fixed time makes every round trip cost the same known amount. A new connection pays
// one round trip more for its handshake. A delay of 0 schedules no timer and awaits
// nothing, so the servers run exactly as without this module.

export interface Latency {
  /** Milliseconds each request, answer or message is held one way. */
  readonly delayMs: number;
  setDelay(ms: number): void;
}

export function checkedDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be ≥ 0 ms, got ${ms}`);
  return ms;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one-way delay of an HTTP server: requests in, answers out. */
export class HttpLatency implements Latency {
  private ms: number;
  /** Connections that already paid for their handshake (tracked at 0 too: they stay old). */
  private readonly seen = new WeakSet<object>();

  constructor(ms = 0) {
    this.ms = checkedDelay(ms);
  }

  get delayMs(): number {
    return this.ms;
  }

  setDelay(ms: number): void {
    this.ms = checkedDelay(ms);
  }

  /** Before the server looks at a request: one way, plus the handshake on a new connection. */
  inbound(connection: object): Promise<void> | undefined {
    const fresh = !this.seen.has(connection);
    if (fresh) this.seen.add(connection);
    const ms = fresh ? 3 * this.ms : this.ms;
    return ms > 0 ? sleep(ms) : undefined;
  }

  /** Before the answer is written: one way back. */
  outbound(): Promise<void> | undefined {
    return this.ms > 0 ? sleep(this.ms) : undefined;
  }
}

/**
 * One direction of a stream (a WebSocket's messages one way): every action runs
 * `delay()` ms after it was pushed, in push order even when the delay shrinks meanwhile.
 */
export class DelayLine {
  private readonly queue: { due: number; run: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly delay: () => number) {}

  push(run: () => void): void {
    const ms = this.delay();
    if (ms === 0 && this.queue.length === 0) {
      run();
      return;
    }
    const last = this.queue.at(-1)?.due ?? 0;
    this.queue.push({ due: Math.max(performance.now() + ms, last), run });
    this.schedule();
  }

  /** Drops what is still queued (the connection is gone). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (this.timer || !head) return;
    // Timers have millisecond resolution: rounding up never delivers early.
    this.timer = setTimeout(this.flush, Math.max(1, Math.ceil(head.due - performance.now())));
  }

  private readonly flush = () => {
    this.timer = undefined;
    const now = performance.now();
    let head = this.queue[0];
    while (head && head.due <= now) {
      this.queue.shift();
      head.run();
      head = this.queue[0];
    }
    this.schedule();
  };
}
