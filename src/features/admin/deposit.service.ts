import type { Context } from "hono";
import type { AuthedEnv } from "../../types";
import { postIdempotently } from "../transactions/transfer.service";

export interface DepositInput {
  to_card_number: string;
  amount: bigint;
  description?: string;
  from_card_id?: string;
}

/**
 * Cash-in: money enters from the treasury (or from the admin's own card when
 * from_card_id is given) through the same ledger function as every transfer,
 * idempotently, with its audit row in the same statement. The ledger itself
 * refuses a cash-in by anyone who is not an admin at that moment.
 */
export function deposit<E extends AuthedEnv>(c: Context<E>, input: DepositInput) {
  return postIdempotently(c, "deposit", {
    type: "deposit",
    fromCardId: input.from_card_id ?? null,
    toCardNumber: input.to_card_number,
    amount: input.amount,
    description: input.description || null,
    audit: { actorId: c.var.user.id, action: "deposit" },
  });
}
