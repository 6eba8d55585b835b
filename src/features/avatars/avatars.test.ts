import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { query } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { bearer, me, newUser, type TestUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

type User = { id: string; avatar: { id: string; photo_url: string } | null };

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const bytesOf = (text: string) => new TextEncoder().encode(text);

// Tiny but real images (1×1 pixel), each starting with its format's magic bytes.
const PNG = fromBase64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
);
const WEBP = fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
const MIB5 = 5 * 1024 * 1024;

/** A PNG signature padded with zeros to `size` bytes (only magic bytes are checked). */
function pngOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG.subarray(0, 8));
  return bytes;
}

function upload(
  user: TestUser,
  bytes: Uint8Array,
  options: { filename?: string; type?: string; path?: string } = {},
) {
  const form = new FormData();
  form.append(
    "image",
    new Blob([bytes], { type: options.type ?? "image/png" }),
    options.filename ?? "me.png",
  );
  return call(options.path ?? "/api/avatar", {
    method: "POST",
    headers: bearer(user.accessToken),
    body: form,
  });
}

async function uploaded(user: TestUser, bytes: Uint8Array): Promise<User> {
  const response = await upload(user, bytes);
  if (response.status !== 201)
    throw new Error(`upload: ${response.status} ${await response.text()}`);
  return (await response.json()) as User;
}

const imagePath = (user: User) => new URL(user.avatar?.photo_url ?? "").pathname;
const avatarRow = async (userId: string) =>
  (
    await query(
      sql`select id, object_key, content_type, size_bytes from avatars where user_id = ${userId}`,
    )
  )[0] as { id: string; object_key: string; content_type: string; size_bytes: number } | undefined;
const storedObjects = async (userId: string) =>
  (await env.AVATARS.list({ prefix: `avatars/${userId}/` })).objects.map((object) => object.key);

