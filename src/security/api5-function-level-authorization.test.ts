import { describe, expect, it } from "vitest";
import { newAdmin } from "../../test/worker/admin";
import { openActiveCard, openCard } from "../../test/worker/cards";
import { setRole } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { bearer, newUser, type TestUser } from "../../test/worker/users";
import {
  documentedOperations,
  ownedState,
  problemOf,
  routeKey,
  servedRoutes,
  splitRoute,
  withRandomIds,
} from "./helpers";

describe("API5:2023 broken function level authorization", () => {
  it("refuses every admin operation to anonymous (401), user and premium (403), and opens it to admins", async () => {
    const documented = (await documentedOperations()).map(routeKey);
    const adminRoutes = [...new Set([...documented, ...servedRoutes()])]
      .filter((route) => splitRoute(route).path.startsWith("/api/admin"))
      .sort();
    expect(adminRoutes.length).toBeGreaterThanOrEqual(16);
    // Every served admin route is documented, so none hides from this list.
    expect(adminRoutes.filter((route) => !documented.includes(route))).toEqual([]);

    const user = await newUser();
    const premium = await newUser();
    await setRole(premium.id, "premium");
    const admin = await newAdmin();
    for (const route of adminRoutes) {
      const { method, path } = splitRoute(route);
      const url = withRandomIds(path);
      const send = (caller: TestUser | null) =>
        call(url, {
          method,
          headers: {
            "Content-Type": "application/json",
            ...(caller ? bearer(caller.accessToken) : {}),
          },
          body: method === "GET" ? undefined : "{}",
        });
      expect((await send(null)).status, `${route} anonymous`).toBe(401);
      for (const caller of [user, premium]) {
        const refused = await send(caller);
        expect(refused.status, route).toBe(403);
        expect((await problemOf(refused)).code).toBe("FORBIDDEN");
      }
      // Random ids and empty bodies: an admin gets 200/4xx, but never the role gate's answers.
      const opened = (await send(admin)).status;
      expect([401, 403], `${route} for an admin`).not.toContain(opened);
      expect(opened, route).toBeLessThan(500);
    }
  });

  it("a user cannot promote themselves, activate their card or fund it through admin routes", async () => {
    const user = await newUser();
    const card = await openCard(user); // frozen
    await setRole(user.id, "premium");
    const before = await ownedState([user]);
    const headers = bearer(user.accessToken);
    const attempts = [
      await call(`/api/admin/user-role/${user.id}?action=premium`, { method: "PATCH", headers }),
      await call(`/api/admin/status-card/${card.id}?status=active`, { method: "PATCH", headers }),
      await callJson(
        "/api/admin/deposit",
        "POST",
        { to_card_number: card.card_number, amount: "1000000" },
        { ...headers, "Idempotency-Key": crypto.randomUUID() },
      ),
    ];
    for (const response of attempts) expect(response.status).toBe(403);
    expect(await ownedState([user])).toEqual(before);
  });

  it("a user cannot approve or reject a pending cash-in to their own card; it stays pending", async () => {
    const user = await newUser();
    const card = await openActiveCard(user);
    const creator = await newAdmin();
    const created = await callJson(
      "/api/admin/deposit",
      "POST",
      { to_card_number: card.card_number, amount: "20000000" },
      { ...bearer(creator.accessToken), "Idempotency-Key": crypto.randomUUID() },
    );
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const before = await ownedState([user]);
    const headers = bearer(user.accessToken);
    const attempts = [
      await call(`/api/admin/deposits/${id}/approve`, { method: "POST", headers }),
      await callJson(`/api/admin/deposits/${id}/reject`, "POST", { reason: "x" }, headers),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(403);
      expect((await problemOf(response)).code).toBe("FORBIDDEN");
    }
    expect(await ownedState([user])).toEqual(before);
    const view = await call(`/api/admin/deposits/${id}`, { headers: bearer(creator.accessToken) });
    expect(((await view.json()) as { status: string }).status).toBe("pending");
  });
});
