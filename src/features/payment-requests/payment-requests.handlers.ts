import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { webAppOrigin } from "../../config";
import { enforceRateLimit } from "../../lib/rate-limit";
import { pageMeta } from "../../lib/schemas";
import type { SessionEnv } from "../../types";
import { markReplay, postingRequest } from "../ledger/idempotent-posting";
import { renderPosted } from "../ledger/snapshot";
import { readStepUpToken, receiverKey, stepUpFor } from "../step-up/step-up-token";
import { payRequest } from "./pay.service";
import type * as routes from "./payment-requests.routes";
import {
  cancelRequest,
  createRequest,
  DEFAULT_EXPIRY_HOURS,
  getRequest,
  listRequests,
  toRequestResponse,
} from "./payment-requests.service";

type Handler<R extends "create" | "list" | "get" | "cancel" | "pay"> = RouteHandler<
  (typeof routes)[R],
  SessionEnv
>;

/** Renders request rows for the caller, with links on the web app's origin. */
const renderer = (c: Context<SessionEnv>) => {
  const viewer = c.var.session.sub;
  const origin = webAppOrigin(c.var.config);
  return (row: Parameters<typeof toRequestResponse>[0]) => toRequestResponse(row, viewer, origin);
};

export const create: Handler<"create"> = async (c) => {
  await enforceRateLimit(c, "paymentRequestCreate", c.var.session.sub);
  const body = c.req.valid("json");
  const row = await createRequest(c.var.db(), c.var.session.sub, {
    toCardId: body.to_card_id,
    amount: body.amount,
    description: body.description || undefined,
    expiresInHours: body.expires_in_hours ?? DEFAULT_EXPIRY_HOURS,
  });
  return c.json(renderer(c)(row), 201);
};

export const list: Handler<"list"> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await listRequests(c.var.db(), c.var.session.sub, query);
  return c.json({ ...pageMeta(total, query.page, query.limit), data: items.map(renderer(c)) }, 200);
};

export const get: Handler<"get"> = async (c) => {
  const row = await getRequest(c.var.db(), c.var.session.sub, c.req.valid("param").id);
  return c.json(renderer(c)(row), 200);
};

export const cancel: Handler<"cancel"> = async (c) => {
  const row = await cancelRequest(c.var.db(), c.var.session.sub, c.req.valid("param").id);
  return c.json(renderer(c)(row), 200);
};

export const pay: Handler<"pay"> = async (c) => {
  // Same budget as a transfer: paying a request is one, by other means.
  const { deps, caller } = postingRequest(c, "transfer");
  const requestId = c.req.valid("param").id;
  const body = c.req.valid("json");
  const token = await readStepUpToken(c);
  // Without an amount the request's own is paid: a token then names it, and the
  // ledger refuses it (amount mismatch) unless it is the request's.
  const amount = body.amount ?? token?.amount;
  const receiver = receiverKey({ paymentRequestId: requestId });
  const stepUp = amount === undefined ? undefined : stepUpFor(token, { amount, receiver });
  const outcome = await payRequest(
    deps,
    { ...caller, stepUp },
    {
      requestId,
      fromCardId: body.from_card_id,
      amount: body.amount,
      ledgerAmount: stepUp ? amount : body.amount,
    },
  );
  markReplay(c, outcome);
  return c.json({ ...renderPosted(outcome, caller.id), payment_request_id: requestId }, 201);
};
