import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

/**
 * A software passkey authenticator (ES256, "none" attestation, a signature
 * counter) speaking the JSON the browser library sends, so worker tests answer
 * real WebAuthn challenges.
 */
export const TEST_ORIGIN = "http://localhost:5173";
const RP_ID = "localhost";

const encoder = new TextEncoder();
const sha256 = async (data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", data));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};
const u32 = (value: number) =>
  new Uint8Array([value >>> 24, value >>> 16, value >>> 8, value].map((b) => b & 255));

/** A raw r||s ECDSA signature as the DER SEQUENCE WebAuthn carries. */
function derSignature(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    let value = bytes.slice(start);
    if ((value[0] ?? 0) & 0x80) value = concat(new Uint8Array([0]), value);
    return concat(new Uint8Array([0x02, value.length]), value);
  };
  const body = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export interface Authenticator {
  credentialId: string;
  counter: number;
  register(options: { challenge: string }, origin?: string): Promise<Record<string, unknown>>;
  assert(
    options: { challenge: string },
    userId: string,
    overrides?: { origin?: string; counter?: number },
  ): Promise<Record<string, unknown>>;
}

export async function newAuthenticator(): Promise<Authenticator> {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", keys.publicKey)) as JsonWebKey;
  const rawId = crypto.getRandomValues(new Uint8Array(32));
  const credentialId = isoBase64URL.fromBuffer(rawId);
  const rpIdHash = await sha256(encoder.encode(RP_ID));
  const clientData = (type: string, challenge: string, origin: string) =>
    new Uint8Array(encoder.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false })));

  const authenticator: Authenticator = {
    credentialId,
    counter: 0,
    async register(options, origin = TEST_ORIGIN) {
      const cose = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, isoBase64URL.toBuffer(jwk.x as string)],
          [-3, isoBase64URL.toBuffer(jwk.y as string)],
        ]),
      );
      const authData = concat(
        rpIdHash,
        new Uint8Array([0x45]), // user present, user verified, attested credential data
        u32(authenticator.counter),
        new Uint8Array(16),
        new Uint8Array([0, rawId.length]),
        rawId,
        cose,
      );
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]) as never,
      );
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(
            clientData("webauthn.create", options.challenge, origin),
          ),
          attestationObject: isoBase64URL.fromBuffer(attestationObject),
          transports: ["internal"],
        },
      };
    },
    async assert(options, userId, overrides = {}) {
      authenticator.counter = overrides.counter ?? authenticator.counter + 1;
      const authData = concat(rpIdHash, new Uint8Array([0x05]), u32(authenticator.counter));
      const clientDataJSON = clientData(
        "webauthn.get",
        options.challenge,
        overrides.origin ?? TEST_ORIGIN,
      );
      const signed = concat(authData, await sha256(clientDataJSON));
      const raw = new Uint8Array(
        await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, signed),
      );
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
          authenticatorData: isoBase64URL.fromBuffer(authData),
          signature: isoBase64URL.fromBuffer(derSignature(raw)),
          userHandle: isoBase64URL.fromBuffer(new Uint8Array(encoder.encode(userId))),
        },
      };
    },
  };
  return authenticator;
}
