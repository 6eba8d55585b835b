import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard, openCard, type TestCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  setCardColumns,
  setRole,
} from "../../../test/worker/db";
import { call, callJson } from "../../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

type PaymentRequest = {
  id: string;
  url: string;
  mine: boolean;
  requester_name: string;
  to_card: { id: string; card_number: string } | null;
  amount: string | null;
  description: string | null;
  status: string;
  expires_at: string;
  created_at: string;
  paid_at: string | null;
  cancelled_at: string | null;
  payments_count: number;
  received_total: string;
  payments: { transaction_id: string; payer_name: string; amount: string; paid_at: string }[];
};
type Paid = {
  id: string;
  payment_request_id: string;
  type: string;
  status: string;
  amount: string;
  commission: string;
  description: string | null;
  to_card: { card_number: string; owner_name: string };
};

const HOUR = 3600 * 1000;

const createRequest = (user: TestUser, body: Record<string, unknown>) =>
  callJson("/api/payment-requests", "POST", body, bearer(user.accessToken));

async function newRequest(user: TestUser, body: Record<string, unknown>) {
  const response = await createRequest(user, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PaymentRequest;
}

const readRequest = (user: TestUser, id: string) =>
  call(`/api/payment-requests/${id}`, { headers: bearer(user.accessToken) });

const cancelRequest = (user: TestUser, id: string) =>
  call(`/api/payment-requests/${id}`, { method: "DELETE", headers: bearer(user.accessToken) });

function payRequest(
  user: TestUser,
  id: string,
  body: Record<string, unknown>,
  key: string | null = crypto.randomUUID(),
) {
  const headers: Record<string, string> = bearer(user.accessToken);
  if (key !== null) headers["Idempotency-Key"] = key;
  return callJson(`/api/payment-requests/${id}/pay`, "POST", body, headers);
}

const codeOf = async (response: Response) => ((await response.json()) as Problem).code;

/** A role user with an active card holding `funds` tiyin. */
async function person(name: string, funds = 0n): Promise<{ user: TestUser; card: TestCard }> {
  const user = await newUser(name);
  const card = await openActiveCard(user);
  if (funds > 0n) await fund(card.card_number, funds);
  return { user, card };
}

const paymentsOf = async (requestId: string) =>
  (
    await query(sql`select count(*)::int as n from payment_request_payments
                   where request_id = ${requestId}`)
  )[0]?.n as number;

describe("payment requests: happy path", () => {
  it("creates a fixed request with its link; a payer pays it once with the commission; the requester sees who paid", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 200_000_00n);

    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "150000",
      description: "Sovg'a",
    });
    expect(created).toMatchObject({
      mine: true,
      requester_name: "Alisher Valiyev",
      to_card: { id: requester.card.id, card_number: requester.card.card_number },
      amount: "150000.00",
      description: "Sovg'a",
      status: "open",
      payments_count: 0,
      payments: [],
    });
    expect(created.url).toBe(`http://localhost:5173/pay/${created.id}`);
    const expiresIn = new Date(created.expires_at).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(71 * HOUR);
    expect(expiresIn).toBeLessThanOrEqual(72 * HOUR);

    // The payer's view: the masked name and nothing else about the requester.
    const seen = await readRequest(payer.user, created.id);
    expect(seen.status).toBe(200);
    const text = await seen.text();
    expect(JSON.parse(text)).toMatchObject({
      mine: false,
      requester_name: "Alisher V.",
      to_card: null,
      amount: "150000.00",
      status: "open",
      payments: [],
    });
    expect(text).not.toContain(requester.card.card_number);
    expect(text).not.toContain(requester.card.card_number.slice(-4));
    expect(text).not.toContain("Valiyev");

    const paid = await payRequest(payer.user, created.id, { from_card_id: payer.card.id });
    expect(paid.status).toBe(201);
    const receipt = (await paid.json()) as Paid;
    expect(receipt).toMatchObject({
      payment_request_id: created.id,
      type: "transfer",
      status: "success",
      amount: "150000.00",
      commission: "1500.00",
      description: "Sovg'a",
      to_card: { owner_name: "Alisher V." },
    });
    expect(receipt.to_card.card_number).toMatch(/^7777 \*\*\*\* \*\*\*\* \d{4}$/);
    expect(await balanceOf(payer.card.card_number)).toBe(200_000_00n - 151_500_00n);
    expect(await balanceOf(requester.card.card_number)).toBe(150_000_00n);

    const after = (await (await readRequest(requester.user, created.id)).json()) as PaymentRequest;
    expect(after).toMatchObject({
      status: "paid",
      payments_count: 1,
      received_total: "150000.00",
      payments: [{ transaction_id: receipt.id, payer_name: "Bobur K.", amount: "150000.00" }],
    });
    expect(after.paid_at).not.toBeNull();
    // The payer sees their own payment (and so that they paid).
    const payerView = (await (await readRequest(payer.user, created.id)).json()) as PaymentRequest;
    expect(payerView.payments).toMatchObject([{ payer_name: "Bobur Karimov" }]);
    expect(payerView.status).toBe("paid");
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("an open-amount request is paid by many, any amount, until cancelled", async () => {
    const requester = await person("Alisher Valiyev");
    const first = await person("Bobur Karimov", 100_000_00n);
    const second = await person("Dilnoza Rahimova", 100_000_00n);
    const created = await newRequest(requester.user, { to_card_id: requester.card.id });
    expect(created.amount).toBeNull();

    expect(
      (await payRequest(first.user, created.id, { from_card_id: first.card.id, amount: 10_000 }))
        .status,
    ).toBe(201);
    expect(
      (
        await payRequest(second.user, created.id, {
          from_card_id: second.card.id,
          amount: "25000.50",
        })
      ).status,
    ).toBe(201);
    expect(
      (await payRequest(first.user, created.id, { from_card_id: first.card.id, amount: "5000" }))
        .status,
    ).toBe(201);

    const view = (await (await readRequest(requester.user, created.id)).json()) as PaymentRequest;
    expect(view).toMatchObject({ status: "open", payments_count: 3, received_total: "40000.50" });
    expect(view.payments.map((p) => [p.payer_name, p.amount])).toEqual([
      ["Bobur K.", "5000.00"],
      ["Dilnoza R.", "25000.50"],
      ["Bobur K.", "10000.00"],
    ]);
    // Each payer sees only their own payments.
    const secondView = (await (
      await readRequest(second.user, created.id)
    ).json()) as PaymentRequest;
    expect(secondView.payments.map((p) => p.amount)).toEqual(["25000.50"]);
    expect(await balanceOf(requester.card.card_number)).toBe(40_000_50n);

    const cancelled = await cancelRequest(requester.user, created.id);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as PaymentRequest).status).toBe("cancelled");
    const refused = await payRequest(first.user, created.id, {
      from_card_id: first.card.id,
      amount: "5000",
    });
    expect(refused.status).toBe(409);
    expect(await codeOf(refused)).toBe("PAYMENT_REQUEST_CANCELLED");
    // Cancelling again is harmless.
    expect((await cancelRequest(requester.user, created.id)).status).toBe(200);
    expect(await balanceOf(requester.card.card_number)).toBe(40_000_50n);
  });

  it("lists the requester's requests newest first, filtered by status (expired computed)", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 100_000_00n);
    const open = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    const paid = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "3000",
    });
    const cancelled = await newRequest(requester.user, { to_card_id: requester.card.id });
    const expired = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      expires_in_hours: 1,
    });
    expect((await payRequest(payer.user, paid.id, { from_card_id: payer.card.id })).status).toBe(
      201,
    );
    expect((await cancelRequest(requester.user, cancelled.id)).status).toBe(200);
    await query(sql`update payment_requests set expires_at = now() - interval '1 second'
                    where id = ${expired.id}`);

    const list = async (search = "") => {
      const response = await call(`/api/payment-requests${search}`, {
        headers: bearer(requester.user.accessToken),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { total: number; data: PaymentRequest[] };
    };
    const all = await list();
    expect(all.total).toBe(4);
    expect(all.data.map((r) => [r.id, r.status])).toEqual([
      [expired.id, "expired"],
      [cancelled.id, "cancelled"],
      [paid.id, "paid"],
      [open.id, "open"],
    ]);
    expect(all.data[2]?.payments).toMatchObject([{ payer_name: "Bobur K.", amount: "3000.00" }]);
    for (const [status, id] of [
      ["open", open.id],
      ["paid", paid.id],
      ["cancelled", cancelled.id],
      ["expired", expired.id],
    ] as const) {
      const page = await list(`?status=${status}`);
      expect(
        page.data.map((r) => r.id),
        status,
      ).toEqual([id]);
    }
    const second = await list("?limit=3&page=2");
    expect(second).toMatchObject({ total: 4, data: [{ id: open.id }] });
    // Nobody else's requests appear.
    const other = await call("/api/payment-requests", { headers: bearer(payer.user.accessToken) });
    expect(((await other.json()) as { total: number }).total).toBe(0);
  });

  it("lets the requester pay their own request from another own card, not from the card it asks to", async () => {
    const requester = await person("Alisher Valiyev", 50_000_00n);
    await setRole(requester.user.id, "premium");
    const other = await openActiveCard(requester.user);
    const created = await newRequest(requester.user, { to_card_id: other.id, amount: "10000" });

    const same = await payRequest(requester.user, created.id, { from_card_id: other.id });
    expect(same.status).toBe(400);
    expect(await codeOf(same)).toBe("SAME_CARD");
    const own = await payRequest(requester.user, created.id, { from_card_id: requester.card.id });
    expect(own.status).toBe(201);
    expect(await balanceOf(other.card_number)).toBe(10_000_00n);
  });
});

