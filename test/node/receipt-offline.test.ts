// An auditor's check of a receipt with nothing of ours: the Worker (as deployed) signs a
// receipt, and Node's own crypto verifies it against the published JWK, following the
// encoding the README documents step by step. No jose, no canonicalize package.
import { createPublicKey, randomUUID, verify } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedAdmin } from "../../dev/seed.ts";
import { buildWorker, type RunningWorker, startWorker } from "../../dev/stack/worker.ts";

const PASSWORD = "receipt-test-password";
const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const phone = () => `+99891${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;

const fromB64url = (text: string) => Buffer.from(text, "base64url");

/**
 * RFC 8785 for what a receipt holds (strings, one small integer, null): members
 * sorted by key (UTF-16 code units; the keys are ASCII), no whitespace, strings
 * escaped as JSON.stringify does (which RFC 8785 adopts).
 */
function jcs(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${jcs(member)}`).join(",")}}`;
}

/** The README's steps: split, find the key by kid, verify Ed25519 over "header.payload". */
function verifyOffline(token: string, jwks: { keys: Record<string, string>[] }) {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return { valid: false as const };
  const protectedHeader = JSON.parse(fromB64url(header).toString("utf8"));
  const jwk = jwks.keys.find((key) => key.kid === protectedHeader.kid);
  if (!jwk || protectedHeader.alg !== "EdDSA") return { valid: false as const };
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
  const signed = Buffer.from(`${header}.${payload}`, "ascii");
  const valid = verify(null, signed, key, fromB64url(signature));
  const text = fromB64url(payload).toString("utf8");
  return { valid, text, facts: JSON.parse(text) as Record<string, unknown> };
}

describe("a receipt checked offline with Node's crypto", () => {
  let tmp: string;
  let worker: RunningWorker;
  let api: (route: string, init?: RequestInit & { token?: string }) => Promise<Response>;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "chontak-receipt-"));
    await chmod(tmp, 0o755);
    const { entry } = await buildWorker(tmp);
    worker = await startWorker(
      entry,
      {
        ...inject("stackBindings"),
        JWT_SECRET: `receipt-test-secret-${randomUUID()}`,
        BCRYPT_COST: "4",
        WEB_APP_URL: "https://wallet.example",
      },
      path.join(tmp, "state"),
    );
    const address = ip();
    api = (route, init = {}) =>
      fetch(`${worker.url}${route}`, {
        ...init,
        headers: {
          "Content-Type": "application/json",
          "CF-Connecting-IP": address,
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function logIn(phoneNumber: string): Promise<string> {
    const response = await api("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ phone_number: phoneNumber, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it("verifies the bank's signature with the published JWK, and fails a tampered copy", async () => {
    const adminPhone = phone();
    await seedAdmin(inject("directDatabaseUrl"), { phone: adminPhone, password: PASSWORD }, 4);
    const userPhone = phone();
    const registered = await api("/api/auth/register", {
      method: "POST",
      body: JSON.stringify({
        full_name: "Dilnoza Rahimova",
        phone_number: userPhone,
        password: PASSWORD,
      }),
    });
    expect(registered.status).toBe(201);
    const user = await logIn(userPhone);
    const card = (await (await api("/api/card", { method: "POST", token: user })).json()) as {
      id: string;
      card_number: string;
    };
    expect(
      (await api(`/api/card/${card.id}/unfreeze`, { method: "PATCH", token: user })).status,
    ).toBe(200);
    const deposit = await api("/api/admin/deposit", {
      method: "POST",
      token: await logIn(adminPhone),
      headers: { "Idempotency-Key": randomUUID() },
      body: JSON.stringify({ to_card_number: card.card_number, amount: "15000.25" }),
    });
    expect(deposit.status, await deposit.clone().text()).toBe(201);
    const { id } = (await deposit.json()) as { id: string };

    const receipt = (await (
      await api(`/api/transactions/${id}/receipt`, { token: user })
    ).json()) as {
      token: string;
      verify_url: string;
    };
    expect(receipt.verify_url).toBe(`https://wallet.example/r/${receipt.token}`);
    const jwks = (await (
      await fetch(`${worker.url}/.well-known/chontak-receipt-keys.json`)
    ).json()) as {
      keys: Record<string, string>[];
    };

    const checked = verifyOffline(receipt.token, jwks);
    expect(checked.valid).toBe(true);
    expect(checked.text).toBe(jcs(checked.facts)); // the payload is its own canonical form
    expect(checked.facts).toMatchObject({
      v: 1,
      id,
      type: "deposit",
      amount: "15000.25",
      fee: "0.00",
      currency: "UZS",
      to_card: `7777 **** **** ${card.card_number.slice(-4)}`,
    });

    const [header, , signature] = receipt.token.split(".");
    const altered = Buffer.from(jcs({ ...checked.facts, amount: "95000.25" })).toString(
      "base64url",
    );
    expect(verifyOffline(`${header}.${altered}.${signature}`, jwks).valid).toBe(false);
    const flipped = fromB64url(signature as string);
    flipped[0] = (flipped[0] as number) ^ 1;
    const forged = `${header}.${receipt.token.split(".")[1]}.${flipped.toString("base64url")}`;
    expect(verifyOffline(forged, jwks).valid).toBe(false);
  }, 60_000);
});
