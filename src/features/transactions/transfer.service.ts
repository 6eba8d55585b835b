import type { Context } from "hono";
import { idempotencyKeyOf, requestHashOf, runIdempotently } from "../../lib/idempotency";
import { languageOf } from "../../lib/problem";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { AuthedEnv } from "../../types";
import { type LedgerPosting, postToLedger, refusalError } from "../ledger/ledger.service";

/**
 * A money-moving POST: the Idempotency-Key, then one idempotent ledger
 * posting. The ledger prices it by the initiator's role as it is inside the
 * posting's transaction. A recorded refusal (first time or replayed) is thrown
 * as its problem; success returns the outcome (the transaction and the role it
 * was rendered for).
 */
export async function postIdempotently<E extends AuthedEnv>(
  c: Context<E>,
  operation: string,
  posting: Omit<
    LedgerPosting,
    "idempotency" | "responseContext" | "initiatorId" | "platformCardNumber"
  >,
) {
  const key = idempotencyKeyOf(c);
  const requestHash = await requestHashOf({
    op: operation,
    from_card_id: posting.fromCardId,
    to_card_number: posting.toCardNumber,
    amount: posting.amount.toString(),
    description: posting.description,
  });
  const outcome = await runIdempotently(c, key, requestHash, () =>
    postToLedger(c.var.db(), {
      ...posting,
      initiatorId: c.var.user.id,
      platformCardNumber: c.var.config.PLATFORM_CARD,
      idempotency: { key, requestHash },
      responseContext: { request_id: c.get("requestId") as string, language: languageOf(c) },
    }),
  );
  if (outcome.status_code !== 201) throw refusalError(outcome);
  return outcome;
}

export interface TransferInput {
  from_card_id: string;
  to_card_number: string;
  amount: bigint;
  description?: string;
}

/** A card-to-card transfer: rate limited per user, then one idempotent posting. */
export async function transfer<E extends AuthedEnv>(c: Context<E>, input: TransferInput) {
  idempotencyKeyOf(c);
  await enforceRateLimit(c, "transfer", c.var.user.id);
  return postIdempotently(c, "transfer", {
    type: "transfer",
    fromCardId: input.from_card_id,
    toCardNumber: input.to_card_number,
    amount: input.amount,
    description: input.description || null,
  });
}
