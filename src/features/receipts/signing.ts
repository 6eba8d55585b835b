import canonicalize from "canonicalize";
import { CompactSign, compactVerify, decodeProtectedHeader } from "jose";
import type { ReceiptKeys } from "./keys";
import { ReceiptFacts } from "./receipt";

/** The JWS `typ` of a receipt: no other token the bank signs can pass as one. */
export const RECEIPT_TYP = "chontak-receipt+jws";
export const RECEIPT_ALG = "EdDSA";
/** Longer than any receipt the bank signs; a longer input is refused before decoding. */
export const MAX_TOKEN_LENGTH = 2048;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** RFC 8785 (JCS) text of the facts: the exact bytes that are signed. */
export function canonicalPayload(facts: ReceiptFacts): string {
  const text = canonicalize(facts);
  if (text === undefined) throw new Error("receipt facts are not JSON");
  return text;
}

/** A compact JWS: base64url(header).base64url(JCS facts).base64url(Ed25519 signature). */
export function signReceipt(keys: ReceiptKeys, facts: ReceiptFacts): Promise<string> {
  return new CompactSign(encoder.encode(canonicalPayload(facts)))
    .setProtectedHeader({ alg: RECEIPT_ALG, kid: keys.kid, typ: RECEIPT_TYP })
    .sign(keys.signing);
}

export type VerifyFailure = "malformed" | "unknown_key" | "bad_signature" | "not_a_receipt";

export type Verdict =
  | { valid: true; kid: string; receipt: ReceiptFacts }
  | { valid: false; reason: VerifyFailure };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Whether the bank signed exactly this receipt, from the token alone: its header
 * names a published key, the signature over the payload checks with that key, and
 * the payload is the canonical encoding of a receipt.
 */
export async function verifyReceipt(keys: ReceiptKeys, token: string): Promise<Verdict> {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
    return { valid: false, reason: "malformed" };
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { valid: false, reason: "malformed" };
  }
  if (header.alg !== RECEIPT_ALG || header.typ !== RECEIPT_TYP || typeof header.kid !== "string") {
    return { valid: false, reason: "not_a_receipt" };
  }
  const key = keys.verifying.get(header.kid);
  if (!key) return { valid: false, reason: "unknown_key" };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key, { algorithms: [RECEIPT_ALG] }));
  } catch {
    return { valid: false, reason: "bad_signature" };
  }
  // Signed by the bank, so well formed unless a key signed something else: still checked.
  let facts: ReceiptFacts;
  try {
    const text = decoder.decode(payload);
    facts = ReceiptFacts.parse(JSON.parse(text));
    if (canonicalPayload(facts) !== text) return { valid: false, reason: "not_a_receipt" };
  } catch {
    return { valid: false, reason: "not_a_receipt" };
  }
  return { valid: true, kid: header.kid, receipt: facts };
}
