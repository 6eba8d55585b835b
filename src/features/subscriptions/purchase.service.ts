import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { idempotencyKeyOf, requestHashOf, runIdempotently } from "../../lib/idempotency";
import { languageOf } from "../../lib/problem";
import type { AuthedEnv } from "../../types";
import { executePosting, refusalError } from "../ledger/ledger.service";
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
export async function purchaseSubscription<E extends AuthedEnv>(c: Context<E>, cardId: string) {
  const key = idempotencyKeyOf(c);
  const user = c.var.user;
  const requestHash = await requestHashOf({ op: "subscription", card_id: cardId });
  const context = { request_id: c.get("requestId") as string, language: languageOf(c) };
  const outcome = await runIdempotently(c, key, requestHash, () =>
    executePosting(
      c.var.db(),
      sql`select subscription_purchase(
        p_user_id => ${user.id}::uuid, p_card_id => ${cardId}::uuid,
        p_idempotency_key => ${key}::text, p_request_hash => ${requestHash}::text,
        p_price => ${c.var.config.SUBSCRIPTION_PRICE.toString()}::bigint,
        p_period => ${subscriptionPeriod()},
        p_platform_card_number => ${c.var.config.PLATFORM_CARD}::text,
        p_description => ${PURCHASE_DESCRIPTION}::text,
        p_response_context => ${JSON.stringify(context)}::jsonb
      ) as outcome`,
    ),
  );
  if (outcome.status_code !== 201) throw refusalError(outcome);
  const subscription = await subscriptionPaidBy(c.var.db(), outcome.transaction.id);
  return { subscription, outcome };
}
