import type { Config } from "../../config";
import type { PublicJwk } from "../../lib/receipt-keys";

const ED25519 = { name: "Ed25519" };

export interface ReceiptKeys {
  kid: string;
  signing: CryptoKey;
  /** The published set: the current key first, then earlier ones still trusted. */
  published: PublicJwk[];
  verifying: Map<string, CryptoKey>;
}

// Bindings do not change during an isolate's life: import the keys once per config.
const cache = new WeakMap<Config, Promise<ReceiptKeys>>();

export function receiptKeys(config: Config): Promise<ReceiptKeys> {
  let keys = cache.get(config);
  if (!keys) {
    keys = importKeys(config);
    cache.set(config, keys);
    keys.catch(() => cache.delete(config));
  }
  return keys;
}

async function importKeys(config: Config): Promise<ReceiptKeys> {
  // Extractable only to read its public half once; the private key never leaves memory.
  const signing = await crypto.subtle.importKey(
    "pkcs8",
    config.RECEIPT_SIGNING_KEY.slice(),
    ED25519,
    true,
    ["sign"],
  );
  const { x } = (await crypto.subtle.exportKey("jwk", signing)) as JsonWebKey;
  if (!x) throw new Error("RECEIPT_SIGNING_KEY has no public half");
  const current: PublicJwk = { kty: "OKP", crv: "Ed25519", x, kid: config.RECEIPT_KEY_ID };
  const published = [
    current,
    ...config.RECEIPT_PUBLIC_KEYS.filter((key) => key.kid !== config.RECEIPT_KEY_ID),
  ];
  const verifying = new Map<string, CryptoKey>();
  for (const key of published) {
    verifying.set(
      key.kid,
      await crypto.subtle.importKey(
        "jwk",
        { kty: key.kty, crv: key.crv, x: key.x },
        ED25519,
        true,
        ["verify"],
      ),
    );
  }
  return { kid: config.RECEIPT_KEY_ID, signing, published, verifying };
}

/** The published JWK set (RFC 7517), as `/.well-known/chontak-receipt-keys.json` serves it. */
export function publicKeySet(keys: ReceiptKeys) {
  return {
    keys: keys.published.map((key) => ({ ...key, alg: "EdDSA" as const, use: "sig" as const })),
  };
}
