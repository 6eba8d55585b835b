import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  setRole,
} from "../../../test/worker/db";
import { call, callJson, callWithEnv } from "../../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";
import { runScheduled } from "../../scheduled";

interface CashIn {
  id: string;
  status: string;
  amount: string;
  to_card: { card_number: string; owner_name: string };
  created_by: { id: string };
  decided_by: { id: string } | null;
  reject_reason: string | null;
  transaction_id: string | null;
}

const LARGE = "25000000.00";
const LARGE_TIYIN = 25_000_000_00n;

const cashIn = (admin: TestUser, body: Record<string, unknown>, key = crypto.randomUUID()) =>
  callJson("/api/admin/deposit", "POST", body, {
    ...bearer(admin.accessToken),
    "Idempotency-Key": key,
  });
const approve = (admin: TestUser, id: string) =>
  call(`/api/admin/deposits/${id}/approve`, { method: "POST", headers: bearer(admin.accessToken) });
const reject = (admin: TestUser, id: string, reason = "Not confirmed by the branch") =>
  callJson(`/api/admin/deposits/${id}/reject`, "POST", { reason }, bearer(admin.accessToken));
const read = (admin: TestUser, path: string) => call(path, { headers: bearer(admin.accessToken) });
const codeOf = async (response: Response) => ((await response.json()) as Problem).code;

async function pending(creator: TestUser, card: TestCard, amount = LARGE): Promise<CashIn> {
  const response = await cashIn(creator, { to_card_number: card.card_number, amount });
  expect(response.status).toBe(202);
  return (await response.json()) as CashIn;
}

async function world() {
  const creator = await newAdmin();
  const approver = await newAdmin();
  const owner = await newUser("Dilnoza Karimova");
  const card = await openActiveCard(owner);
  return { creator, approver, owner, card };
}

const deposits = async (cardNumber: string) =>
  (
    await query(sql`select count(*)::int as n from transactions t join cards c on c.id = t.to_card_id
      where c.card_number = ${cardNumber} and t.type = 'deposit'`)
  )[0]?.n as number;

