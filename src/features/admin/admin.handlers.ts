import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { formatMoney } from "../../lib/money";
import { pageMeta } from "../../lib/schemas";
import type { AuthedEnv } from "../../types";
import { toCardResponse } from "../cards/cards.service";
import { listDigests, proveLedger } from "../ledger/chain.service";
import { markReplay, postingRequest } from "../ledger/idempotent-posting";
import { auditAllCards, auditCard } from "../ledger/reconcile.service";
import { renderPosted, renderTransaction } from "../ledger/snapshot";
import { findUserById, toUserResponse } from "../users/users.service";
import { listAuditLog } from "./audit.service";
import * as cashIns from "./cash-in.service";
import { renderCashIn } from "./cash-in.service";
import { dashboard as buildDashboard } from "./dashboard.service";
import { deposit as makeDeposit } from "./deposit.service";
import * as directory from "./directory.service";
import { changeCardStatus, changeUserRole } from "./management.service";
import type * as routes from "./routes";

type Handler<R extends RouteConfig> = RouteHandler<R, AuthedEnv>;

const origin = (url: string) => new URL(url).origin;

export const deposit: Handler<typeof routes.deposit> = async (c) => {
  const { deps, caller } = postingRequest(c);
  const result = await makeDeposit(
    deps,
    caller,
    c.req.valid("json"),
    c.var.config.CASH_IN_APPROVAL_THRESHOLD,
  );
  if (result.kind === "pending") {
    if (result.replayed) c.header("Idempotent-Replayed", "true");
    return c.json(renderCashIn(result.cashIn), 202);
  }
  markReplay(c, result.outcome);
  return c.json(renderPosted(result.outcome, caller.id), 201);
};

export const platformCard: Handler<typeof routes.platformCard> = async (c) =>
  c.json(toCardResponse(await directory.getPlatformCard(c.var.db())), 200);

export const allUsers: Handler<typeof routes.allUsers> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await directory.searchUsers(c.var.db(), query);
  return c.json(
    {
      ...pageMeta(total, query.page, query.limit),
      total_users: total,
      data: items.map((user) => toUserResponse(user, origin(c.req.url))),
    },
    200,
  );
};

export const oneUser: Handler<typeof routes.oneUser> = async (c) => {
  const { user, cards } = await directory.getUserWithCards(
    c.var.db(),
    c.req.valid("param").user_id,
  );
  return c.json(
    { ...toUserResponse(user, origin(c.req.url)), cards: cards.map(toCardResponse) },
    200,
  );
};

export const allCards: Handler<typeof routes.allCards> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await directory.searchCards(c.var.db(), query);
  return c.json(
    {
      ...pageMeta(total, query.page, query.limit),
      total_cards: total,
      data: items.map(toCardResponse),
    },
    200,
  );
};

export const oneCard: Handler<typeof routes.oneCard> = async (c) =>
  c.json(toCardResponse(await directory.getCard(c.var.db(), c.req.valid("param").card_id)), 200);

export const allTransactions: Handler<typeof routes.allTransactions> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await directory.searchTransactions(c.var.db(), query);
  return c.json(
    {
      ...pageMeta(total, query.page, query.limit),
      total_transactions: total,
      data: items.map((item) => renderTransaction(item, c.var.user)),
    },
    200,
  );
};

export const oneTransaction: Handler<typeof routes.oneTransaction> = async (c) => {
  const snapshot = await directory.getTransaction(c.var.db(), c.req.valid("param").transaction_id);
  return c.json(renderTransaction(snapshot, c.var.user), 200);
};

export const oneTransactionByQuery: Handler<typeof routes.oneTransactionByQuery> = async (c) => {
  const snapshot = await directory.getTransaction(c.var.db(), c.req.valid("query").transaction_id);
  return c.json(renderTransaction(snapshot, c.var.user), 200);
};

export const cardStatus: Handler<typeof routes.cardStatus> = async (c) => {
  const db = c.var.db();
  const { status, reason } = c.req.valid("query");
  const cardId = await changeCardStatus(
    c.var.transactionalDb(),
    c.var.user.id,
    c.req.valid("param").card_id,
    status,
    reason,
  );
  return c.json(toCardResponse(await directory.getCard(db, cardId)), 200);
};

