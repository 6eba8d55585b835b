// The key pair that signs receipts on a local stack. Production keeps its private key
// in a secret; locally one is made so nothing needs setting by hand. A persistent stack
// (npm run dev) keeps it under its work directory, so receipts signed before a restart
// still verify; an ephemeral one (tests) makes a fresh pair each run.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface ReceiptKeyBindings {
  RECEIPT_SIGNING_KEY: string;
  RECEIPT_KEY_ID: string;
}

export function newReceiptKey(kid = `local-${randomBytes(4).toString("hex")}`): ReceiptKeyBindings {
  const { privateKey } = generateKeyPairSync("ed25519");
  const der = privateKey.export({ type: "pkcs8", format: "der" });
  return { RECEIPT_SIGNING_KEY: der.toString("base64"), RECEIPT_KEY_ID: kid };
}

export function receiptKeyBindings(workDir: string, persist: boolean): ReceiptKeyBindings {
  if (!persist) return newReceiptKey();
  const file = path.join(workDir, "receipt-signing-key.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as ReceiptKeyBindings;
  const key = newReceiptKey();
  mkdirSync(workDir, { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}
