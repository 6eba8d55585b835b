import type { Context } from "hono";
import { idempotencyKeyOf, requestHashOf, runIdempotently } from "../../lib/idempotency";
import type { AuthedEnv } from "../../types";
import { postToLedger, refusalError } from "../ledger/ledger.service";
import { ROLE_RULES } from "../ledger/limits";

export interface DepositInput {
  to_card_number: string;
  amount: bigint;
  description?: string;
  from_card_id?: string;
}

/**
 * Cash-in: money enters from the treasury (or from the admin's own card when
 * from_card_id is given) through the same ledger function as every transfer,
 * idempotently, with its audit row in the same statement.
 */
export async function deposit<E extends AuthedEnv>(c: Context<E>, input: DepositInput) {
  const key = idempotencyKeyOf(c);
  const admin = c.var.user;
  const rules = ROLE_RULES.admin;
  const description = input.description || null;
  const fromCardId = input.from_card_id ?? null;
  const requestHash = await requestHashOf({
    op: "deposit",
    from_card_id: fromCardId,
    to_card_number: input.to_card_number,
    amount: input.amount.toString(),
    description,
  });
  const outcome = await runIdempotently(c, key, requestHash, () =>
    postToLedger(c.var.db(), {
      type: "deposit",
      initiatorId: admin.id,
      idempotency: { key, requestHash },
      fromCardId,
      senderOwnerId: fromCardId ? admin.id : null,
      toCardNumber: input.to_card_number,
      amount: input.amount,
      commission: 0n,
      min: rules.min,
      max: rules.max,
      platformCardNumber: c.var.config.PLATFORM_CARD,
      description,
      audit: { actorId: admin.id, action: "deposit" },
    }),
  );
  if (outcome.statusCode !== 201) throw refusalError(outcome.transaction, rules.max, rules.min);
  return outcome.transaction;
}
