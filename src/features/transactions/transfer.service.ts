import type { Context } from "hono";
import { idempotencyKeyOf, requestHashOf, runIdempotently } from "../../lib/idempotency";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { AuthedEnv } from "../../types";
import { postToLedger, refusalError } from "../ledger/ledger.service";
import { transferTerms } from "../ledger/limits";

export interface TransferInput {
  from_card_id: string;
  to_card_number: string;
  amount: bigint;
  description?: string;
}

/**
 * A card-to-card transfer: key and rate limit first, then one idempotent
 * ledger posting. A recorded refusal (first time or replayed) is thrown as its
 * problem; success returns the transaction snapshot.
 */
export async function transfer<E extends AuthedEnv>(c: Context<E>, input: TransferInput) {
  const key = idempotencyKeyOf(c);
  const user = c.var.user;
  await enforceRateLimit(c, "transfer", user.id);

  const terms = transferTerms(user.role, input.amount);
  const description = input.description || null;
  const requestHash = await requestHashOf({
    op: "transfer",
    from_card_id: input.from_card_id,
    to_card_number: input.to_card_number,
    amount: input.amount.toString(),
    description,
  });
  const outcome = await runIdempotently(c, key, requestHash, () =>
    postToLedger(c.var.db(), {
      type: "transfer",
      initiatorId: user.id,
      idempotency: { key, requestHash },
      fromCardId: input.from_card_id,
      senderOwnerId: user.id,
      toCardNumber: input.to_card_number,
      amount: input.amount,
      commission: terms.commission,
      min: terms.min,
      max: terms.max,
      platformCardNumber: c.var.config.PLATFORM_CARD,
      description,
    }),
  );
  if (outcome.statusCode !== 201) throw refusalError(outcome.transaction, terms.max, terms.min);
  return outcome.transaction;
}