describe("avatars: happy path", () => {
  it.each([
    ["PNG", PNG, "image/png"],
    ["JPEG", JPEG, "image/jpeg"],
    ["WebP", WEBP, "image/webp"],
  ])("uploads a %s and serves the same bytes with the detected type", async (_, bytes, type) => {
    const user = await newUser();
    // The declared type and filename are wrong on purpose: only the bytes count.
    const response = await upload(user, bytes, { filename: "photo.txt", type: "text/plain" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as User;
    expect(body.id).toBe(user.id);
    expect(body.avatar?.photo_url).toBe(`http://chontak.test/api/avatar/image/${body.avatar?.id}`);

    const image = await call(imagePath(body)); // public: no token
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe(type);
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("cache-control")).toBe("public, max-age=86400, immutable");
    expect(image.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(image.headers.get("content-disposition")).toBe("inline");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(bytes);

    const row = await avatarRow(user.id);
    expect(row).toMatchObject({
      id: body.avatar?.id,
      content_type: type,
      size_bytes: bytes.length,
    });
    expect(row?.object_key).toMatch(new RegExp(`^avatars/${user.id}/[0-9a-f-]{36}$`));
  });

  it("shows the avatar in /api/auth/me and accepts the caller's own id in the path", async () => {
    const user = await newUser();
    const response = await upload(user, PNG, { path: `/api/avatar/${user.id}` });
    expect(response.status).toBe(201);
    const body = (await response.json()) as User;
    expect(((await (await me(user.accessToken)).json()) as User).avatar).toEqual(body.avatar);
  });

  it("replaces: the new image serves, the old URL and object are gone, the row points at the new", async () => {
    const user = await newUser();
    const first = await uploaded(user, PNG);
    const oldKey = (await avatarRow(user.id))?.object_key as string;
    const second = await uploaded(user, JPEG);
    expect(second.avatar?.id).not.toBe(first.avatar?.id);

    expect((await call(imagePath(first))).status).toBe(404);
    const served = await call(imagePath(second));
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(JPEG);

    const row = await avatarRow(user.id);
    expect(row).toMatchObject({ id: second.avatar?.id, content_type: "image/jpeg" });
    expect(await env.AVATARS.head(oldKey)).toBeNull();
    expect(await storedObjects(user.id)).toEqual([row?.object_key]);
  });

  it("deletes: 204, then 404 on a second delete; the image and object are gone", async () => {
    const user = await newUser();
    const withAvatar = await uploaded(user, WEBP);
    const headers = bearer(user.accessToken);
    const deleted = await call("/api/avatar", { method: "DELETE", headers });
    expect(deleted.status).toBe(204);
    const again = await call(`/api/avatar/${user.id}`, { method: "DELETE", headers });
    expect(again.status).toBe(404);
    expect(((await again.json()) as Problem).code).toBe("AVATAR_NOT_FOUND");

    expect((await call(imagePath(withAvatar))).status).toBe(404);
    expect(((await (await me(user.accessToken)).json()) as User).avatar).toBeNull();
    expect(await avatarRow(user.id)).toBeUndefined();
    expect(await storedObjects(user.id)).toEqual([]);

    await uploaded(user, PNG);
    expect((await call(`/api/avatar/${user.id}`, { method: "DELETE", headers })).status).toBe(204);
  });
});

describe("avatars: errors", () => {
  it("refuses anything that is not JPEG, PNG or WebP by its bytes, whatever it claims", async () => {
    const user = await newUser();
    const attempts: [Uint8Array, string, string][] = [
      [bytesOf("<html><script>alert(1)</script></html>"), "avatar.png", "image/png"],
      [
        bytesOf('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        "a.svg",
        "image/svg+xml",
      ],
      [bytesOf("PNG but not really: just text"), "notes.png", "image/png"],
      [new Uint8Array(0), "empty.png", "image/png"],
      [bytesOf("RIFF\0\0\0\0WAVEfmt "), "sound.webp", "image/webp"],
    ];
    for (const [bytes, filename, type] of attempts) {
      const response = await upload(user, bytes, { filename, type });
      expect(response.status, filename).toBe(400);
      expect(((await response.json()) as Problem).code).toBe("BAD_IMAGE");
    }
    expect(await avatarRow(user.id)).toBeUndefined();
    expect(await storedObjects(user.id)).toEqual([]);
  });

  it("accepts exactly 5 MiB and refuses one byte more with 413", async () => {
    const user = await newUser();
    const exact = await upload(user, pngOfSize(MIB5));
    expect(exact.status).toBe(201);
    expect((await avatarRow(user.id))?.size_bytes).toBe(MIB5);

    const over = await upload(user, pngOfSize(MIB5 + 1));
    expect(over.status).toBe(413);
    expect(((await over.json()) as Problem).code).toBe("IMAGE_TOO_LARGE");
    expect((await avatarRow(user.id))?.size_bytes).toBe(MIB5);
  });

  it("stops reading an endless body without Content-Length", async () => {
    const user = await newUser();
    const boundary = "chontak-boundary";
    const head = bytesOf(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    let sent = 0;
    const chunk = new Uint8Array(256 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(sent === 0 ? head : chunk);
        sent += sent === 0 ? head.length : chunk.length;
      },
    });
    const response = await call("/api/avatar", {
      method: "POST",
      headers: {
        ...bearer(user.accessToken),
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as Problem).code).toBe("IMAGE_TOO_LARGE");
    expect(sent).toBeLessThan(MIB5 + 2 * 1024 * 1024);
  });

  it("wants a multipart body with an `image` file", async () => {
    const user = await newUser();
    const json = await call("/api/avatar", {
      method: "POST",
      headers: { ...bearer(user.accessToken), "Content-Type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append("image", "not a file");
    const text = await call("/api/avatar", {
      method: "POST",
      headers: bearer(user.accessToken),
      body: form,
    });
    expect(text.status).toBe(422);
    const other = new FormData();
    other.append("photo", new Blob([PNG]), "me.png");
    const wrongField = await call("/api/avatar", {
      method: "POST",
      headers: bearer(user.accessToken),
      body: other,
    });
    expect(wrongField.status).toBe(422);
  });

  it("rate limits uploads to 5 per minute per user", async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) expect((await upload(user, PNG)).status).toBe(201);
    const sixth = await upload(user, PNG);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toMatch(/^\d+$/);
    // Another user is not affected.
    expect((await upload(await newUser(), PNG)).status).toBe(201);
    // Replaced objects were cleaned up along the way.
    expect(await storedObjects(user.id)).toHaveLength(1);
  });
});

describe("avatars: security", () => {
  it("refuses another user's id with 403 and leaves their avatar alone", async () => {
    const victim = await newUser();
    const avatar = await uploaded(victim, PNG);
    const attacker = await newUser();
    const post = await upload(attacker, JPEG, { path: `/api/avatar/${victim.id}` });
    expect(post.status).toBe(403);
    expect(((await post.json()) as Problem).code).toBe("NOT_YOUR_PROFILE");
    const del = await call(`/api/avatar/${victim.id}`, {
      method: "DELETE",
      headers: bearer(attacker.accessToken),
    });
    expect(del.status).toBe(403);
    const served = await call(imagePath(avatar));
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  });

  it("needs a token to upload or delete; bad ids are 422, unknown image ids 404", async () => {
    const anonymous = new FormData();
    anonymous.append("image", new Blob([PNG]), "me.png");
    expect((await call("/api/avatar", { method: "POST", body: anonymous })).status).toBe(401);
    expect((await call("/api/avatar", { method: "DELETE" })).status).toBe(401);

    const user = await newUser();
    expect((await upload(user, PNG, { path: "/api/avatar/not-a-uuid" })).status).toBe(422);
    expect((await call("/api/avatar/image/not-a-uuid")).status).toBe(422);
    expect((await call(`/api/avatar/image/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