describe("four-eyes cash-in: happy path", () => {
  it("a large cash-in is pending and moves nothing until another admin approves; then it posts once", async () => {
    const { creator, approver, card } = await world();
    const created = await pending(creator, card);
    expect(created).toMatchObject({
      status: "pending",
      amount: LARGE,
      to_card: { card_number: card.card_number, owner_name: "Dilnoza Karimova" },
      created_by: { id: creator.id },
      decided_by: null,
      transaction_id: null,
    });
    expect(await balanceOf(card.card_number)).toBe(0n);
    expect(await deposits(card.card_number)).toBe(0);

    const queue = (await (
      await read(approver, "/api/admin/deposits?status=pending&limit=100")
    ).json()) as {
      approval_threshold: string;
      data: CashIn[];
    };
    expect(queue.approval_threshold).toBe("10000000.00");
    expect(queue.data.map((item) => item.id)).toContain(created.id);

    const approved = await approve(approver, created.id);
    expect(approved.status).toBe(200);
    const body = (await approved.json()) as CashIn;
    expect(body).toMatchObject({ status: "approved", decided_by: { id: approver.id } });
    expect(body.transaction_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await balanceOf(card.card_number)).toBe(LARGE_TIYIN);
    expect(await deposits(card.card_number)).toBe(1);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);

    const one = (await (await read(creator, `/api/admin/deposits/${created.id}`)).json()) as CashIn;
    expect(one).toMatchObject({ status: "approved", transaction_id: body.transaction_id });
  });

  it("up to the threshold a cash-in posts at once, as before", async () => {
    const { creator, card } = await world();
    const response = await cashIn(creator, {
      to_card_number: card.card_number,
      amount: "10000000",
    });
    expect(response.status).toBe(201);
    expect(await balanceOf(card.card_number)).toBe(10_000_000_00n);
  });

  it("the same key replays the same pending answer and creates nothing more; another payload is 422", async () => {
    const { creator, card } = await world();
    const key = crypto.randomUUID();
    const body = { to_card_number: card.card_number, amount: LARGE };
    const first = await cashIn(creator, body, key);
    const again = await cashIn(creator, { ...body, amount: "25000000" }, key);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const racing = await Promise.all([1, 2, 3].map(() => cashIn(creator, body, key)));
    expect(racing.map((response) => response.status)).toEqual([202, 202, 202]);
    const rows = await query(
      sql`select count(*)::int as n from pending_cash_ins where created_by = ${creator.id}`,
    );
    expect(rows[0]?.n).toBe(1);
    const other = await cashIn(creator, { ...body, amount: "26000000" }, key);
    expect(other.status).toBe(422);
    expect(await codeOf(other)).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("a key keeps its first answer when the threshold changes between retries; nothing posts twice", async () => {
    const { creator, card } = await world();
    const body = { to_card_number: card.card_number, amount: LARGE };
    const send = (threshold: string, key: string) =>
      callWithEnv(
        "/api/admin/deposit",
        { CASH_IN_APPROVAL_THRESHOLD: threshold },
        {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...bearer(creator.accessToken),
            "Idempotency-Key": key,
          },
          body: JSON.stringify(body),
        },
      );
    // Pending first, retried after the threshold rose above the amount: the same pending answer.
    const pendingKey = crypto.randomUUID();
    const first = await send("10000000", pendingKey);
    expect(first.status).toBe(202);
    const retried = await send("50000000", pendingKey);
    expect(retried.status).toBe(202);
    expect(retried.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retried.json()).toEqual(await first.json());
    expect(await balanceOf(card.card_number)).toBe(0n);
    // Posted first, retried after the threshold fell below the amount: the same posting.
    const postedKey = crypto.randomUUID();
    const posted = await send("50000000", postedKey);
    expect(posted.status).toBe(201);
    const replayed = await send("10000000", postedKey);
    expect(replayed.status).toBe(201);
    expect(await replayed.json()).toEqual(await posted.json());
    expect(await balanceOf(card.card_number)).toBe(LARGE_TIYIN);
    expect(await deposits(card.card_number)).toBe(1);
  });

  it("a rejection with a reason moves nothing, and the audit log names both acts", async () => {
    const { creator, approver, card } = await world();
    const created = await pending(creator, card);
    const rejected = await reject(approver, created.id, "Branch did not confirm");
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({
      status: "rejected",
      reject_reason: "Branch did not confirm",
      decided_by: { id: approver.id },
    });
    expect(await balanceOf(card.card_number)).toBe(0n);

    const approvedOne = await pending(creator, card);
    expect((await approve(approver, approvedOne.id)).status).toBe(200);
    const log = (await (await read(creator, "/api/admin/audit-log?limit=100")).json()) as {
      data: {
        action: string;
        entity_id: string;
        actor: { id: string };
        amount: string | null;
        card: { card_number: string } | null;
      }[];
    };
    const about = (id: string) =>
      log.data
        .filter((entry) => entry.entity_id === id)
        .map((entry) => [entry.action, entry.actor.id]);
    expect(about(created.id).sort()).toEqual(
      [
        ["cash_in.reject", approver.id],
        ["cash_in.request", creator.id],
      ].sort(),
    );
    expect(about(approvedOne.id).sort()).toEqual(
      [
        ["cash_in.approve", approver.id],
        ["cash_in.request", creator.id],
      ].sort(),
    );
    const approval = log.data.find(
      (entry) => entry.entity_id === approvedOne.id && entry.action === "cash_in.approve",
    );
    expect(approval).toMatchObject({ amount: LARGE, card: { card_number: card.card_number } });
  });
});