export const userRole: Handler<typeof routes.userRole> = async (c) => {
  const db = c.var.db();
  const userId = c.req.valid("param").user_id;
  await changeUserRole(c.var.transactionalDb(), c.var.user.id, userId, c.req.valid("query").action);
  const user = await findUserById(db, userId);
  if (!user) throw new Error("user vanished after a role change");
  return c.json(toUserResponse(user, origin(c.req.url)), 200);
};

export const verifyBalance: Handler<ReturnType<typeof routes.verifyBalance>> = async (c) => {
  const audit = await auditCard(c.var.db(), c.req.valid("param").card_id);
  return c.json(
    {
      card_info: { id: audit.cardId, number: audit.cardNumber, owner_id: audit.ownerId },
      audit: {
        stored_balance: formatMoney(audit.stored),
        calculated_balance: formatMoney(audit.calculated),
        difference: formatMoney(audit.stored - audit.calculated),
        status: audit.stored === audit.calculated ? ("OK" as const) : ("Error" as const),
      },
    },
    200,
  );
};

export const verifyAll: Handler<typeof routes.verifyAll> = async (c) => {
  const query = c.req.valid("query");
  const audit = await auditAllCards(c.var.db(), {
    cardNumberLike: query.search_number?.replace(/[\s-]/g, ""),
    page: query.page,
    limit: query.limit,
  });
  return c.json(
    {
      total_cards: audit.totalCards,
      total_valid_cards: audit.validCards,
      total_invalid_cards: audit.totalMismatches,
      page: query.page,
      limit: query.limit,
      total_page: Math.ceil(audit.totalMismatches / query.limit),
      ledger_sum: formatMoney(audit.ledgerSum),
      treasury_ok: audit.invalidSystemAccounts === 0,
      bug_details: audit.mismatches.map((card) => ({
        card_number: card.cardNumber,
        stored_balance: formatMoney(card.stored),
        calculated_balance: formatMoney(card.calculated),
        difference: formatMoney(card.stored - card.calculated),
      })),
    },
    200,
  );
};

export const dashboard: Handler<typeof routes.dashboard> = async (c) => {
  return c.json(await buildDashboard(c.var.db(), c.req.valid("query").calendar), 200);
};

export const auditLog: Handler<typeof routes.auditLogRoute> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await listAuditLog(c.var.db(), query);
  return c.json({ ...pageMeta(total, query.page, query.limit), data: items }, 200);
};

export const ledgerProof: Handler<typeof routes.ledgerProof> = async (c) => {
  const query = c.req.valid("query");
  const { card_found: _found, ...proof } = await proveLedger(c.var.db(), {
    cardId: query.card_id,
    digestDay: query.digest_day,
  });
  return c.json({ ...proof, digest: proof.digest ?? null }, 200);
};

export const ledgerDigests: Handler<typeof routes.ledgerDigests> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await listDigests(c.var.db(), query);
  return c.json(
    {
      ...pageMeta(total, query.page, query.limit),
      data: items.map((d) => ({
        day: d.day,
        root: d.root,
        chains: d.chains,
        entries: d.entries,
        created_at: d.createdAt.toISOString(),
      })),
    },
    200,
  );
};

export const listCashIns: Handler<typeof routes.listCashIns> = async (c) => {
  const query = c.req.valid("query");
  const { total, items } = await cashIns.listCashIns(c.var.db(), query);
  return c.json(
    {
      ...pageMeta(total, query.page, query.limit),
      approval_threshold: formatMoney(c.var.config.CASH_IN_APPROVAL_THRESHOLD),
      data: items.map(renderCashIn),
    },
    200,
  );
};

export const oneCashIn: Handler<typeof routes.oneCashIn> = async (c) =>
  c.json(renderCashIn(await cashIns.getCashIn(c.var.db(), c.req.valid("param").id)), 200);

export const approveCashIn: Handler<typeof routes.approveCashIn> = async (c) => {
  const cashIn = await cashIns.approveCashIn(c.var.db(), c.var.user.id, c.req.valid("param").id);
  return c.json(renderCashIn(cashIn), 200);
};

export const rejectCashIn: Handler<typeof routes.rejectCashIn> = async (c) => {
  const cashIn = await cashIns.rejectCashIn(
    c.var.db(),
    c.var.user.id,
    c.req.valid("param").id,
    c.req.valid("json").reason,
  );
  return c.json(renderCashIn(cashIn), 200);
};
