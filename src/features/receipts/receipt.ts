import { z } from "@hono/zod-openapi";
import { maskCardNumber } from "../../lib/card-number";
import { formatMoney } from "../../lib/money";
import { maskPhoneNumber } from "../../lib/phone-number";
import type { TransactionSnapshot } from "../ledger/snapshot";

/** Version of the signed facts; a new field or meaning is a new version. */
export const RECEIPT_VERSION = 1;

const Money = z.string().regex(/^\d+\.\d{2}$/);

/**
 * What a receipt states and the bank signs. Only facts safe to show anyone holding
 * the receipt: cards and the phone are masked as a stranger sees them; no names.
 */
export const ReceiptFacts = z
  .object({
    v: z.literal(RECEIPT_VERSION),
    id: z.guid(),
    type: z.enum(["transfer", "deposit", "subscription"]),
    /** when the money moved (ISO 8601, UTC, milliseconds) */
    at: z.iso.datetime(),
    amount: Money,
    fee: Money,
    currency: z.literal("UZS"),
    from_card: z.string().nullable(),
    to_card: z.string(),
    to_phone: z.string().nullable(),
  })
  .strict()
  .openapi("ReceiptFacts", {
    example: {
      v: 1,
      id: "0b9f6a52-5f3c-4b7e-8d8e-2f5b1c3a9d11",
      type: "transfer",
      at: "2026-11-24T09:30:00.000Z",
      amount: "25000.00",
      fee: "250.00",
      currency: "UZS",
      from_card: "7777 **** **** 9050",
      to_card: "7777 **** **** 8950",
      to_phone: null,
    },
  });
export type ReceiptFacts = z.infer<typeof ReceiptFacts>;

export function receiptFacts(snapshot: TransactionSnapshot): ReceiptFacts {
  return {
    v: RECEIPT_VERSION,
    id: snapshot.id,
    type: snapshot.type,
    at: new Date(snapshot.completed_at ?? snapshot.created_at).toISOString(),
    amount: formatMoney(BigInt(snapshot.amount)),
    fee: formatMoney(BigInt(snapshot.commission)),
    currency: "UZS",
    from_card: snapshot.from_card ? maskCardNumber(snapshot.from_card.card_number) : null,
    to_card: maskCardNumber(snapshot.to_card.card_number),
    to_phone: snapshot.to_phone_number ? maskPhoneNumber(snapshot.to_phone_number) : null,
  };
}
