// What each scenario sends. Transfers carry a fresh Idempotency-Key and a random
// 2 000–5 000 so'm amount; senders are drawn at random so row locks rarely collide
// except where a scenario means them to (the platform card, the merchant card).
import { randomUUID } from "node:crypto";
import { formatMoney } from "../src/lib/money.ts";
import type { Call } from "./load.ts";
import { type Account, type Fixtures, PASSWORD } from "./seed.ts";

export const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;

/** "3456.78": so'm with tiyin, as the wire format wants it. */
function amount(): string {
  return formatMoney(BigInt(200_000 + Math.floor(Math.random() * 300_001)));
}

const transfer = (from: Account, to: Account): Call => ({
  method: "POST",
  path: "/api/transactions",
  headers: { authorization: `Bearer ${from.token}`, "idempotency-key": randomUUID() },
  body: JSON.stringify({
    from_card_id: from.cardId,
    to_card_number: to.cardNumber,
    amount: amount(),
  }),
});

export function randomPair(accounts: Account[]): Call {
  const from = pick(accounts);
  let to = pick(accounts);
  while (to === from) to = pick(accounts);
  return transfer(from, to);
}

const history = (account: Account): Call => ({
  method: "GET",
  path: "/api/transactions?limit=8",
  headers: { authorization: `Bearer ${account.token}` },
});

const cardList = (account: Account): Call => ({
  method: "GET",
  path: "/api/card",
  headers: { authorization: `Bearer ${account.token}` },
});

// Every login opens one more session for its user; nothing caps them, so the other
// scenarios' tokens stay valid.
const login = (account: Account): Call => ({
  method: "POST",
  path: "/api/auth/login",
  body: JSON.stringify({ phone_number: account.phone, password: PASSWORD }),
});

export function scenarios(fixtures: Fixtures): [string, () => Call][] {
  return [
    ["uniform", () => randomPair(fixtures.users)],
    ["premium", () => randomPair(fixtures.premium)],
    ["hot-receiver", () => transfer(pick(fixtures.users), fixtures.merchant)],
    ["read-100k", () => history(fixtures.heavy)],
    ["read-10", () => history(fixtures.light)],
    ["card-list", () => cardList(pick(fixtures.users))],
    ["login", () => login(pick(fixtures.users))],
    ["runtime-ceiling", () => ({ method: "GET", path: "/" })],
    // Diagnostic: one Postgres connection + query and one Redis command, nothing else.
    ["health", () => ({ method: "GET", path: "/api/health" })],
  ];
}
