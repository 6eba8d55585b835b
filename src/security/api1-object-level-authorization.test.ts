import { sql } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { newAdmin } from "../../test/worker/admin";
import { openActiveCard, openCard, type TestCard } from "../../test/worker/cards";
import { balanceOf, fund, query, setRole } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { addPasskey } from "../../test/worker/passkeys";
import { sendMoney } from "../../test/worker/transfers";
import { bearer, me, newUser, type TestUser } from "../../test/worker/users";
import { generateCardNumber } from "../lib/card-number";
import type { Problem } from "../lib/problem";
import {
  documentedOperations,
  imageForm,
  JPEG,
  jsonInit,
  ownedState,
  PNG,
  problemOf,
  routeKey,
  saveCard,
  servedRoutes,
  uploadAvatar,
} from "./helpers";

/**
 * Every route that takes an id in its path, documented or served (the
 * /api/saved-card alias is served but not documented). The coverage test below
 * fails when a route is added without a row here.
 */
const ID_ROUTES = [
  "DELETE /api/auth/sessions/{id}",
  "PATCH /api/passkeys/{id}",
  "DELETE /api/passkeys/{id}",
  "GET /api/card/{id}",
  "PATCH /api/card/{id}/freeze",
  "PATCH /api/card/{id}/unfreeze",
  "PATCH /api/card/{id}/receiving",
  "GET /api/card/{id}/statement",
  "GET /api/transactions/{id}",
  "GET /api/transactions/{id}/repeat",
  "GET /api/transactions/{id}/receipt",
  "GET /api/saved-cards/{id}",
  "PATCH /api/saved-cards/{id}",
  "DELETE /api/saved-cards/{id}",
  "GET /api/saved-card/{id}",
  "PATCH /api/saved-card/{id}",
  "DELETE /api/saved-card/{id}",
  "POST /api/avatar/{user_id}",
  "DELETE /api/avatar/{user_id}",
  "GET /api/avatar/image/{avatar_id}",
  "POST /api/subscription/{card_id}",
  "GET /api/payment-requests/{id}",
  "DELETE /api/payment-requests/{id}",
  "POST /api/payment-requests/{id}/pay",
  "GET /api/admin/one-users/{user_id}",
  "GET /api/admin/one-card/{card_id}",
  "GET /api/admin/cards/{card_id}/statement",
  "GET /api/admin/one-transaction/{transaction_id}",
  "PATCH /api/admin/status-card/{card_id}",
  "PATCH /api/admin/user-role/{user_id}",
  "GET /api/admin/verify-balance/{card_id}",
  "GET /api/admin/verify_balance/{card_id}",
  "GET /api/admin/deposits/{id}",
  "POST /api/admin/deposits/{id}/approve",
  "POST /api/admin/deposits/{id}/reject",
] as const;
type IdRoute = (typeof ID_ROUTES)[number];

interface World {
  victim: TestUser;
  attacker: TestUser;
  admin: TestUser;
  active: TestCard;
  frozen: TestCard;
  attackerCard: TestCard;
  savedCardId: string;
  /** A passkey of the victim's (registered through the API). */
  passkeyId: string;
  avatarId: string;
  transactionId: string;
  /** A transfer the victim sent (only its sender may repeat it). */
  transferId: string;
  /** A fixed-amount payment request of the victim's, to their active card. */
  paymentRequestId: string;
  /** A payment request of the attacker's own, to the attacker's card. */
  attackerRequestId: string;
  /** A cash-in to the victim's active card awaiting a second admin. */
  cashInId: string;
}

interface Attempt {
  /** the attacker's request */
  path: string;
  init: RequestInit;
  status: number;
  code: string | null;
  /** who may legitimately read this id (proves the id is real, so the refusal is not vacuous) */
  rightfulReader?: "victim" | "admin";
  /** for an id nobody reads back: what still holds after the refusal (the id was real) */
  unchanged?: () => Promise<void>;
}

async function stillPending(cashInId: string) {
  const [row] = await query(sql`select status::text from pending_cash_ins where id = ${cashInId}`);
  expect(row?.status).toBe("pending");
}

