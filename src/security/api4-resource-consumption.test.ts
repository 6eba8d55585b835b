import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../test/worker/admin";
import { query } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { bearer, newUser, uniqueIp, uniquePhone } from "../../test/worker/users";
import {
  bytesOf,
  documentedOperations,
  imageForm,
  PNG,
  problemOf,
  routeKey,
  uploadAvatar,
  withRandomIds,
} from "./helpers";

describe("API4:2023 unrestricted resource consumption", () => {
  const OVERSIZED = JSON.stringify({ padding: "x".repeat(65 * 1024) });

  it("refuses a JSON body over 64 KiB with 413 on every documented JSON operation", async () => {
    const user = await newUser();
    const jsonOperations = (await documentedOperations()).filter(
      (op) => op.operation.requestBody?.content?.["application/json"],
    );
    expect(jsonOperations.map(routeKey)).toEqual(
      expect.arrayContaining([
        "POST /api/auth/register",
        "POST /api/auth/login",
        "POST /api/transactions",
        "POST /api/saved-cards",
        "POST /api/admin/deposit",
      ]),
    );
    for (const { method, path } of jsonOperations) {
      for (const headers of [{}, bearer(user.accessToken)]) {
        const response = await call(withRandomIds(path), {
          method,
          headers: {
            ...headers,
            "Content-Type": "application/json",
            "CF-Connecting-IP": uniqueIp(),
          },
          body: OVERSIZED,
        });
        expect(response.status, `${method} ${path}`).toBe(413);
        expect((await problemOf(response)).code).toBe("PAYLOAD_TOO_LARGE");
      }
    }
  });

  it("counts a streamed body without Content-Length too, and lets a body under the cap through", async () => {
    const bytes = bytesOf(OVERSIZED);
    const streamed = await call("/api/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueIp() },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < bytes.length; offset += 8192)
            controller.enqueue(bytes.subarray(offset, offset + 8192));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const underCap = await callJson(
      "/api/auth/register",
      "POST",
      {
        full_name: "x".repeat(60 * 1024),
        phone_number: uniquePhone(),
        password: "secret-password",
      },
      { "CF-Connecting-IP": uniqueIp() },
    );
    expect(underCap.status).toBe(422); // read and validated, not refused for its size
  });

  it("caps `limit` and refuses zero or negative pages on every paginated operation", async () => {
    const user = await newUser();
    const admin = await newAdmin();
    const paginated = (await documentedOperations()).filter((op) =>
      op.operation.parameters?.some((p) => p.in === "query" && p.name === "limit"),
    );
    expect(paginated.map(routeKey)).toEqual(
      expect.arrayContaining([
        "GET /api/transactions",
        "GET /api/saved-cards",
        "GET /api/admin/all-users",
        "GET /api/admin/all-cards",
        "GET /api/admin/all-transactions",
        "GET /api/admin/verify-all-balance",
        "GET /api/admin/audit-log",
      ]),
    );
    for (const { method, path, operation } of paginated) {
      const parameters = operation.parameters ?? [];
      const max = parameters.find((p) => p.name === "limit")?.schema?.maximum;
      expect(max, path).toBeDefined();
      expect(max, path).toBeLessThanOrEqual(100);
      expect(parameters.find((p) => p.name === "page")?.schema?.minimum, path).toBe(1);
      const caller = path.startsWith("/api/admin/") ? admin : user;
      const get = (search: string) =>
        call(`${path}?${search}`, { method, headers: bearer(caller.accessToken) });

      expect((await get(`limit=${max}`)).status, `${path} limit=${max}`).toBe(200);
      for (const search of [
        `limit=${Number(max) + 1}`,
        "limit=1000000000",
        "limit=0",
        "limit=-1",
        "limit=1e3",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=99999999999",
      ]) {
        const response = await get(search);
        expect(response.status, `${path}?${search}`).toBe(422);
        expect((await problemOf(response)).code).toBe("VALIDATION_ERROR");
      }
    }
  });

  it("refuses an avatar over 5 MiB with 413 and stores nothing", async () => {
    const user = await newUser();
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    bytes.set(PNG.subarray(0, 8));
    const response = await uploadAvatar(user, imageForm(bytes));
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe("IMAGE_TOO_LARGE");
    const [avatar] = await query(sql`select id from avatars where user_id = ${user.id}`);
    expect(avatar).toBeUndefined();
    expect((await env.AVATARS.list({ prefix: `avatars/${user.id}/` })).objects).toEqual([]);
  });
});