describe("payment requests: abuse and errors", () => {
  it("refuses paying a cancelled, an expired and an already-paid request, moving nothing", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 100_000_00n);
    const cancelled = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    expect((await cancelRequest(requester.user, cancelled.id)).status).toBe(200);
    const expired = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    await query(sql`update payment_requests set expires_at = now() where id = ${expired.id}`);
    const paid = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    expect((await payRequest(payer.user, paid.id, { from_card_id: payer.card.id })).status).toBe(
      201,
    );
    const balance = await balanceOf(payer.card.card_number);

    for (const [id, code] of [
      [cancelled.id, "PAYMENT_REQUEST_CANCELLED"],
      [expired.id, "PAYMENT_REQUEST_EXPIRED"],
      [paid.id, "PAYMENT_REQUEST_PAID"],
    ] as const) {
      const response = await payRequest(payer.user, id, { from_card_id: payer.card.id });
      expect(response.status, code).toBe(409);
      expect(await codeOf(response)).toBe(code);
    }
    expect(await balanceOf(payer.card.card_number)).toBe(balance);
    expect(await paymentsOf(paid.id)).toBe(1);
    const expiredView = (await (
      await readRequest(payer.user, expired.id)
    ).json()) as PaymentRequest;
    expect(expiredView.status).toBe("expired");
    // A paid request cannot be cancelled.
    const cancel = await cancelRequest(requester.user, paid.id);
    expect(cancel.status).toBe(409);
    expect(await codeOf(cancel)).toBe("PAYMENT_REQUEST_PAID");
  });

  it("concurrent payers of a fixed request: exactly one 201, the others 409, money moved once", async () => {
    const requester = await person("Alisher Valiyev");
    const payers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => person(`Payer Number${i}`, 50_000_00n)),
    );
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "20000",
    });

    const responses = await Promise.all(
      payers.map((p) => payRequest(p.user, created.id, { from_card_id: p.card.id })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(await codeOf(response)).toBe("PAYMENT_REQUEST_PAID");
    }
    expect(await balanceOf(requester.card.card_number)).toBe(20_000_00n);
    const balances = await Promise.all(payers.map((p) => balanceOf(p.card.card_number)));
    expect(balances.filter((b) => b === 50_000_00n - 20_200_00n)).toHaveLength(1);
    expect(balances.filter((b) => b === 50_000_00n)).toHaveLength(5);
    expect(await paymentsOf(created.id)).toBe(1);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("concurrent payers of an open request all pay, while a cancel racing them never strands a payment", async () => {
    const requester = await person("Alisher Valiyev");
    const payers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => person(`Payer Number${i}`, 50_000_00n)),
    );
    const created = await newRequest(requester.user, { to_card_id: requester.card.id });
    const [cancel, ...responses] = await Promise.all([
      cancelRequest(requester.user, created.id),
      ...payers.map((p) =>
        payRequest(p.user, created.id, { from_card_id: p.card.id, amount: "3000" }),
      ),
    ]);
    expect(cancel?.status).toBe(200);
    const succeeded = responses.filter((r) => r.status === 201).length;
    for (const response of responses.filter((r) => r.status !== 201)) {
      expect(response.status).toBe(409);
      expect(await codeOf(response)).toBe("PAYMENT_REQUEST_CANCELLED");
    }
    expect(await paymentsOf(created.id)).toBe(succeeded);
    expect(await balanceOf(requester.card.card_number)).toBe(BigInt(succeeded) * 3_000_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("replays the same Idempotency-Key after the request became paid: the first success, not a 409", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 100_000_00n);
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "20000",
    });
    const key = crypto.randomUUID();
    const first = await payRequest(payer.user, created.id, { from_card_id: payer.card.id }, key);
    expect(first.status).toBe(201);
    const firstBody = await first.text();

    const replay = await payRequest(payer.user, created.id, { from_card_id: payer.card.id }, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.text()).toBe(firstBody);
    // The same key at once, twice more: still one payment.
    const again = await Promise.all([
      payRequest(payer.user, created.id, { from_card_id: payer.card.id }, key),
      payRequest(payer.user, created.id, { from_card_id: payer.card.id }, key),
    ]);
    expect(again.map((r) => r.status)).toEqual([201, 201]);
    // Another payload under that key is refused.
    const reused = await payRequest(
      payer.user,
      created.id,
      { from_card_id: payer.card.id, amount: "20000.00" },
      key,
    );
    expect(reused.status).toBe(422);
    expect(await codeOf(reused)).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await paymentsOf(created.id)).toBe(1);
    expect(await balanceOf(payer.card.card_number)).toBe(100_000_00n - 20_200_00n);
  });

  it("checks the amount: a fixed request takes its own or none, an open one needs one", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 100_000_00n);
    const fixed = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "20000",
    });
    const open = await newRequest(requester.user, { to_card_id: requester.card.id });

    const mismatch = await payRequest(payer.user, fixed.id, {
      from_card_id: payer.card.id,
      amount: "19999.99",
    });
    expect(mismatch.status).toBe(422);
    expect(await codeOf(mismatch)).toBe("PAYMENT_REQUEST_AMOUNT_MISMATCH");
    const missing = await payRequest(payer.user, open.id, { from_card_id: payer.card.id });
    expect(missing.status).toBe(422);
    expect(await codeOf(missing)).toBe("PAYMENT_REQUEST_AMOUNT_REQUIRED");
    const nulled = await payRequest(payer.user, open.id, {
      from_card_id: payer.card.id,
      amount: null,
    });
    expect(nulled.status).toBe(422);
    for (const amount of ["0", "-5", "1.001", "abc"]) {
      const bad = await payRequest(payer.user, open.id, { from_card_id: payer.card.id, amount });
      expect(bad.status, amount).toBe(422);
      expect(await codeOf(bad)).toBe("VALIDATION_ERROR");
    }
    expect(await balanceOf(payer.card.card_number)).toBe(100_000_00n);
    // The same amount, written differently, pays.
    const equal = await payRequest(payer.user, fixed.id, {
      from_card_id: payer.card.id,
      amount: 20000,
    });
    expect(equal.status).toBe(201);
  });

  it("a refused payment (funds, limits) is recorded for the payer and leaves a fixed request open", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 10_000_00n);
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "20000",
    });
    const key = crypto.randomUUID();
    const refused = await payRequest(payer.user, created.id, { from_card_id: payer.card.id }, key);
    expect(refused.status).toBe(400);
    expect(await codeOf(refused)).toBe("INSUFFICIENT_FUNDS");
    const replay = await payRequest(payer.user, created.id, { from_card_id: payer.card.id }, key);
    expect(replay.status).toBe(400);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const view = (await (await readRequest(requester.user, created.id)).json()) as PaymentRequest;
    expect(view).toMatchObject({ status: "open", payments_count: 0 });
    await fund(payer.card.card_number, 20_000_00n);
    expect((await payRequest(payer.user, created.id, { from_card_id: payer.card.id })).status).toBe(
      201,
    );
  });

  it("refuses a request to a card that is not the requester's (404 like cards) or cannot receive", async () => {
    const requester = await person("Alisher Valiyev");
    const stranger = await person("Bobur Karimov");
    const other = await createRequest(requester.user, { to_card_id: stranger.card.id });
    expect(other.status).toBe(404);
    expect(await codeOf(other)).toBe("CARD_NOT_FOUND");
    const missing = await createRequest(requester.user, { to_card_id: crypto.randomUUID() });
    expect(missing.status).toBe(404);

    const premium = await person("Dilnoza Rahimova");
    await setRole(premium.user.id, "premium");
    const frozen = await openCard(premium.user);
    const inactive = await createRequest(premium.user, { to_card_id: frozen.id });
    expect(inactive.status).toBe(400);
    expect(await codeOf(inactive)).toBe("CARD_NOT_ACTIVE");
    const rows = await query(sql`select count(*)::int as n from payment_requests
      where requester_user_id in (${requester.user.id}, ${premium.user.id})`);
    expect(rows[0]?.n).toBe(0);
  });

  it("validates creation: expiry 1–720 hours, description ≤ 255, positive exact amount, no extra fields", async () => {
    const requester = await person("Alisher Valiyev");
    const base = { to_card_id: requester.card.id };
    for (const body of [
      { ...base, expires_in_hours: 0 },
      { ...base, expires_in_hours: 721 },
      { ...base, expires_in_hours: 1.5 },
      { ...base, description: "x".repeat(256) },
      { ...base, amount: "0" },
      { ...base, amount: "10.005" },
      { ...base, status: "paid" },
      { ...base, requester_user_id: crypto.randomUUID() },
      {},
    ]) {
      const response = await createRequest(requester.user, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(await codeOf(response)).toBe("VALIDATION_ERROR");
    }
    const longest = await newRequest(requester.user, { ...base, expires_in_hours: 720 });
    expect(new Date(longest.expires_at).getTime() - Date.now()).toBeGreaterThan(719 * HOUR);
  });

  it("answers an unknown request with 404, and another user's request id for DELETE with 404, changing nothing", async () => {
    const requester = await person("Alisher Valiyev");
    const stranger = await person("Bobur Karimov", 50_000_00n);
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    const unknown = crypto.randomUUID();
    for (const response of [
      await readRequest(stranger.user, unknown),
      await cancelRequest(stranger.user, unknown),
      await payRequest(stranger.user, unknown, { from_card_id: stranger.card.id }),
      await cancelRequest(stranger.user, created.id),
    ]) {
      expect(response.status).toBe(404);
      expect(await codeOf(response)).toBe("PAYMENT_REQUEST_NOT_FOUND");
    }
    const view = (await (await readRequest(requester.user, created.id)).json()) as PaymentRequest;
    expect(view.status).toBe("open");
  });

  it("refuses paying from another user's card, and pays nothing to a receiving card that can no longer receive", async () => {
    const requester = await person("Alisher Valiyev", 50_000_00n);
    const payer = await person("Bobur Karimov", 50_000_00n);
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    const stolen = await payRequest(payer.user, created.id, { from_card_id: requester.card.id });
    expect(stolen.status).toBe(404);
    expect(await codeOf(stolen)).toBe("SENDER_CARD_NOT_FOUND");

    await setCardColumns(requester.card.id, { status: "frozen" });
    const frozen = await payRequest(payer.user, created.id, { from_card_id: payer.card.id });
    expect(frozen.status).toBe(404);
    expect(await codeOf(frozen)).toBe("RECEIVER_CARD_NOT_FOUND");
    expect(await balanceOf(payer.card.card_number)).toBe(50_000_00n);
    expect(await paymentsOf(created.id)).toBe(0);
  });

  it("requires an Idempotency-Key to pay, and a session for every route", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 50_000_00n);
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    const keyless = await payRequest(payer.user, created.id, { from_card_id: payer.card.id }, null);
    expect(keyless.status).toBe(400);
    expect(await codeOf(keyless)).toBe("IDEMPOTENCY_KEY_MISSING");
    const anonymous = await call(`/api/payment-requests/${created.id}`);
    expect(anonymous.status).toBe(401);
    expect(await paymentsOf(created.id)).toBe(0);
  });
});