function attemptOn(route: IdRoute, w: World): Attempt {
  const auth = bearer(w.attacker.accessToken);
  const asAttacker = (method: string): RequestInit => ({ method, headers: auth });
  const cardNotFound = { status: 404, code: "CARD_NOT_FOUND" };
  const savedNotFound = { status: 404, code: "SAVED_CARD_NOT_FOUND" };
  const notAdmin = { status: 403, code: "FORBIDDEN", rightfulReader: "admin" as const };
  const notYours = { status: 403, code: "NOT_YOUR_PROFILE" };
  const attempts: Record<IdRoute, Attempt> = {
    "DELETE /api/auth/sessions/{id}": {
      path: `/api/auth/sessions/${decodeJwt(w.victim.accessToken).sid}`,
      init: asAttacker("DELETE"),
      status: 404,
      code: "SESSION_NOT_FOUND",
      unchanged: async () => {
        expect((await me(w.victim.accessToken)).status).toBe(200);
      },
    },
    "PATCH /api/passkeys/{id}": {
      path: `/api/passkeys/${w.passkeyId}`,
      init: {
        method: "PATCH",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Attacker's" }),
      },
      status: 404,
      code: "PASSKEY_NOT_FOUND",
      unchanged: async () => {
        const [row] = await query(sql`select name from passkeys where id = ${w.passkeyId}`);
        expect(row?.name).toBe("Victim's key");
      },
    },
    "DELETE /api/passkeys/{id}": {
      path: `/api/passkeys/${w.passkeyId}`,
      init: asAttacker("DELETE"),
      status: 404,
      code: "PASSKEY_NOT_FOUND",
      unchanged: async () => {
        const rows = await query(sql`select 1 from passkeys where id = ${w.passkeyId}`);
        expect(rows).toHaveLength(1);
      },
    },
    "GET /api/card/{id}": {
      path: `/api/card/${w.active.id}`,
      init: asAttacker("GET"),
      ...cardNotFound,
      rightfulReader: "victim",
    },
    "GET /api/card/{id}/statement": {
      path: `/api/card/${w.active.id}/statement?from=2026-01-01&to=2026-01-31`,
      init: asAttacker("GET"),
      ...cardNotFound,
      rightfulReader: "victim",
    },
    "PATCH /api/card/{id}/freeze": {
      path: `/api/card/${w.active.id}/freeze`,
      init: asAttacker("PATCH"),
      ...cardNotFound,
    },
    "PATCH /api/card/{id}/unfreeze": {
      path: `/api/card/${w.frozen.id}/unfreeze`,
      init: asAttacker("PATCH"),
      ...cardNotFound,
    },
    // The victim's active card as the attacker's receiving card: refused, nothing chosen.
    "PATCH /api/card/{id}/receiving": {
      path: `/api/card/${w.active.id}/receiving`,
      init: asAttacker("PATCH"),
      ...cardNotFound,
    },
    "GET /api/transactions/{id}": {
      path: `/api/transactions/${w.transactionId}`,
      init: asAttacker("GET"),
      status: 404,
      code: "TRANSACTION_NOT_FOUND",
      rightfulReader: "victim",
    },
    "GET /api/transactions/{id}/receipt": {
      path: `/api/transactions/${w.transactionId}/receipt`,
      init: asAttacker("GET"),
      status: 404,
      code: "TRANSACTION_NOT_FOUND",
      rightfulReader: "victim",
    },
    "GET /api/transactions/{id}/repeat": {
      path: `/api/transactions/${w.transferId}/repeat`,
      init: asAttacker("GET"),
      status: 404,
      code: "TRANSACTION_NOT_FOUND",
      rightfulReader: "victim",
    },
    // The same three routes at both documented paths.
    ...Object.fromEntries(
      ["saved-cards", "saved-card"].flatMap((base) => [
        [
          `GET /api/${base}/{id}`,
          {
            path: `/api/${base}/${w.savedCardId}`,
            init: asAttacker("GET"),
            ...savedNotFound,
            rightfulReader: "victim" as const,
          },
        ],
        [
          `PATCH /api/${base}/{id}`,
          {
            path: `/api/${base}/${w.savedCardId}`,
            init: jsonInit("PATCH", { alias: "Hacked" }, auth),
            ...savedNotFound,
          },
        ],
        [
          `DELETE /api/${base}/{id}`,
          { path: `/api/${base}/${w.savedCardId}`, init: asAttacker("DELETE"), ...savedNotFound },
        ],
      ]),
    ),
    "POST /api/avatar/{user_id}": {
      path: `/api/avatar/${w.victim.id}`,
      init: { method: "POST", headers: auth, body: imageForm(JPEG, "image/jpeg", "x.jpg") },
      ...notYours,
    },
    "DELETE /api/avatar/{user_id}": {
      path: `/api/avatar/${w.victim.id}`,
      init: asAttacker("DELETE"),
      ...notYours,
    },
    // Public by design (an <img src>): the id is random and changes on every upload.
    "GET /api/avatar/image/{avatar_id}": {
      path: `/api/avatar/image/${w.avatarId}`,
      init: {},
      status: 200,
      code: null,
    },
    "POST /api/subscription/{card_id}": {
      path: `/api/subscription/${w.active.id}`,
      init: { method: "POST", headers: { ...auth, "Idempotency-Key": crypto.randomUUID() } },
      ...cardNotFound,
    },
    // Readable by any logged-in user by design (its link is shared to be paid): the
    // answer is the requester's masked name, amount, description and status only,
    // which the secrets check below proves.
    "GET /api/payment-requests/{id}": {
      path: `/api/payment-requests/${w.paymentRequestId}`,
      init: asAttacker("GET"),
      status: 200,
      code: null,
      rightfulReader: "victim",
    },
    "DELETE /api/payment-requests/{id}": {
      path: `/api/payment-requests/${w.paymentRequestId}`,
      init: asAttacker("DELETE"),
      status: 404,
      code: "PAYMENT_REQUEST_NOT_FOUND",
      rightfulReader: "victim",
    },
    // Anyone may pay a request, but only from their own card: the attacker's own
    // request, paid from the victim's card.
    "POST /api/payment-requests/{id}/pay": {
      path: `/api/payment-requests/${w.attackerRequestId}/pay`,
      init: jsonInit(
        "POST",
        { from_card_id: w.active.id },
        { ...auth, "Idempotency-Key": crypto.randomUUID() },
      ),
      status: 404,
      code: "SENDER_CARD_NOT_FOUND",
    },
    "GET /api/admin/one-users/{user_id}": {
      path: `/api/admin/one-users/${w.victim.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/one-card/{card_id}": {
      path: `/api/admin/one-card/${w.active.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/cards/{card_id}/statement": {
      path: `/api/admin/cards/${w.active.id}/statement?from=2026-01-01&to=2026-01-31`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/one-transaction/{transaction_id}": {
      path: `/api/admin/one-transaction/${w.transactionId}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "PATCH /api/admin/status-card/{card_id}": {
      path: `/api/admin/status-card/${w.frozen.id}?status=active`,
      init: asAttacker("PATCH"),
      ...notAdmin,
      rightfulReader: undefined,
    },
    "PATCH /api/admin/user-role/{user_id}": {
      path: `/api/admin/user-role/${w.victim.id}?action=user`,
      init: asAttacker("PATCH"),
      ...notAdmin,
      rightfulReader: undefined,
    },
    "GET /api/admin/verify-balance/{card_id}": {
      path: `/api/admin/verify-balance/${w.active.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/verify_balance/{card_id}": {
      path: `/api/admin/verify_balance/${w.active.id}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "GET /api/admin/deposits/{id}": {
      path: `/api/admin/deposits/${w.cashInId}`,
      init: asAttacker("GET"),
      ...notAdmin,
    },
    "POST /api/admin/deposits/{id}/approve": {
      path: `/api/admin/deposits/${w.cashInId}/approve`,
      init: asAttacker("POST"),
      ...notAdmin,
      rightfulReader: undefined,
      unchanged: () => stillPending(w.cashInId),
    },
    "POST /api/admin/deposits/{id}/reject": {
      path: `/api/admin/deposits/${w.cashInId}/reject`,
      init: {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ reason: "nope" }),
      },
      ...notAdmin,
      rightfulReader: undefined,
      unchanged: () => stillPending(w.cashInId),
    },
  };
  return attempts[route];
}

describe("API1:2023 broken object level authorization", () => {
  let world: World;

  beforeAll(async () => {
    const victim = await newUser("Dilshod Rasulov");
    await setRole(victim.id, "premium"); // two cards: one active, one frozen
    const active = await openActiveCard(victim);
    const frozen = await openCard(victim);
    await fund(active.card_number, 500_000_00n);
    const saved = await saveCard(victim, {
      card_number: generateCardNumber(),
      card_holder_name: "Ali Valiyev",
      alias: "Akam",
    });
    expect(saved.status).toBe(201);
    const avatar = await uploadAvatar(victim, imageForm(PNG));
    expect(avatar.status).toBe(201);
    const [deposit] = await query(
      sql`select id from transactions where to_card_id = ${active.id} and type = 'deposit'`,
    );

    const attacker = await newUser("Jasur Hakimov");
    const attackerCard = await openActiveCard(attacker);
    // Funded, so a purchase with the victim's card id could not fail for lack of money.
    await fund(attackerCard.card_number, 200_000_00n);
    const transfer = await sendMoney(victim, {
      from_card_id: active.id,
      to_card_number: attackerCard.card_number,
      amount: "5000",
    });
    expect(transfer.status).toBe(201);
    const request = await callJson(
      "/api/payment-requests",
      "POST",
      { to_card_id: active.id, amount: "10000" },
      bearer(victim.accessToken),
    );
    expect(request.status).toBe(201);
    const attackerRequest = await callJson(
      "/api/payment-requests",
      "POST",
      { to_card_id: attackerCard.id, amount: "10000" },
      bearer(attacker.accessToken),
    );
    expect(attackerRequest.status).toBe(201);
    const cashIn = await callJson(
      "/api/admin/deposit",
      "POST",
      { to_card_number: active.card_number, amount: "20000000" },
      { ...bearer((await newAdmin()).accessToken), "Idempotency-Key": crypto.randomUUID() },
    );
    expect(cashIn.status).toBe(202);
    // Topped up again: the victim's card holds exactly 500 000 so'm for the checks below.
    await fund(active.card_number, 500_000_00n - (await balanceOf(active.card_number)));
    world = {
      victim,
      attacker,
      admin: await newAdmin(),
      active,
      frozen,
      attackerCard,
      savedCardId: ((await saved.json()) as { id: string }).id,
      passkeyId: (await addPasskey(victim, "Victim's key")).credentialId,
      avatarId: ((await avatar.json()) as { avatar: { id: string } }).avatar.id,
      transactionId: deposit?.id as string,
      transferId: ((await transfer.json()) as { id: string }).id,
      paymentRequestId: ((await request.json()) as { id: string }).id,
      attackerRequestId: ((await attackerRequest.json()) as { id: string }).id,
      cashInId: ((await cashIn.json()) as { id: string }).id,
    };
  });

  it("has a row for every documented or served route that takes an id", async () => {
    const documented = (await documentedOperations()).map(routeKey);
    const withIds = [...new Set([...documented, ...servedRoutes()])]
      .filter((route) => route.includes("{"))
      .sort();
    expect(withIds).toEqual([...ID_ROUTES].sort());
  });

  it.each(ID_ROUTES)("%s with another user's id is refused and changes nothing", async (route) => {
    const attempt = attemptOn(route, world);
    const before = await ownedState([world.victim, world.attacker]);

    const response = await call(attempt.path, attempt.init);
    // Decoded by hand: an avatar's bytes are read as text only to search them.
    const text = new TextDecoder().decode(await response.arrayBuffer());
    expect(response.status, text).toBe(attempt.status);
    if (attempt.code) expect((JSON.parse(text) as Problem).code).toBe(attempt.code);
    // The answer says nothing about the object's owner.
    for (const secret of [
      world.active.card_number,
      world.frozen.card_number,
      world.victim.phone,
      "Rasulov",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(await ownedState([world.victim, world.attacker])).toEqual(before);

    if (attempt.rightfulReader) {
      const reader = attempt.rightfulReader === "victim" ? world.victim : world.admin;
      const rightful = await call(attempt.path, { headers: bearer(reader.accessToken) });
      expect(rightful.status, `${route} for its rightful reader`).toBe(200);
    }
    await attempt.unchanged?.();
  });

  it("refuses another user's card id in bodies and queries too (transfer, history)", async () => {
    const before = await ownedState([world.victim, world.attacker]);
    const transfer = await sendMoney(world.attacker, {
      from_card_id: world.active.id,
      to_card_number: world.attackerCard.card_number,
      amount: "100000",
    });
    expect(transfer.status).toBe(404);
    expect((await problemOf(transfer)).code).toBe("SENDER_CARD_NOT_FOUND");

    const history = await call(`/api/transactions?card_id=${world.active.id}`, {
      headers: bearer(world.attacker.accessToken),
    });
    expect(history.status).toBe(404);
    expect((await problemOf(history)).code).toBe("CARD_NOT_FOUND");
    expect(await ownedState([world.victim, world.attacker])).toEqual(before);
    expect(await balanceOf(world.active.card_number)).toBe(500_000_00n);
  });
});
