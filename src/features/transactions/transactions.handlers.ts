import type { RouteHandler } from "@hono/zod-openapi";
import { rateLimitOf } from "../../lib/rate-limit";
import { pageMeta } from "../../lib/schemas";
import type { SessionEnv } from "../../types";
import { markReplay, postingRequest } from "../ledger/idempotent-posting";
import { renderPosted, renderTransaction } from "../ledger/snapshot";
import { readStepUpToken, receiverKey, stepUpFor } from "../step-up/step-up-token";
import type * as routes from "./transactions.routes";
import { getOwnTransaction, getRepeatableTransfer, listHistory } from "./transactions.service";
import { transfer } from "./transfer.service";

export const createTransfer: RouteHandler<typeof routes.createTransfer, SessionEnv> = async (c) => {
  // The key is checked first (a missing one is a 400 that costs no rate-limit budget);
  // the budget is spent in the posting's gate, with the session check and the lock.
  const { deps, caller } = postingRequest(c, "transfer");
  const body = c.req.valid("json");
  // A payment by phone tells whether a phone is payable, as a lookup does: it
  // spends the lookup budget too, so phones cannot be probed around it.
  const receiver = receiverKey(
    body.to_phone_number
      ? { phoneNumber: body.to_phone_number }
      : { cardNumber: body.to_card_number ?? "" },
  );
  const stepUp = stepUpFor(await readStepUpToken(c), { amount: body.amount, receiver });
  const payer = body.to_phone_number
    ? {
        ...caller,
        stepUp,
        extraRateLimit: { name: "cardLookup" as const, ...rateLimitOf(c.var.config, "cardLookup") },
      }
    : { ...caller, stepUp };
  const outcome = await transfer(deps, payer, body);
  markReplay(c, outcome);
  return c.json(renderPosted(outcome, caller.id), 201);
};

export const listTransactions: RouteHandler<typeof routes.listTransactions, SessionEnv> = async (
  c,
) => {
  const filters = c.req.valid("query");
  const { total, items, viewer } = await listHistory(c.var.db(), c.var.session.sub, filters);
  return c.json(
    {
      ...pageMeta(total, filters.page, filters.limit),
      data: items.map((item) => renderTransaction(item, viewer)),
    },
    200,
  );
};

export const getTransaction: RouteHandler<typeof routes.getTransaction, SessionEnv> = async (c) => {
  const { snapshot, viewer, paymentRequestId } = await getOwnTransaction(
    c.var.db(),
    c.var.session.sub,
    c.req.valid("param").id,
  );
  return c.json(
    { ...renderTransaction(snapshot, viewer), payment_request_id: paymentRequestId },
    200,
  );
};

export const getTransferRepeat: RouteHandler<typeof routes.getTransferRepeat, SessionEnv> = async (
  c,
) => {
  const repeat = await getRepeatableTransfer(
    c.var.db(),
    c.var.session.sub,
    c.req.valid("param").id,
  );
  return c.json(repeat, 200);
};
