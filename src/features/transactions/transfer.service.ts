import type { PostingDeps } from "../ledger/idempotency";
import { type Caller, postToLedgerOnce } from "../ledger/idempotent-posting";

export interface TransferInput {
  from_card_id: string;
  /** exactly one of the two (the route checks it) */
  to_card_number?: string;
  to_phone_number?: string;
  amount: bigint;
  description?: string;
}

/**
 * A card-to-card transfer: one idempotent ledger posting, priced by the
 * caller's role as it is inside the posting's transaction.
 */
export function transfer(deps: PostingDeps, caller: Caller, input: TransferInput) {
  return postToLedgerOnce(deps, caller, "transfer", {
    type: "transfer",
    fromCardId: input.from_card_id,
    toCardNumber: input.to_card_number ?? null,
    toPhoneNumber: input.to_phone_number ?? null,
    amount: input.amount,
    description: input.description || null,
  });
}