describe("four-eyes cash-in: errors", () => {
  it("approving your own is 403 and moves nothing", async () => {
    const { creator, card } = await world();
    const created = await pending(creator, card);
    const own = await approve(creator, created.id);
    expect(own.status).toBe(403);
    expect(await codeOf(own)).toBe("CASH_IN_OWN_APPROVAL");
    expect(await balanceOf(card.card_number)).toBe(0n);
  });

  it("approving twice, approving after reject, rejecting after approve are 409", async () => {
    const { creator, approver, card } = await world();
    const third = await newAdmin();
    const a = await pending(creator, card);
    expect((await approve(approver, a.id)).status).toBe(200);
    const twice = await approve(third, a.id);
    expect(twice.status).toBe(409);
    expect(await codeOf(twice)).toBe("CASH_IN_ALREADY_APPROVED");
    const late = await reject(third, a.id);
    expect(late.status).toBe(409);
    expect(await codeOf(late)).toBe("CASH_IN_ALREADY_APPROVED");

    const b = await pending(creator, card);
    expect((await reject(approver, b.id)).status).toBe(200);
    const afterReject = await approve(third, b.id);
    expect(afterReject.status).toBe(409);
    expect(await codeOf(afterReject)).toBe("CASH_IN_ALREADY_REJECTED");
    expect(await balanceOf(card.card_number)).toBe(LARGE_TIYIN);
  });

  it("expires after 24 hours: read as expired at once, refused, and marked by the hourly job", async () => {
    const { creator, approver, card } = await world();
    const created = await pending(creator, card);
    await query(
      sql`update pending_cash_ins set expires_at = now() - interval '1 second' where id = ${created.id}`,
    );
    const view = (await (
      await read(approver, `/api/admin/deposits/${created.id}`)
    ).json()) as CashIn;
    expect(view.status).toBe("expired");
    const queue = (await (
      await read(approver, "/api/admin/deposits?status=pending&limit=100")
    ).json()) as {
      data: CashIn[];
    };
    expect(queue.data.map((item) => item.id)).not.toContain(created.id);
    const late = await approve(approver, created.id);
    expect(late.status).toBe(409);
    expect(await codeOf(late)).toBe("CASH_IN_EXPIRED");
    expect(await codeOf(await reject(approver, created.id))).toBe("CASH_IN_EXPIRED");

    const report = await runScheduled(env);
    expect(report.expiredCashIns).toBeGreaterThanOrEqual(1);
    const rows = await query(
      sql`select status::text from pending_cash_ins where id = ${created.id}`,
    );
    expect(rows[0]?.status).toBe("expired");
    expect(await balanceOf(card.card_number)).toBe(0n);
  });

  it("a card blocked since the request refuses the approval, records nothing and stays pending", async () => {
    const { creator, approver, card } = await world();
    const created = await pending(creator, card);
    const blocked = await call(`/api/admin/status-card/${card.id}?status=frozen`, {
      method: "PATCH",
      headers: bearer(approver.accessToken),
    });
    expect(blocked.status).toBe(200);
    const refused = await approve(approver, created.id);
    expect(refused.status).toBe(400);
    expect(await codeOf(refused)).toBe("CARD_NOT_ACTIVE");
    expect(await deposits(card.card_number)).toBe(0);
    const view = (await (
      await read(approver, `/api/admin/deposits/${created.id}`)
    ).json()) as CashIn;
    expect(view.status).toBe("pending");

    await call(`/api/admin/status-card/${card.id}?status=active`, {
      method: "PATCH",
      headers: bearer(approver.accessToken),
    });
    expect((await approve(approver, created.id)).status).toBe(200);
    expect(await balanceOf(card.card_number)).toBe(LARGE_TIYIN);
  });

  it("refuses at request time what could not post (inactive card, over the admin limit), storing nothing", async () => {
    const { creator, card } = await world();
    await query(sql`update cards set status = 'closed' where id = ${card.id}`);
    const closed = await cashIn(creator, { to_card_number: card.card_number, amount: LARGE });
    expect(await codeOf(closed)).toBe("CARD_NOT_ACTIVE");
    const live = await openActiveCard(await newUser());
    const over = await cashIn(creator, {
      to_card_number: live.card_number,
      amount: "100000000.01",
    });
    expect(over.status).toBe(400);
    expect(((await over.json()) as Problem).detail).toContain("100000000");
    const rows = await query(
      sql`select count(*)::int as n from pending_cash_ins where created_by = ${creator.id}`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it("an unknown id is 404 on read, approve and reject", async () => {
    const admin = await newAdmin();
    const id = crypto.randomUUID();
    expect(await codeOf(await read(admin, `/api/admin/deposits/${id}`))).toBe("CASH_IN_NOT_FOUND");
    expect(await codeOf(await approve(admin, id))).toBe("CASH_IN_NOT_FOUND");
    expect(await codeOf(await reject(admin, id))).toBe("CASH_IN_NOT_FOUND");
  });

  it("a creator demoted since cannot have the cash-in approved: a clear 409", async () => {
    const { creator, approver, card } = await world();
    const created = await pending(creator, card);
    await setRole(creator.id, "user");
    const refused = await approve(approver, created.id);
    expect(refused.status).toBe(409);
    expect(await codeOf(refused)).toBe("CASH_IN_CREATOR_NOT_ADMIN");
    expect(await balanceOf(card.card_number)).toBe(0n);
  });
});

describe("four-eyes cash-in: concurrency and security", () => {
  it("two admins approving at once post exactly once", async () => {
    for (let round = 0; round < 3; round++) {
      const { creator, approver, card } = await world();
      const second = await newAdmin();
      const created = await pending(creator, card);
      const answers = await Promise.all([
        approve(approver, created.id),
        approve(second, created.id),
      ]);
      expect(answers.map((response) => response.status).sort()).toEqual([200, 409]);
      const loser = answers.find((response) => response.status === 409);
      expect(await codeOf(loser as Response)).toBe("CASH_IN_ALREADY_APPROVED");
      expect(await balanceOf(card.card_number)).toBe(LARGE_TIYIN);
      expect(await deposits(card.card_number)).toBe(1);
    }
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("an approval racing a rejection: exactly one wins, money moves only if the approval did", async () => {
    const { creator, approver, card } = await world();
    const other = await newAdmin();
    const created = await pending(creator, card);
    const [approval, rejection] = await Promise.all([
      approve(approver, created.id),
      reject(other, created.id),
    ]);
    expect([approval.status, rejection.status].sort()).toEqual([200, 409]);
    expect(await balanceOf(card.card_number)).toBe(approval.status === 200 ? LARGE_TIYIN : 0n);
  });

  it("a plain user or premium cannot list, read, approve or reject (403) and moves nothing", async () => {
    const { creator, card } = await world();
    const created = await pending(creator, card);
    const user = await newUser();
    const premium = await newUser();
    await setRole(premium.id, "premium");
    for (const who of [user, premium]) {
      expect((await read(who, "/api/admin/deposits")).status).toBe(403);
      expect((await read(who, `/api/admin/deposits/${created.id}`)).status).toBe(403);
      expect(await codeOf(await approve(who, created.id))).toBe("FORBIDDEN");
      expect(await codeOf(await reject(who, created.id))).toBe("FORBIDDEN");
    }
    expect(await balanceOf(card.card_number)).toBe(0n);
  });

  it("a from-card cash-in posts from the creator's card at approval, and refuses without funds", async () => {
    const { creator, approver, card } = await world();
    const own = await openActiveCard(creator);
    await fund(own.card_number, 30_000_000_00n);
    const response = await cashIn(creator, {
      to_card_number: card.card_number,
      amount: LARGE,
      from_card_id: own.id,
    });
    expect(response.status).toBe(202);
    const created = (await response.json()) as CashIn;
    expect(await balanceOf(own.card_number)).toBe(30_000_000_00n);
    expect((await approve(approver, created.id)).status).toBe(200);
    expect(await balanceOf(own.card_number)).toBe(5_000_000_00n);
    expect(await balanceOf(card.card_number)).toBe(LARGE_TIYIN);

    const again = (await (
      await cashIn(creator, {
        to_card_number: card.card_number,
        amount: LARGE,
        from_card_id: own.id,
      })
    ).json()) as CashIn;
    const poor = await approve(approver, again.id);
    expect(await codeOf(poor)).toBe("INSUFFICIENT_FUNDS");
    expect(await balanceOf(own.card_number)).toBe(5_000_000_00n);
  });
});
