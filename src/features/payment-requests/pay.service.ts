import { sql } from "drizzle-orm";
import { PLATFORM_CARD_NUMBER } from "../../db/schema";
import type { PostingDeps } from "../ledger/idempotency";
import { type Caller, postOnce } from "../ledger/idempotent-posting";
import { executePosting } from "../ledger/ledger.service";

export interface PayInput {
  requestId: string;
  fromCardId: string;
  /** Omitted: the request's own amount (an open-amount request needs one). */
  amount?: bigint;
  /**
   * The amount the ledger is asked to transfer: the given one, or with a
   * step-up token and none given, the token's (so the confirmation and the
   * transfer cannot differ).
   */
  ledgerAmount?: bigint;
}

/**
 * Pays a payment request from one of the caller's cards: one idempotent call
 * of the SQL function payment_request_pay (./sql/payment_request_pay.sql),
 * which transfers through ledger_post (the payer's commission and limits) and
 * records the payment, and for a fixed amount marks the request paid, in the
 * same transaction. A recorded refusal (first time or replayed) is thrown as
 * its problem.
 * A step-up token spent by the gate confirms a large payment: the flag is
 * passed on to ledger_post, which checks the payer's threshold.
 */
export function payRequest(deps: PostingDeps, caller: Caller, input: PayInput) {
  return postOnce(
    deps,
    caller,
    {
      op: "payment_request",
      request_id: input.requestId,
      from_card_id: input.fromCardId,
      amount: input.amount?.toString() ?? null,
    },
    ({ key, requestHash, stepUpVerified }) =>
      executePosting(
        deps.db,
        sql`select payment_request_pay(
          p_request_id => ${input.requestId}::uuid, p_payer => ${caller.id}::uuid,
          p_from_card_id => ${input.fromCardId}::uuid,
          p_amount => ${input.ledgerAmount?.toString() ?? null}::bigint,
          p_idempotency_key => ${key}::text, p_request_hash => ${requestHash}::text,
          p_platform_card_number => ${PLATFORM_CARD_NUMBER}::text,
          p_response_context => ${JSON.stringify(caller.responseContext)}::jsonb,
          p_step_up_verified => ${stepUpVerified}::boolean
        ) as outcome`,
      ),
  );
}
