import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, openCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  setRole,
} from "../../../test/worker/db";
import { call, callJson } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

const get = (user: TestUser, path: string) => call(path, { headers: bearer(user.accessToken) });
const patch = (user: TestUser, path: string) =>
  call(path, { method: "PATCH", headers: bearer(user.accessToken) });
const depositAs = (
  admin: TestUser,
  body: Record<string, unknown>,
  key: string | null = crypto.randomUUID(),
) =>
  callJson("/api/admin/deposit", "POST", body, {
    ...bearer(admin.accessToken),
    ...(key ? { "Idempotency-Key": key } : {}),
  });

describe("admin: authorization", () => {
  it("refuses every admin route to anonymous (401), user and premium (403) before any work", async () => {
    const uuid = crypto.randomUUID();
    const routes: [string, string][] = [
      ["POST", "/api/admin/deposit"],
      ["GET", "/api/admin/platform-card"],
      ["GET", "/api/admin/all-users"],
      ["GET", `/api/admin/one-users/${uuid}`],
      ["GET", "/api/admin/all-cards"],
      ["GET", `/api/admin/one-card/${uuid}`],
      ["GET", "/api/admin/all-transactions"],
      ["GET", `/api/admin/one-transaction/${uuid}`],
      ["GET", `/api/admin/one-transaction?transaction_id=${uuid}`],
      ["PATCH", `/api/admin/status-card/${uuid}?status=frozen`],
      ["PATCH", `/api/admin/user-role/${uuid}?action=premium`],
      ["GET", `/api/admin/verify-balance/${uuid}`],
      ["GET", `/api/admin/verify_balance/${uuid}`],
      ["GET", "/api/admin/verify-all-balance"],
      ["GET", "/api/admin/dashboard"],
      ["GET", "/api/admin/audit-log"],
    ];
    const user = await newUser();
    const premium = await newUser();
    await setRole(premium.id, "premium");
    for (const [method, path] of routes) {
      // Invalid bodies and ids would be 422/404 for an admin: the 403 proves the role check runs first.
      const init = {
        method,
        headers: { "Content-Type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      };
      expect((await call(path, init)).status, `${method} ${path} anonymous`).toBe(401);
      for (const caller of [user, premium]) {
        const response = await call(path, {
          ...init,
          headers: { ...init.headers, ...bearer(caller.accessToken) },
        });
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(((await response.json()) as Problem).detail).toBe(
          "Bu amalni faqat administrator bajara oladi",
        );
      }
    }
  });

  it("applies a role change at once: a demoted admin is refused on the next call", async () => {
    const admin = await newAdmin();
    expect((await get(admin, "/api/admin/platform-card")).status).toBe(200);
    await setRole(admin.id, "user");
    expect((await get(admin, "/api/admin/platform-card")).status).toBe(403);
  });
});

describe("admin: deposit", () => {
  it("brings money in from the treasury through the ledger, idempotently, and audits it", async () => {
    const admin = await newAdmin();
    const user = await newUser("Bobur Karimov");
    const card = await openActiveCard(user);
    const key = crypto.randomUUID();
    const body = { to_card_number: card.card_number, amount: "500000", description: "Naqd" };
    const first = await depositAs(admin, body, key);
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as Record<string, unknown>;
    expect(receipt).toMatchObject({
      type: "deposit",
      status: "success",
      from_card: null,
      to_card: { card_number: card.card_number, owner_name: "Bobur Karimov" },
      amount: "500000.00",
      commission: "0.00",
    });
    const replay = await depositAs(admin, body, key);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(receipt);
    expect(await balanceOf(card.card_number)).toBe(500_000_00n);

    const treasury = await query(
      sql`select balance::text as balance from system_accounts where code = 'treasury'`,
    );
    expect(BigInt(treasury[0]?.balance as string)).toBeLessThanOrEqual(-500_000_00n);
    const audit = (await (
      await get(admin, "/api/admin/audit-log?action=deposit&limit=100")
    ).json()) as {
      data: { actor: { id: string }; entity_id: string; after: { amount: string } }[];
    };
    const entries = audit.data.filter((entry) => entry.entity_id === receipt.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor.id).toBe(admin.id);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("can pay from the admin's own card, never from someone else's", async () => {
    const admin = await newAdmin();
    const own = await openActiveCard(admin);
    await fund(own.card_number, 10_000_00n);
    const target = await openActiveCard(await newUser());
    const ok = await depositAs(admin, {
      to_card_number: target.card_number,
      amount: 3000,
      from_card_id: own.id,
    });
    expect(ok.status).toBe(201);
    expect(await balanceOf(own.card_number)).toBe(7_000_00n);
    const foreign = await depositAs(admin, {
      to_card_number: own.card_number,
      amount: 3000,
      from_card_id: target.id,
    });
    expect(foreign.status).toBe(404);
  });

  it("applies the admin limits and card status, and requires the key", async () => {
    const admin = await newAdmin();
    const user = await newUser();
    const card = await openActiveCard(user);
    const small = await depositAs(admin, { to_card_number: card.card_number, amount: "1999.99" });
    expect(((await small.json()) as Problem).code).toBe("AMOUNT_TOO_SMALL");
    const big = await depositAs(admin, {
      to_card_number: card.card_number,
      amount: "100000000.01",
    });
    expect(((await big.json()) as Problem).code).toBe("LIMIT_EXCEEDED");
    expect(
      (await depositAs(admin, { to_card_number: card.card_number, amount: "100000000" })).status,
    ).toBe(202);
    const frozen = await openCard(await newUser());
    const refused = await depositAs(admin, { to_card_number: frozen.card_number, amount: 5000 });
    expect(((await refused.json()) as Problem).code).toBe("CARD_NOT_ACTIVE");
    const noKey = await depositAs(admin, { to_card_number: card.card_number, amount: 5000 }, null);
    expect(noKey.status).toBe(400);
    expect(
      (await depositAs(admin, { to_card_number: card.card_number, amount: "5000.001" })).status,
    ).toBe(422);
  });
});

describe("admin: no cash-in to the platform card", () => {
  it("refuses it from the treasury and from the admin's own card, recording and moving nothing", async () => {
    const admin = await newAdmin();
    const own = await openActiveCard(admin);
    await fund(own.card_number, 10_000_00n);
    const platformBefore = await balanceOf("7777000000000000");
    const countDeposits = async () =>
      (
        await query(
          sql`select count(*)::int as n from transactions t join cards c on c.id = t.to_card_id
              where t.type = 'deposit' and c.card_number = '7777000000000000'`,
        )
      )[0]?.n;
    const depositsBefore = await countDeposits();
    for (const body of [
      { to_card_number: "7777 0000 0000 0000", amount: "5000" },
      { to_card_number: "7777000000000000", amount: "5000", from_card_id: own.id },
    ]) {
      const response = await depositAs(admin, body);
      expect(response.status).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe("PLATFORM_CARD_LOCKED");
      expect(problem.detail).toContain("pul kiritib");
    }
    expect(await balanceOf("7777000000000000")).toBe(platformBefore);
    expect(await balanceOf(own.card_number)).toBe(10_000_00n);
    expect(await countDeposits()).toBe(depositsBefore);
    const audit = (await (
      await get(admin, `/api/admin/audit-log?actor_id=${admin.id}`)
    ).json()) as { total: number };
    expect(audit.total).toBe(0);
  });
});

describe("admin: card status and roles", () => {
  it("follows the transition table and audits every change", async () => {
    const admin = await newAdmin();
    const user = await newUser();
    const card = await openCard(user); // frozen
    const set = (status: string) =>
      patch(admin, `/api/admin/status-card/${card.id}?status=${status}`);

    // Its owner froze it (new cards open frozen); the bank can block it on top.
    expect(await (await set("frozen")).json()).toMatchObject({
      status: "frozen",
      frozen_by: "bank",
      freeze_reason: "other",
    });
    expect(((await (await set("frozen")).json()) as Problem).code).toBe("CARD_ALREADY_FROZEN");
    const activated = await set("active");
    expect(((await activated.json()) as { status: string }).status).toBe("active");
    expect(((await (await set("active")).json()) as Problem).code).toBe("CARD_ALREADY_ACTIVE");
    expect(((await (await set("frozen")).json()) as { status: string }).status).toBe("frozen");

    await set("active");
    await fund(card.card_number, 5_000_00n);
    const withMoney = await set("closed");
    expect(withMoney.status).toBe(409);
    expect(((await withMoney.json()) as Problem).code).toBe("CARD_HAS_BALANCE");

    const empty = await openCard(await newUser());
    const close = await patch(admin, `/api/admin/status-card/${empty.id}?status=closed`);
    expect(((await close.json()) as { status: string }).status).toBe("closed");
    // Activating a closed card: only a frozen card is activated. Closing it again: already closed.
    const reopen = await patch(admin, `/api/admin/status-card/${empty.id}?status=active`);
    expect(((await reopen.json()) as Problem).code).toBe("INVALID_TRANSITION");
    const again = await patch(admin, `/api/admin/status-card/${empty.id}?status=closed`);
    expect(((await again.json()) as Problem).code).toBe("CARD_ALREADY_CLOSED");
    const freezeClosed = await patch(admin, `/api/admin/status-card/${empty.id}?status=frozen`);
    expect(((await freezeClosed.json()) as Problem).code).toBe("CARD_ALREADY_CLOSED");

    expect((await patch(admin, `/api/admin/status-card/${empty.id}?status=deleted`)).status).toBe(
      422,
    );
    expect(
      (await patch(admin, `/api/admin/status-card/${crypto.randomUUID()}?status=closed`)).status,
    ).toBe(404);
    const platform = await patch(
      admin,
      "/api/admin/status-card/00000000-0000-0000-0000-000000000001?status=frozen",
    );
    expect(((await platform.json()) as Problem).code).toBe("PLATFORM_CARD_LOCKED");

    const log = (await (
      await get(admin, "/api/admin/audit-log?action=card.status&limit=100")
    ).json()) as {
      data: { entity_id: string; before: { status: string }; after: { status: string } }[];
    };
    const changes = log.data.filter((entry) => entry.entity_id === card.id).reverse();
    expect(changes.map((entry) => [entry.before.status, entry.after.status])).toEqual([
      ["frozen", "frozen"],
      ["frozen", "active"],
      ["active", "frozen"],
      ["frozen", "active"],
    ]);
  });

  it("changes user ↔ premium, never an admin's role (own included), and audits it", async () => {
    const admin = await newAdmin();
    const user = await newUser();
    const promote = await patch(admin, `/api/admin/user-role/${user.id}?action=premium`);
    expect(((await promote.json()) as { role: string }).role).toBe("premium");
    expect(
      (
        (await (
          await patch(admin, `/api/admin/user-role/${user.id}?action=premium`)
        ).json()) as Problem
      ).code,
    ).toBe("ALREADY_PREMIUM");
    expect(
      (
        (await (await patch(admin, `/api/admin/user-role/${user.id}?action=user`)).json()) as {
          role: string;
        }
      ).role,
    ).toBe("user");
    expect(
      (
        (await (
          await patch(admin, `/api/admin/user-role/${user.id}?action=user`)
        ).json()) as Problem
      ).detail,
    ).toBe("Profil allaqachon oddiy tarifda");
    const other = await newAdmin();
    expect((await patch(admin, `/api/admin/user-role/${other.id}?action=user`)).status).toBe(403);
    expect((await patch(admin, `/api/admin/user-role/${admin.id}?action=premium`)).status).toBe(
      403,
    );
    expect(
      (await patch(admin, `/api/admin/user-role/${crypto.randomUUID()}?action=user`)).status,
    ).toBe(404);

    const log = (await (
      await get(admin, "/api/admin/audit-log?action=user.role&limit=100")
    ).json()) as {
      data: { entity_id: string; before: { role: string }; after: { role: string } }[];
    };
    expect(log.data.filter((entry) => entry.entity_id === user.id)).toHaveLength(2);
  });
});

describe("admin: demoting a subscriber", () => {
  it("ends the subscription, so renewal never charges a demoted user and they can buy again", async () => {
    const admin = await newAdmin();
    const user = await newUser();
    const card = await openActiveCard(user);
    await fund(card.card_number, 200_000_00n);
    const buy = () =>
      call(`/api/subscription/${card.id}`, {
        method: "POST",
        headers: { ...bearer(user.accessToken), "Idempotency-Key": crypto.randomUUID() },
      });
    expect((await buy()).status).toBe(201);
    expect((await patch(admin, `/api/admin/user-role/${user.id}?action=user`)).status).toBe(200);
    const rows = await query(
      sql`select status, auto_renew from subscriptions where user_id = ${user.id}`,
    );
    expect(rows).toEqual([{ status: "expired", auto_renew: false }]);
    expect((await buy()).status).toBe(201);
    expect(await balanceOf(card.card_number)).toBe(200_000_00n - 2n * 85_000_00n);
  });
});

describe("admin: listings", () => {
  it("lists and searches users, cards and transactions with the earlier total names", async () => {
    const admin = await newAdmin();
    const marker = `Zebo${crypto.randomUUID().slice(0, 6)}`;
    const user = await newUser(`${marker} Karimova`);
    const card = await openActiveCard(user);
    await fund(card.card_number, 7_000_00n);

    const users = (await (
      await get(admin, `/api/admin/all-users?search_name=${marker}`)
    ).json()) as Record<string, unknown>;
    expect(users).toMatchObject({ total: 1, total_users: 1, page: 1 });
    expect(
      (
        (await (
          await get(admin, `/api/admin/all-users?search_number=${user.phone.slice(-9)}`)
        ).json()) as { total: number }
      ).total,
    ).toBe(1);
    const admins = (await (
      await get(admin, "/api/admin/all-users?search_role=admin&limit=100")
    ).json()) as {
      data: { id: string; role: string }[];
    };
    expect(admins.data.map((entry) => entry.id)).toContain(admin.id);
    const plain = (await (await get(admin, "/api/admin/all-users?limit=100")).json()) as {
      data: { role: string }[];
    };
    expect(plain.data.every((entry) => entry.role !== "admin")).toBe(true);

    const one = (await (await get(admin, `/api/admin/one-users/${user.id}`)).json()) as {
      cards: { id: string }[];
    };
    expect(one.cards.map((c) => c.id)).toEqual([card.id]);

    const cards = (await (
      await get(admin, `/api/admin/all-cards?search_owner=${marker}`)
    ).json()) as Record<string, unknown>;
    expect(cards).toMatchObject({ total: 1, total_cards: 1 });
    const byNumber = (await (
      await get(admin, `/api/admin/all-cards?search_card_number=${card.card_number.slice(6)}`)
    ).json()) as {
      data: { id: string }[];
    };
    expect(byNumber.data.map((c) => c.id)).toContain(card.id);

    const txs = (await (
      await get(admin, `/api/admin/all-transactions?card_number=${card.card_number}`)
    ).json()) as {
      total: number;
      total_transactions: number;
      data: { id: string; to_card: { card_number: string; owner_name: string } }[];
    };
    expect(txs.total).toBe(1);
    expect(txs.total_transactions).toBe(1);
    expect(txs.data[0]?.to_card).toEqual({
      card_number: card.card_number,
      owner_name: `${marker} Karimova`,
    });
    const id = txs.data[0]?.id;
    expect((await get(admin, `/api/admin/one-transaction/${id}`)).status).toBe(200);
    expect((await get(admin, `/api/admin/one-transaction?transaction_id=${id}`)).status).toBe(200);
    expect((await get(admin, `/api/admin/one-transaction/${crypto.randomUUID()}`)).status).toBe(
      404,
    );
    expect((await get(admin, `/api/admin/one-card/${card.id}`)).status).toBe(200);
    const platform = (await (await get(admin, "/api/admin/platform-card")).json()) as {
      card_number: string;
    };
    expect(platform.card_number).toBe("7777000000000000");
  });

  it("takes search text literally (% and _ are not wildcards)", async () => {
    const admin = await newAdmin();
    const marker = `Lit${crypto.randomUUID().slice(0, 6)}`;
    await newUser(`${marker}abc Valiyev`); // what a wildcard would wrongly match
    const total = async (search: string) =>
      (
        (await (
          await get(admin, `/api/admin/all-users?search_name=${encodeURIComponent(search)}`)
        ).json()) as { total: number }
      ).total;
    expect(await total(`${marker}abc`)).toBe(1);
    expect(await total(`${marker}%`)).toBe(0);
    expect(await total(`${marker}_bc`)).toBe(0);
    expect(await total(`${marker}' or 1=1 --`)).toBe(0);
  });

  it.each([
    "limit=0",
    "limit=-1",
    "limit=101",
    "limit=100000",
    "limit=abc",
    "page=0",
    "page=-1",
    "page=x",
    "limit=1.5",
  ])("answers %s with 422, never a crash", async (params) => {
    const admin = await newAdmin();
    for (const path of [
      "all-users",
      "all-cards",
      "all-transactions",
      "verify-all-balance",
      "audit-log",
    ]) {
      const response = await get(admin, `/api/admin/${path}?${params}`);
      expect(response.status, path).toBe(422);
    }
  });
});

describe("admin: reconciliation", () => {
  it("says all OK on a healthy ledger, the platform and admin cards included", async () => {
    const admin = await newAdmin();
    const own = await openActiveCard(admin);
    await fund(own.card_number, 50_000_00n);
    const sender = await newUser();
    const from = await openActiveCard(sender);
    await fund(from.card_number, 20_000_00n);
    await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: own.card_number,
      amount: 10000,
    });

    const all = (await (await get(admin, "/api/admin/verify-all-balance")).json()) as Record<
      string,
      unknown
    >;
    expect(all).toMatchObject({
      total_invalid_cards: 0,
      ledger_sum: "0.00",
      treasury_ok: true,
      bug_details: [],
    });
    expect(all.total_valid_cards).toBe(all.total_cards);
    for (const id of ["00000000-0000-0000-0000-000000000001", own.id]) {
      const one = (await (await get(admin, `/api/admin/verify-balance/${id}`)).json()) as {
        audit: { status: string };
      };
      expect(one.audit.status).toBe("OK");
    }
    expect((await get(admin, `/api/admin/verify_balance/${own.id}`)).status).toBe(200);
  });

  it("detects a balance changed behind the ledger's back", async () => {
    const admin = await newAdmin();
    const card = await openActiveCard(await newUser());
    await fund(card.card_number, 1_000_00n);
    await query(sql`update cards set balance = balance + 12345 where id = ${card.id}`);
    try {
      const one = (await (
        await get(admin, `/api/admin/verify-balance/${card.id}`)
      ).json()) as Record<string, unknown>;
      expect(one).toEqual({
        card_info: { id: card.id, number: card.card_number, owner_id: expect.any(String) },
        audit: {
          stored_balance: "1123.45",
          calculated_balance: "1000.00",
          difference: "123.45",
          status: "Error",
        },
      });
      const all = (await (
        await get(admin, `/api/admin/verify-all-balance?search_number=${card.card_number}`)
      ).json()) as Record<string, unknown>;
      expect(all).toMatchObject({
        total_cards: 1,
        total_invalid_cards: 1,
        ledger_sum: "0.00",
        bug_details: [
          {
            card_number: card.card_number,
            stored_balance: "1123.45",
            calculated_balance: "1000.00",
            difference: "123.45",
          },
        ],
      });
    } finally {
      await query(sql`update cards set balance = balance - 12345 where id = ${card.id}`);
    }
  });
});

describe("admin: dashboard", () => {
  it("answers an empty day with zeros, never a 500", async () => {
    const admin = await newAdmin();
    const response = await get(admin, "/api/admin/dashboard?calendar=2001-01-01");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & {
      hourly: unknown[];
      daily: unknown[];
    };
    expect(body).toMatchObject({
      sender_transactions: "0.00",
      receiver_transactions: "0.00",
      total_commission: "0.00",
      total_count: 0,
      success_transfers_count: 0,
      failed_transfers_count: 0,
      success_percent: "0.00",
      failed_percent: "0.00",
    });
    expect(body.hourly).toHaveLength(24);
    expect(body.daily).toHaveLength(31);
    expect(body.daily.every((point) => (point as { count: number }).count === 0)).toBe(true);
    expect((await get(admin, "/api/admin/dashboard")).status).toBe(200);
    expect((await get(admin, "/api/admin/dashboard?calendar=2026-13-01")).status).toBe(422);
  });

  it("matches hand-computed numbers on a busy day", async () => {
    const admin = await newAdmin();
    const sender = await newUser();
    const from = await openActiveCard(sender);
    const to = await openActiveCard(await newUser());
    await fund(from.card_number, 20_000_00n);
    const ids: string[] = [];
    for (const amount of ["2000", "3000.50", "9999"]) {
      const response = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount,
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    // Commissions: 20.00, 30.01 (30.005 rounds half-up), 99.99 → 20 000 − 15 149.50 = 4 850.50 left.
    expect(await balanceOf(from.card_number)).toBe(4_850_50n);
    const failed = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "9999",
    });
    expect(((await failed.json()) as Problem).code).toBe("INSUFFICIENT_FUNDS");
    // Move them to a quiet day in the past: 10:30 and 23:59 Tashkent time on 2019-06-15.
    await query(sql`update transactions set created_at = timestamptz '2019-06-15 10:30:00+05'
      where id = any(${`{${ids.join(",")}}`}::uuid[])`);
    await query(sql`update transactions set created_at = timestamptz '2019-06-15 23:59:00+05'
      where from_card_id = ${from.id} and status = 'failed'`);
    // The funding cash-in too: it is received money, but no card sent it.
    await query(sql`update transactions set created_at = timestamptz '2019-06-15 09:00:00+05'
      where to_card_id = ${from.id} and type = 'deposit'`);

    const day = (await (
      await get(admin, "/api/admin/dashboard?calendar=2019-06-15")
    ).json()) as Record<string, unknown> & {
      hourly: { hour: number; volume: string; count: number }[];
      daily: { date: string; volume: string; count: number }[];
    };
    expect(day).toMatchObject({
      date: "2019-06-15",
      sender_transactions: "15149.50",
      receiver_transactions: "34999.50", // 14 999.50 transferred + 20 000 cash-in
      total_commission: "150.00",
      total_count: 5,
      success_transfers_count: 4,
      failed_transfers_count: 1,
      success_percent: "80.00",
      failed_percent: "20.00",
    });
    expect(day.hourly.filter((point) => point.count > 0)).toEqual([
      { hour: 9, volume: "20000.00", count: 1 },
      { hour: 10, volume: "14999.50", count: 3 },
      { hour: 23, volume: "0.00", count: 1 },
    ]);
    expect(day.daily).toHaveLength(30);
    expect(day.daily.filter((point) => point.count > 0)).toEqual([
      { date: "2019-06-15", volume: "34999.50", count: 5 },
    ]);
    const nextDay = (await (
      await get(admin, "/api/admin/dashboard?calendar=2019-06-16")
    ).json()) as { total_count: number };
    expect(nextDay.total_count).toBe(0);
    // Test files run one at a time, so nothing moves money between these two reads.
    // A card's balance is its row plus its credit shards.
    const cardsTotal = await query(sql`select sum(balance)::text as total from card_totals()`);
    expect(BigInt((day.total_balance as string).replace(".", ""))).toBe(
      BigInt(cardsTotal[0]?.total as string),
    );
  });
});

interface AuditPage {
  total: number;
  data: {
    id: string;
    actor: { id: string; full_name: string };
    action: string;
    entity_id: string;
    card: { id: string; card_number: string; owner_name: string } | null;
    person: { id: string; full_name: string; phone_number: string } | null;
    amount: string | null;
    source_card: { id: string; card_number: string } | null;
    created_at: string;
  }[];
}

describe("admin: audit log", () => {
  const auditOf = async (admin: TestUser, search: string) => {
    const paging = search.includes("limit=") ? "" : "limit=100&";
    const response = await get(admin, `/api/admin/audit-log?${paging}${search}`);
    expect(response.status, search).toBe(200);
    return (await response.json()) as AuditPage;
  };

  it("names the card, the person and the amount of each entry, so it can be said in words", async () => {
    const admin = await newAdmin();
    const own = await openActiveCard(admin);
    await fund(own.card_number, 10_000_00n);
    const user = await newUser("Dilnoza Rashidova");
    const card = await openActiveCard(user);
    expect(
      (await depositAs(admin, { to_card_number: card.card_number, amount: "2500.50" })).status,
    ).toBe(201);
    expect(
      (
        await depositAs(admin, {
          to_card_number: card.card_number,
          amount: "3000",
          from_card_id: own.id,
        })
      ).status,
    ).toBe(201);
    await fund(card.card_number, 1n); // not an admin's write: not in the log
    expect(
      (await patch(admin, `/api/admin/status-card/${card.id}?status=frozen&reason=court_order`))
        .status,
    ).toBe(200);
    expect((await patch(admin, `/api/admin/user-role/${user.id}?action=premium`)).status).toBe(200);

    const log = await auditOf(admin, `actor_id=${admin.id}`);
    expect(log.total).toBe(4);
    const person = { id: user.id, full_name: "Dilnoza Rashidova", phone_number: user.phone };
    const cardRef = { id: card.id, card_number: card.card_number, owner_name: "Dilnoza Rashidova" };
    expect(
      log.data.map(({ action, card, person, amount, source_card }) => ({
        action,
        card,
        person,
        amount,
        source_card,
      })),
    ).toEqual([
      { action: "user.role", card: null, person, amount: null, source_card: null },
      { action: "card.status", card: cardRef, person, amount: null, source_card: null },
      {
        action: "deposit",
        card: cardRef,
        person,
        amount: "3000.00",
        source_card: { id: own.id, card_number: own.card_number },
      },
      { action: "deposit", card: cardRef, person, amount: "2500.50", source_card: null },
    ]);
    for (const entry of log.data) {
      expect(entry.actor).toEqual({ id: admin.id, full_name: "Admin Adminov" });
      expect(entry.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it("filters by admin, by action and by whole Tashkent days, both ends included", async () => {
    const first = await newAdmin();
    const second = await newAdmin();
    const card = await openActiveCard(await newUser());
    for (const admin of [first, first, second]) {
      expect(
        (await depositAs(admin, { to_card_number: card.card_number, amount: "2000" })).status,
      ).toBe(201);
    }
    expect((await patch(first, `/api/admin/status-card/${card.id}?status=frozen`)).status).toBe(
      200,
    );
    // Move the first admin's entries to known instants: 23:30 on 10 March in Tashkent
    // (18:30 UTC), 03:00 on 11 March (still 10 March in UTC) and 12 March.
    const ids = (await auditOf(first, `actor_id=${first.id}`)).data.map((entry) => entry.id);
    expect(ids).toHaveLength(3);
    const instants = [
      "2020-03-12T10:00:00+05:00",
      "2020-03-11T03:00:00+05:00",
      "2020-03-10T23:30:00+05:00",
    ];
    for (const [index, id] of ids.entries()) {
      await query(
        sql`update audit_log set created_at = ${instants[index]}::timestamptz where id = ${id}::bigint`,
      );
    }

    const ofFirst = (search: string) => auditOf(second, `actor_id=${first.id}&${search}`);
    expect((await auditOf(second, `actor_id=${second.id}`)).total).toBe(1);
    expect((await ofFirst("action=deposit")).total).toBe(2);
    expect((await ofFirst("action=card.status")).data.map((entry) => entry.id)).toEqual([ids[0]]);
    expect((await ofFirst("from=2020-03-10&to=2020-03-10")).data.map((entry) => entry.id)).toEqual([
      ids[2],
    ]);
    expect((await ofFirst("from=2020-03-11&to=2020-03-11")).data.map((entry) => entry.id)).toEqual([
      ids[1],
    ]);
    expect((await ofFirst("from=2020-03-11")).data.map((entry) => entry.id)).toEqual([
      ids[0],
      ids[1],
    ]);
    expect((await ofFirst("to=2020-03-11")).data.map((entry) => entry.id)).toEqual([
      ids[1],
      ids[2],
    ]);
    expect((await ofFirst("from=2020-03-10&to=2020-03-12&action=deposit")).total).toBe(2);
    const paged = await auditOf(second, `actor_id=${first.id}&limit=1&page=3`);
    expect(paged.total).toBe(3);
    expect(paged.data.map((entry) => entry.id)).toEqual([ids[2]]);
    const beyond = await auditOf(second, `actor_id=${first.id}&limit=1&page=9`);
    expect([beyond.total, beyond.data]).toEqual([3, []]);
  });

  it("answers bad filters with a 422 problem naming the field, never a 500", async () => {
    const admin = await newAdmin();
    for (const [search, field] of [
      ["from=2020-02-30", "from"],
      ["to=11.03.2020", "to"],
      ["from=2020-03-12&to=2020-03-11", "to"],
      ["actor_id=not-a-uuid", "actor_id"],
      ["action=delete", "action"],
      ["from=%00", "from"],
    ]) {
      const response = await get(admin, `/api/admin/audit-log?${search}`);
      expect(response.status, search).toBe(422);
      const problem = (await response.json()) as Problem & { errors: { path: string }[] };
      expect(problem.code).toBe("VALIDATION_ERROR");
      expect(problem.errors.map((error) => error.path)).toContain(field);
    }
  });
});
