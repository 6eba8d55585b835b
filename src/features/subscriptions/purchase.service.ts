import { sql } from "drizzle-orm";
import { PLATFORM_CARD_NUMBER } from "../../db/schema";
import type { PostingDeps } from "../ledger/idempotency";
import { type Caller, postOnce } from "../ledger/idempotent-posting";
import { executePosting } from "../ledger/ledger.service";
import { subscriptionPaidBy, subscriptionPeriod } from "./subscriptions.service";

const PURCHASE_DESCRIPTION = "Premium obuna";

/**
 * Buys premium from one of the caller's cards: one idempotent call of the SQL
 * function subscription_purchase (./sql/subscription_purchase.sql), which pays
 * through ledger_post and creates the subscription and the role change in the
 * same transaction. A recorded refusal (first time or replayed) is thrown as
 * its problem; success returns the subscription as the payment left it, and
 * the outcome.
 */
export async function purchaseSubscription(
  deps: PostingDeps,
  caller: Caller,
  input: { cardId: string; price: bigint },
) {
  const outcome = await postOnce(
    deps,
    caller,
    { op: "subscription", card_id: input.cardId },
    ({ key, requestHash }) =>
      executePosting(
        deps.db,
        sql`select subscription_purchase(
          p_user_id => ${caller.id}::uuid, p_card_id => ${input.cardId}::uuid,
          p_idempotency_key => ${key}::text, p_request_hash => ${requestHash}::text,
          p_price => ${input.price.toString()}::bigint,
          p_period => ${subscriptionPeriod()},
          p_platform_card_number => ${PLATFORM_CARD_NUMBER}::text,
          p_description => ${PURCHASE_DESCRIPTION}::text,
          p_response_context => ${JSON.stringify(caller.responseContext)}::jsonb
        ) as outcome`,
      ),
  );
  const subscription = await subscriptionPaidBy(deps.db, outcome.transaction.id);
  return { subscription, outcome };
}
