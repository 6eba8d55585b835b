import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, openCard, type TestCard } from "../../../test/worker/cards";
import { setCardColumns, setRole } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { bearer, newUser } from "../../../test/worker/users";
import { generateCardNumber, isValidCardNumber } from "../../lib/card-number";
import type { Problem } from "../../lib/problem";
import { runScheduled } from "../../scheduled";

const patch = (path: string, token: string) =>
  call(path, { method: "PATCH", headers: bearer(token) });

describe("cards: happy path", () => {
  it("opens a frozen card with a valid number, zero balance and a five-year expiry", async () => {
    const user = await newUser("Alisher Valiyev");
    const card = (await openCard(user)) as TestCard & Record<string, unknown>;
    expect(card.status).toBe("frozen");
    expect(card.balance).toBe("0.00");
    expect(card.user_id).toBe(user.id);
    expect(card.owner_name).toBe("Alisher Valiyev");
    expect(isValidCardNumber(card.card_number)).toBe(true);
    const expiry = new Date(`${card.expiry_date}T00:00:00Z`);
    const years = (expiry.getTime() - Date.now()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(4.9);
    expect(years).toBeLessThan(5.1);
  });

  it("lists and gets the caller's cards, and freezes and unfreezes them", async () => {
    const user = await newUser();
    const card = await openCard(user);
    const list = (await (
      await call("/api/card", { headers: bearer(user.accessToken) })
    ).json()) as TestCard[];
    expect(list.map((c) => c.id)).toEqual([card.id]);
    const single = await call(`/api/card/${card.id}/`, { headers: bearer(user.accessToken) });
    expect(((await single.json()) as TestCard).card_number).toBe(card.card_number);

    const active = await patch(`/api/card/${card.id}/unfreeze`, user.accessToken);
    expect(((await active.json()) as TestCard).status).toBe("active");
    const again = await patch(`/api/card/${card.id}/unfreeze`, user.accessToken);
    expect(again.status).toBe(400);
    expect(((await again.json()) as Problem).code).toBe("CARD_ALREADY_ACTIVE");

    const frozen = await patch(`/api/card/${card.id}/freeze`, user.accessToken);
    expect(((await frozen.json()) as TestCard).status).toBe("frozen");
    const twice = await patch(`/api/card/${card.id}/freeze`, user.accessToken);
    expect(((await twice.json()) as Problem).detail).toBe("Karta allaqachon muzlatilgan");
  });

  it("tells a never-activated card from one its owner froze, and from a bank block", async () => {
    const user = await newUser();
    const card = (await openCard(user)) as TestCard & Record<string, unknown>;
    expect(card).toMatchObject({ status: "frozen", frozen_by: "owner", activated: false });
    const read = async () =>
      (await (
        await call(`/api/card/${card.id}`, { headers: bearer(user.accessToken) })
      ).json()) as Record<string, unknown>;
    expect(await read()).toMatchObject({ activated: false });

    const active = await patch(`/api/card/${card.id}/unfreeze`, user.accessToken);
    expect(await active.json()).toMatchObject({ status: "active", activated: true });
    const frozen = await patch(`/api/card/${card.id}/freeze`, user.accessToken);
    expect(await frozen.json()).toMatchObject({
      status: "frozen",
      frozen_by: "owner",
      activated: true,
    });
    expect(await read()).toMatchObject({ frozen_by: "owner", activated: true });

    // A new card the bank blocks is still one its owner never activated.
    const admin = await newAdmin();
    const other = await newUser();
    const fresh = await openCard(other);
    const blocked = await call(
      `/api/admin/status-card/${fresh.id}?status=frozen&reason=documents_required`,
      { method: "PATCH", headers: bearer(admin.accessToken) },
    );
    expect(blocked.status).toBe(200);
    expect(await blocked.json()).toMatchObject({ frozen_by: "bank", activated: false });
  });

  it("looks up the masked owner of an active card", async () => {
    const owner = await newUser("Bobur Karimov");
    const card = await openActiveCard(owner);
    const caller = await newUser();
    const spaced = card.card_number.replace(/(\d{4})(?=\d)/g, "$1 ");
    const response = await call(`/api/card/lookup?number=${encodeURIComponent(spaced)}`, {
      headers: bearer(caller.accessToken),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      card_number: `${card.card_number.slice(0, 4)} **** **** ${card.card_number.slice(-4)}`,
      owner_name: "Bobur K.",
    });
  });
});

describe("cards: rules and errors", () => {
  it("allows a role user one card, and says so", async () => {
    const user = await newUser();
    await openCard(user);
    const second = await call("/api/card", { method: "POST", headers: bearer(user.accessToken) });
    expect(second.status).toBe(409);
    expect(((await second.json()) as Problem).detail).toBe(
      "Oddiy tarifda faqat bitta karta ochish mumkin. Ko'proq karta uchun Premium sotib oling",
    );
  });

  it("allows premium five cards; closed cards do not count", async () => {
    const user = await newUser();
    await setRole(user.id, "premium");
    const cards = [];
    for (let i = 0; i < 5; i++) cards.push(await openCard(user));
    const sixth = await call("/api/card", { method: "POST", headers: bearer(user.accessToken) });
    expect(sixth.status).toBe(409);
    expect(((await sixth.json()) as Problem).detail).toBe("Ko'pi bilan 5 ta karta ochish mumkin");
    await setCardColumns((cards[0] as TestCard).id, { status: "closed" });
    expect(
      (await call("/api/card", { method: "POST", headers: bearer(user.accessToken) })).status,
    ).toBe(201);
  });

  it("enforces the limit atomically under concurrent requests", async () => {
    const user = await newUser();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        call("/api/card", { method: "POST", headers: bearer(user.accessToken) }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);

    const premium = await newUser();
    await setRole(premium.id, "premium");
    const burst = await Promise.all(
      Array.from({ length: 9 }, () =>
        call("/api/card", { method: "POST", headers: bearer(premium.accessToken) }),
      ),
    );
    expect(burst.filter((r) => r.status === 201)).toHaveLength(5);
    expect(burst.filter((r) => r.status === 409)).toHaveLength(4);
  });

  it("refuses to freeze or unfreeze a closed or expired card", async () => {
    const user = await newUser();
    await setRole(user.id, "premium");
    const closed = await openCard(user);
    await setCardColumns(closed.id, { status: "closed" });
    const closedResponse = await patch(`/api/card/${closed.id}/unfreeze`, user.accessToken);
    expect(((await closedResponse.json()) as Problem).code).toBe("CARD_CLOSED");

    const expired = await openActiveCard(user);
    await setCardColumns(expired.id, { expiry_date: "2020-01-01" });
    const view = (await (
      await call(`/api/card/${expired.id}`, { headers: bearer(user.accessToken) })
    ).json()) as TestCard;
    expect(view.status).toBe("expired");
    const expiredResponse = await patch(`/api/card/${expired.id}/freeze`, user.accessToken);
    expect(expiredResponse.status).toBe(400);
    expect(((await expiredResponse.json()) as Problem).code).toBe("CARD_EXPIRED");
  });

  it("the cron job marks cards past their expiry date as expired", async () => {
    const user = await newUser();
    const card = await openActiveCard(user);
    await setCardColumns(card.id, { expiry_date: "2021-06-01" });
    const report = await runScheduled(env);
    expect(report.expiredCards).toBeGreaterThanOrEqual(1);
    const view = (await (
      await call(`/api/card/${card.id}`, { headers: bearer(user.accessToken) })
    ).json()) as TestCard;
    expect(view.status).toBe("expired");
  });

  it("answers a bad card number in lookup with 422 before any lookup, an unknown or inactive one with 404", async () => {
    const user = await newUser();
    const frozen = await openCard(user);
    const lookup = (number: string) =>
      call(`/api/card/lookup?number=${encodeURIComponent(number)}`, {
        headers: bearer(user.accessToken),
      });
    expect((await lookup("7777123456789051")).status).toBe(422);
    expect((await lookup("1234")).status).toBe(422);
    expect((await lookup(generateCardNumber())).status).toBe(404);
    expect((await lookup(frozen.card_number)).status).toBe(404);
  });
});

describe("cards: security", () => {
  it("answers 404 for another user's card on every id route, and 422 for a malformed id", async () => {
    const owner = await newUser();
    const card = await openCard(owner);
    const intruder = await newUser();
    const token = intruder.accessToken;
    expect((await call(`/api/card/${card.id}`, { headers: bearer(token) })).status).toBe(404);
    expect((await patch(`/api/card/${card.id}/unfreeze`, token)).status).toBe(404);
    expect((await patch(`/api/card/${card.id}/freeze`, token)).status).toBe(404);
    const view = (await (
      await call(`/api/card/${card.id}`, { headers: bearer(owner.accessToken) })
    ).json()) as TestCard;
    expect(view.status).toBe("frozen");
    expect((await call("/api/card/not-a-uuid", { headers: bearer(token) })).status).toBe(422);
  });

  it("requires a token", async () => {
    expect((await call("/api/card")).status).toBe(401);
    expect((await call("/api/card", { method: "POST" })).status).toBe(401);
  });

  it("rate limits lookups to 20 per minute per user", async () => {
    const user = await newUser();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await call(`/api/card/lookup?number=${generateCardNumber()}`, {
        headers: bearer(user.accessToken),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