describe("payment requests: the payer's record", () => {
  it("shows the payment in the payer's history as a masked transfer, and never repeats it (the full number stays hidden)", async () => {
    const requester = await person("Alisher Valiyev");
    const payer = await person("Bobur Karimov", 50_000_00n);
    const created = await newRequest(requester.user, {
      to_card_id: requester.card.id,
      amount: "2000",
    });
    const paid = (await (
      await payRequest(payer.user, created.id, { from_card_id: payer.card.id })
    ).json()) as Paid;
    const detail = await call(`/api/transactions/${paid.id}`, {
      headers: bearer(payer.user.accessToken),
    });
    const text = await detail.text();
    expect(detail.status).toBe(200);
    expect(text).not.toContain(requester.card.card_number);
    expect(JSON.parse(text)).toMatchObject({ type: "transfer", payment_request_id: created.id });
    const requesterSide = await call(`/api/transactions/${paid.id}`, {
      headers: bearer(requester.user.accessToken),
    });
    expect(await requesterSide.json()).toMatchObject({ payment_request_id: created.id });
    const repeat = await call(`/api/transactions/${paid.id}/repeat`, {
      headers: bearer(payer.user.accessToken),
    });
    expect(repeat.status).toBe(404);
    expect(await codeOf(repeat)).toBe("TRANSACTION_NOT_FOUND");
  });
});
