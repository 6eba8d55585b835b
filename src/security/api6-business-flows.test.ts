import { describe, expect, it } from "vitest";
import { openActiveCard, openCard } from "../../test/worker/cards";
import { fund } from "../../test/worker/db";
import { call } from "../../test/worker/http";
import { sendMoney } from "../../test/worker/transfers";
import { bearer, newUser, uniquePhone } from "../../test/worker/users";
import { generateCardNumber } from "../lib/card-number";
import type { Problem } from "../lib/problem";
import { marker, mask, ownedState, PROBLEM_MEMBERS, problemOf, saveCard } from "./helpers";

describe("API6:2023 unrestricted access to sensitive business flows", () => {
  it("card lookup answers masked, treats inactive cards as unknown, and stops enumeration at 20/min", async () => {
    const surname = marker();
    const owner = await newUser(`Sevara ${surname}`);
    const card = await openActiveCard(owner);
    const frozen = await openCard(await newUser());
    const prober = await newUser();
    const lookup = (number: string, who = prober) =>
      call(`/api/card/lookup?number=${number}`, { headers: bearer(who.accessToken) });

    const found = await lookup(card.card_number);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({
      card_number: mask(card.card_number),
      owner_name: `Sevara ${surname[0]}.`,
    });

    const unknown = await lookup(generateCardNumber());
    const inactive = await lookup(frozen.card_number);
    expect([unknown.status, inactive.status]).toEqual([404, 404]);
    const strip = (problem: Problem) => ({ ...problem, request_id: undefined });
    expect(strip(await problemOf(inactive))).toEqual(strip(await problemOf(unknown)));

    for (let i = 3; i < 20; i++) expect((await lookup(generateCardNumber())).status).toBe(404);
    const limited = await lookup(card.card_number);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const text = JSON.stringify({ ...(await problemOf(limited)), request_id: undefined });
    expect(text).not.toContain(card.card_number.slice(-4));
    expect(text).not.toContain(surname);
    // The limit is per caller: another user is not affected.
    expect((await lookup(card.card_number, await newUser())).status).toBe(200);
  });

  it("phone lookups spend the card lookup's budget: 20/min for both kinds together", async () => {
    const owner = await newUser(`Sevara ${marker()}`);
    await openActiveCard(owner);
    const prober = await newUser();
    const get = (query: string) =>
      call(`/api/card/lookup?${query}`, { headers: bearer(prober.accessToken) });
    for (let i = 0; i < 10; i++) {
      expect((await get(`number=${generateCardNumber()}`)).status).toBe(404);
    }
    for (let i = 0; i < 9; i++) {
      expect((await get(`phone=${encodeURIComponent(uniquePhone())}`)).status).toBe(404);
    }
    expect((await get(`phone=${encodeURIComponent(owner.phone)}`)).status).toBe(200);
    const limited = await get(`phone=${encodeURIComponent(owner.phone)}`);
    expect(limited.status).toBe(429);
    expect(await limited.text()).not.toContain("Sevara");
    expect((await get(`number=${generateCardNumber()}`)).status).toBe(429);
  });

  it("a payment by phone spends the lookup budget too: phones cannot be probed around it", async () => {
    const receiver = await newUser();
    const to = await openActiveCard(receiver);
    const prober = await newUser();
    const from = await openActiveCard(prober);
    await fund(from.card_number, 100_000_00n);
    const before = await ownedState([receiver]);
    for (let i = 0; i < 10; i++) {
      const probe = await sendMoney(prober, {
        from_card_id: from.id,
        to_phone_number: uniquePhone(),
        amount: "2000",
      });
      expect(probe.status).toBe(404);
    }
    for (let i = 0; i < 10; i++) {
      const lookup = await call(`/api/card/lookup?phone=${encodeURIComponent(uniquePhone())}`, {
        headers: bearer(prober.accessToken),
      });
      expect(lookup.status).toBe(404);
    }
    const limited = await sendMoney(prober, {
      from_card_id: from.id,
      to_phone_number: receiver.phone,
      amount: "2000",
    });
    expect(limited.status).toBe(429);
    expect(await ownedState([receiver])).toEqual(before); // nothing reached the receiver
    // A payment to a card number spends only the transfer budget.
    const byCard = await sendMoney(prober, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount: "2000",
    });
    expect(byCard.status).toBe(201);
  });

  it("a transfer to an unknown number reveals only the documented 404, and probing is rate limited", async () => {
    const sender = await newUser();
    const from = await openActiveCard(sender);
    await fund(from.card_number, 100_000_00n);
    const before = await ownedState([sender]);
    for (let attempt = 1; attempt <= 30; attempt++) {
      const number = generateCardNumber();
      const response = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: number,
        amount: "2000",
      });
      expect(response.status, `attempt ${attempt}`).toBe(404);
      const problem = await problemOf(response);
      expect(problem.code).toBe("RECEIVER_CARD_NOT_FOUND");
      expect(Object.keys(problem).filter((key) => !PROBLEM_MEMBERS.includes(key))).toEqual([]);
      expect(JSON.stringify(problem)).not.toContain(number.slice(4));
    }
    const limited = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: generateCardNumber(),
      amount: "2000",
    });
    expect(limited.status).toBe(429);
    expect(await ownedState([sender])).toEqual(before); // nothing recorded, nothing moved
  });

  it("saving cards shares the lookup limit, so it cannot enumerate numbers around it", async () => {
    const owner = await newUser();
    const card = await openActiveCard(owner);
    const prober = await newUser();
    const save = (number: string) =>
      saveCard(prober, { card_number: number, card_holder_name: "Probe", alias: "probe" });
    const lookup = await call(`/api/card/lookup?number=${card.card_number}`, {
      headers: bearer(prober.accessToken),
    });
    expect(lookup.status).toBe(200);
    for (let i = 1; i < 20; i++) expect((await save(generateCardNumber())).status).toBe(201);
    const limited = await save(card.card_number);
    expect(limited.status).toBe(429);
    const { total } = (await (
      await call("/api/saved-cards?limit=100", { headers: bearer(prober.accessToken) })
    ).json()) as { total: number };
    expect(total).toBe(19); // the refused save stored nothing
  });

  it("saved-card search cannot be used to probe a Cho'ntak card owner's full name", async () => {
    const surname = marker();
    const owner = await newUser(`Bobur ${surname}`);
    const card = await openActiveCard(owner);
    const user = await newUser();
    const saved = await saveCard(user, {
      card_number: card.card_number,
      card_holder_name: `Bobur ${surname}`,
      alias: "Bobur",
    });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { card_holder_name: string }).card_holder_name).toBe(
      `Bobur ${surname[0]}.`,
    );
    const search = async (query: string) => {
      const response = await call(`/api/saved-cards?${query}`, {
        headers: bearer(user.accessToken),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(surname);
      return (JSON.parse(text) as { total: number }).total;
    };
    expect(await search(`search_owner=${surname}`)).toBe(0);
    expect(await search(`search_owner=${surname.slice(0, 3)}`)).toBe(0);
    expect(await search("search_owner=Bobur")).toBe(1);
  });
});
