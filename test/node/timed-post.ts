// A POST timed from send to the last byte of the answer, on a caller's agent: with a
// keep-alive agent of one socket the first request opens the connection and the later
// ones reuse it, which is what the latency-mode tests tell apart.
import type http from "node:http";
import { sendOn } from "../../bench/load.ts";

export interface Timed {
  status: number;
  body: string;
  ms: number;
}

export async function timedPost(
  url: string,
  agent: http.Agent,
  body: string,
  headers: Record<string, string> = {},
): Promise<Timed> {
  const { origin, pathname, search } = new URL(url);
  const started = performance.now();
  const reply = await sendOn(agent, origin, {
    method: "POST",
    path: `${pathname}${search}`,
    headers,
    body,
  });
  return { ...reply, ms: performance.now() - started };
}
