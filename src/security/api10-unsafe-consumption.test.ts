import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../../test/worker/http";
import { newUser } from "../../test/worker/users";
import {
  bytesOf,
  documentedOperations,
  imageForm,
  openApi,
  ownedState,
  PNG,
  problemOf,
  uploadAvatar,
} from "./helpers";

describe("API10:2023 unsafe consumption of APIs", () => {
  // None expected: the product consumes no third-party API. Its only outbound
  // connections are its own Postgres and Redis, and the only untrusted external
  // data it takes in is an uploaded image.

  it("is configured to reach nothing but its own database and Redis", async () => {
    // Every binding that names a place to connect to (a URL or host:port). CORS_ORIGINS
    // names the web origins allowed to call in, not anything the Worker calls out to.
    const addresses = Object.entries(env)
      .filter(([name]) => name !== "CORS_ORIGINS")
      .filter(
        ([, value]) =>
          typeof value === "string" && /^([a-z][\w+.-]*:\/\/|[\w.-]+:\d+$)/i.test(value),
      )
      .map(([name]) => name)
      .sort();
    expect(addresses).toEqual([
      "DATABASE_URL",
      "DB_HTTP_ENDPOINT", // local only: the stand-in for Neon's SQL-over-HTTP endpoint
      "DB_WS_PROXY", // local only: the stand-in for Neon's WebSocket edge
      "DIRECT_DATABASE_URL", // tests only: assertions straight against Postgres
      "UPSTASH_REDIS_REST_URL",
    ]);
    const document = await openApi();
    expect(Object.keys(document.webhooks ?? {})).toEqual([]);
    for (const { operation } of await documentedOperations()) {
      expect(operation).not.toHaveProperty("callbacks");
    }
  });

  it("judges an uploaded image by its magic bytes, never by its declared type or name", async () => {
    const user = await newUser();
    for (const [bytes, type, filename] of [
      [bytesOf("<html><script>alert(1)</script></html>"), "image/png", "a.png"],
      [
        bytesOf('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        "image/jpeg",
        "a.jpg",
      ],
      [bytesOf("GIF89a\u0001\u0000\u0001\u0000"), "image/webp", "a.webp"],
    ] as const) {
      const response = await uploadAvatar(user, imageForm(bytes, type, filename));
      expect(response.status, filename).toBe(400);
      expect((await problemOf(response)).code).toBe("BAD_IMAGE");
    }
    expect(await ownedState([user])).toMatchObject({ avatars: null });

    // A PNG signature followed by HTML is stored, but only ever served as an inert image.
    const polyglot = new Uint8Array([
      ...PNG.subarray(0, 8),
      ...bytesOf("<script>alert(1)</script>"),
    ]);
    const uploaded = await uploadAvatar(user, imageForm(polyglot, "text/html", "x.html"));
    expect(uploaded.status).toBe(201);
    const { avatar } = (await uploaded.json()) as { avatar: { photo_url: string } };
    const served = await call(new URL(avatar.photo_url).pathname);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });
});
