import type { ReceiptFacts } from "./receipt";

export async function receiptPdf(_receipt: ReceiptFacts, _verifyUrl: string): Promise<Uint8Array<ArrayBuffer>> {
  throw new Error("not yet");
}
