// Round trips on a request's critical path, measured rather than counted: the same
// kind of request, one at a time, with the backends 0 ms and D ms away. Every round
// trip the answer waits for adds 2·D, so (p50 at D − p50 at 0) / 2D is how many there
// were. The two delays alternate request by request, so a machine that speeds up or
// slows down during the probe moves both medians alike.
import { sleep } from "../dev/stack/ports.ts";
import { type Call, percentile, type Send } from "./load.ts";

export interface RoundTrips {
  scenario: string;
  /** requests at each delay */
  samples: number;
  p50Ms: number;
  p50DelayedMs: number;
  /** (p50DelayedMs − p50Ms) / 2D */
  roundTrips: number;
  /** non-2xx answers and network errors at either delay, by status */
  errors: Record<string, number>;
  /** every status seen (the 201s count towards the reconciliation) */
  statuses: Record<string, number>;
}

export interface LatencyProbe {
  delayMs: number;
  samples: number;
  /**
   * One injected round trip as measured (a Redis PING on a kept connection, at D minus at 0):
   * timers fire a little late, so it comes out slightly above 2D.
   */
  injectedRoundTripMs: number;
  rows: RoundTrips[];
}

export interface LatencyOptions {
  delayMs: number;
  samples: number;
  send: Send;
  /** Switches the backends' delay on the running stack. */
  setDelay: (ms: number) => void;
  plan: [string, () => Call][];
  /** One request straight to a backend on a kept connection: one round trip when delayed. */
  oneRoundTrip: () => Promise<unknown>;
}

const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function probeLatency(options: LatencyOptions): Promise<LatencyProbe> {
  const { delayMs, samples, send, setDelay } = options;
  // After an answer the Worker still closes its database connection through the (delayed)
  // proxy; waiting that out keeps one sample's leftovers from slowing the next.
  const settle = (ms: number) => sleep(2 * ms + 5);
  try {
    const direct: [number[], number[]] = [[], []];
    for (let i = 0; i < samples; i++) {
      for (const [side, ms] of [0, delayMs].entries()) {
        setDelay(ms);
        direct[side]?.push(await timed(options.oneRoundTrip));
      }
    }
    const rows: RoundTrips[] = [];
    for (const [scenario, next] of options.plan) {
      const latencies: [number[], number[]] = [[], []];
      const errors: Record<string, number> = {};
      const statuses: Record<string, number> = {};
      for (let i = 0; i < samples; i++) {
        for (const [side, ms] of [0, delayMs].entries()) {
          setDelay(ms);
          const call = next();
          const start = performance.now();
          const status = await send(call).then(
            (reply) => String(reply.status),
            () => "0",
          );
          latencies[side]?.push(performance.now() - start);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!status.startsWith("2")) errors[status] = (errors[status] ?? 0) + 1;
          await settle(ms);
        }
      }
      const [p50Ms, p50DelayedMs] = latencies.map(median) as [number, number];
      rows.push({
        scenario,
        samples,
        p50Ms,
        p50DelayedMs,
        roundTrips: (p50DelayedMs - p50Ms) / (2 * delayMs),
        errors,
        statuses,
      });
    }
    return {
      delayMs,
      samples,
      injectedRoundTripMs: median(direct[1]) - median(direct[0]),
      rows,
    };
  } finally {
    setDelay(0);
  }
}
