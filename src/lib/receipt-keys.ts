import { z } from "zod";

// PKCS#8 v1 of an Ed25519 key is this 16-byte header followed by the 32-byte seed
// (what `openssl genpkey -algorithm ed25519 -outform DER` and Node's
// `generateKeyPairSync("ed25519")` write); checking it here lets a bad secret stop
// the deploy at configuration instead of failing the first receipt.
const ED25519_PKCS8_HEADER = [
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

function decodeBase64(text: string): Uint8Array | null {
  const body = text
    .replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "")
    .replace(/\s+/g, "")
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  try {
    return Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** RECEIPT_SIGNING_KEY: base64 (or PEM) of an Ed25519 PKCS#8 DER; parsed to its DER bytes. */
export const SigningKeySetting = z.string().transform((value, ctx) => {
  const der = decodeBase64(value);
  const ok = der?.length === 48 && ED25519_PKCS8_HEADER.every((byte, index) => der[index] === byte);
  if (!der || !ok) {
    ctx.addIssue({ code: "custom", message: "must be an Ed25519 PKCS#8 key (base64 DER or PEM)" });
    return z.NEVER;
  }
  return der;
});

export const PublicJwk = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a 32-byte base64url key"),
  kid: z.string().regex(/^[\w.-]{1,64}$/),
});
export type PublicJwk = z.infer<typeof PublicJwk>;

/** RECEIPT_PUBLIC_KEYS: a JSON array of earlier public keys (JWKs with kid); unset, none. */
export const PublicKeysSetting = z
  .string()
  .default("[]")
  .transform((value, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    const keys = z.array(PublicJwk).safeParse(parsed);
    if (!keys.success) {
      ctx.addIssue({ code: "custom", message: "must be a JSON array of Ed25519 JWKs with kid" });
      return z.NEVER;
    }
    return keys.data.map(({ kty, crv, x, kid }) => ({ kty, crv, x, kid }));
  });
