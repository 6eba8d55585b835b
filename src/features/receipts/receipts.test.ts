import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import { fund } from "../../../test/worker/db";
import { call, callWithEnv } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser, uniqueIp } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

interface Receipt {
  receipt: Record<string, unknown>;
  token: string;
  kid: string;
  verify_url: string;
}
interface Verdict {
  valid: boolean;
  reason: string | null;
  kid: string | null;
  receipt: Record<string, unknown> | null;
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromB64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const encodeJson = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));
const decodeJson = (part: string) => JSON.parse(new TextDecoder().decode(fromB64url(part)));

function verify(token: string, bindings?: Record<string, unknown>) {
  const path = `/api/receipts/verify?r=${encodeURIComponent(token)}`;
  const init = { headers: { "CF-Connecting-IP": uniqueIp() } };
  return bindings ? callWithEnv(path, bindings, init) : call(path, init);
}

async function verdictOf(token: string, bindings?: Record<string, unknown>): Promise<Verdict> {
  const response = await verify(token, bindings);
  expect(response.status).toBe(200);
  return (await response.json()) as Verdict;
}

async function receiptOf(user: TestUser, id: string): Promise<Receipt> {
  const response = await call(`/api/transactions/${id}/receipt`, {
    headers: bearer(user.accessToken),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Receipt;
}

/** A fresh Ed25519 pair as the bindings take it. */
async function newKeyPair(kid: string) {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const der = new Uint8Array(
    (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer,
  );
  return { RECEIPT_SIGNING_KEY: btoa(String.fromCharCode(...der)), RECEIPT_KEY_ID: kid };
}

describe("receipts", () => {
  let sender: TestUser;
  let receiver: TestUser;
  let from: TestCard;
  let to: TestCard;
  let transferId: string;

  beforeAll(async () => {
    sender = await newUser("Alisher Valiyev");
    receiver = await newUser("Bobur Karimov");
    from = await openActiveCard(sender);
    to = await openActiveCard(receiver);
    await fund(from.card_number, 100_000_00n);
    const sent = await sendMoney(sender, {
      from_card_id: from.id,
      to_phone_number: receiver.phone,
      amount: "25000.50",
    });
    expect(sent.status).toBe(201);
    transferId = ((await sent.json()) as { id: string }).id;
  });

  describe("happy path", () => {
    it("gives the sender a signed receipt of masked facts that verifies publicly", async () => {
      const { receipt, token, kid, verify_url } = await receiptOf(sender, transferId);
      expect(receipt).toEqual({
        v: 1,
        id: transferId,
        type: "transfer",
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        amount: "25000.50",
        fee: "250.01",
        currency: "UZS",
        from_card: `7777 **** **** ${from.card_number.slice(-4)}`,
        to_card: `7777 **** **** ${to.card_number.slice(-4)}`,
        to_phone: expect.stringMatching(/^\+998 \d\d \*\*\* \*\* \d\d$/),
      });
      expect(JSON.stringify(receipt)).not.toContain(from.card_number);
      expect(kid).toBe(env.RECEIPT_KEY_ID);
      expect(verify_url).toBe(`http://localhost:5173/r/${token}`);

      const [header, payload] = token.split(".") as [string, string];
      expect(decodeJson(header)).toEqual({ alg: "EdDSA", kid, typ: "chontak-receipt+jws" });
      // The payload is the RFC 8785 form: keys sorted, no spaces.
      const text = new TextDecoder().decode(fromB64url(payload));
      expect(text.startsWith('{"amount":"25000.50","at":"')).toBe(true);
      expect(JSON.parse(text)).toEqual(receipt);

      // No login: the verdict comes from the token alone.
      expect(await verdictOf(token)).toEqual({ valid: true, reason: null, kid, receipt });
    });

    it("gives the receiver and an admin the same facts; nobody else gets a receipt", async () => {
      const bySender = await receiptOf(sender, transferId);
      expect((await receiptOf(receiver, transferId)).receipt).toEqual(bySender.receipt);
      expect((await receiptOf(await newAdmin(), transferId)).receipt).toEqual(bySender.receipt);

      const stranger = await newUser();
      const refused = await call(`/api/transactions/${transferId}/receipt`, {
        headers: bearer(stranger.accessToken),
      });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as Problem).code).toBe("TRANSACTION_NOT_FOUND");
      expect((await call(`/api/transactions/${transferId}/receipt`)).status).toBe(401);
    });

    it("serves the receipt as a PDF", async () => {
      const response = await call(`/api/transactions/${transferId}/receipt?format=pdf`, {
        headers: bearer(receiver.accessToken),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toContain(`${transferId}.pdf`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    });

    it("publishes the public key as a JWK set, without login", async () => {
      const response = await call("/.well-known/chontak-receipt-keys.json");
      expect(response.status).toBe(200);
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      const { keys } = (await response.json()) as { keys: Record<string, string>[] };
      expect(keys).toEqual([
        {
          kty: "OKP",
          crv: "Ed25519",
          x: expect.stringMatching(/^[\w-]{43}$/),
          kid: env.RECEIPT_KEY_ID,
          alg: "EdDSA",
          use: "sig",
        },
      ]);
      expect(JSON.stringify(keys)).not.toContain('"d"');
    });
  });

  describe("errors", () => {
    it("has no receipt for a refused transfer", async () => {
      const refused = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: "99999999.00",
      });
      expect(refused.status).toBe(400);
      const failed = (await (
        await call("/api/transactions?status=failed", { headers: bearer(sender.accessToken) })
      ).json()) as { data: { id: string }[] };
      const id = failed.data[0]?.id;
      expect(id).toBeDefined();
      const response = await call(`/api/transactions/${id}/receipt`, {
        headers: bearer(sender.accessToken),
      });
      expect(response.status).toBe(409);
      expect(((await response.json()) as Problem).code).toBe("NO_RECEIPT");
    });

    it("answers 422 for an id that is no uuid, a bad format and a missing or over-long token", async () => {
      const headers = bearer(sender.accessToken);
      expect((await call("/api/transactions/nope/receipt", { headers })).status).toBe(422);
      expect(
        (await call(`/api/transactions/${transferId}/receipt?format=docx`, { headers })).status,
      ).toBe(422);
      expect((await call("/api/receipts/verify")).status).toBe(422);
      expect((await call("/api/receipts/verify?r=")).status).toBe(422);
      expect((await verify("a".repeat(2049))).status).toBe(422);
    });

    it("refuses a production deploy without a signing key", async () => {
      const response = await callWithEnv("/api/health", {
        RECEIPT_SIGNING_KEY: undefined,
        RECEIPT_KEY_ID: undefined,
      });
      expect(response.status).toBe(503);
      const { detail } = (await response.json()) as { detail: string };
      expect(detail).toContain("RECEIPT_SIGNING_KEY");
      expect(detail).toContain("RECEIPT_KEY_ID");
      const malformed = await callWithEnv("/api/health", { RECEIPT_SIGNING_KEY: "bm90IGEga2V5" });
      expect(((await malformed.json()) as { detail: string }).detail).toContain(
        "RECEIPT_SIGNING_KEY",
      );
    });
  });

  describe("security", () => {
    it("calls a receipt with any changed fact, a forged signature or an unknown key not genuine", async () => {
      const { token } = await receiptOf(sender, transferId);
      const [header, payload, signature] = token.split(".") as [string, string, string];
      const facts = decodeJson(payload);

      // A changed amount, re-encoded canonically, keeps the old signature: it fails.
      const richer = encodeJson({ ...facts, amount: "2500000.50" });
      expect(await verdictOf(`${header}.${richer}.${signature}`)).toMatchObject({
        valid: false,
        reason: "bad_signature",
        receipt: null,
      });
      // A signature of random bytes.
      const forged = b64url(crypto.getRandomValues(new Uint8Array(64)));
      expect((await verdictOf(`${header}.${payload}.${forged}`)).reason).toBe("bad_signature");
      // A key the bank never published.
      const unknown = encodeJson({ alg: "EdDSA", kid: "someone-else", typ: "chontak-receipt+jws" });
      expect((await verdictOf(`${unknown}.${payload}.${signature}`)).reason).toBe("unknown_key");
      // Another algorithm or no receipt type.
      const hs = encodeJson({ alg: "HS256", kid: env.RECEIPT_KEY_ID, typ: "chontak-receipt+jws" });
      expect((await verdictOf(`${hs}.${payload}.${signature}`)).reason).toBe("not_a_receipt");
      // Garbage.
      for (const garbage of ["hello", "a.b", "a.b.c", "!!.??.##", `${header}.${payload}`]) {
        expect((await verdictOf(garbage)).valid, garbage).toBe(false);
      }
      expect((await verdictOf("a.b.c")).reason).toBe("malformed");
    });

    it("keeps verifying receipts of a rotated-out key that stays published, and only then", async () => {
      const { token, kid } = await receiptOf(sender, transferId);
      const oldKeys = (await (await call("/.well-known/chontak-receipt-keys.json")).json()) as {
        keys: { kty: string; crv: string; x: string; kid: string }[];
      };
      const old = oldKeys.keys.map(({ kty, crv, x, kid: id }) => ({ kty, crv, x, kid: id }));
      const rotated = await newKeyPair("next-key");

      const kept = { ...rotated, RECEIPT_PUBLIC_KEYS: JSON.stringify(old) };
      expect(await verdictOf(token, kept)).toMatchObject({ valid: true, kid });
      const published = await callWithEnv("/.well-known/chontak-receipt-keys.json", kept);
      const set = (await published.json()) as { keys: { kid: string }[] };
      expect(set.keys.map((key) => key.kid)).toEqual(["next-key", kid]);

      expect((await verdictOf(token, rotated)).reason).toBe("unknown_key");
      // The same kid with another key is no shortcut: the signature decides.
      const impostor = await newKeyPair(kid);
      expect((await verdictOf(token, impostor)).reason).toBe("bad_signature");
    });

    it("rate-limits verification per client address", async () => {
      const { token } = await receiptOf(sender, transferId);
      const ip = uniqueIp();
      const path = `/api/receipts/verify?r=${token}`;
      const answers = [];
      for (let i = 0; i < 61; i += 1) {
        answers.push((await call(path, { headers: { "CF-Connecting-IP": ip } })).status);
      }
      expect(answers.slice(0, 60).every((status) => status === 200)).toBe(true);
      expect(answers[60]).toBe(429);
    });
  });
});
