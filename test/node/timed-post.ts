// A POST timed from send to the last byte of the answer, on a caller's agent: with a
// keep-alive agent of one socket the first request opens the connection and the later
// ones reuse it, which is what the latency-mode tests tell apart.
import http from "node:http";

export interface Timed {
  status: number;
  body: string;
  ms: number;
}

export function timedPost(
  url: string,
  agent: http.Agent,
  body: string,
  headers: Record<string, string> = {},
): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
