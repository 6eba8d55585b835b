import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../../test/worker/cards";
import {
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  withoutStepUp,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { newUser } from "../../../test/worker/users";

type Terms = {
  roles: Record<
    "user" | "premium" | "admin",
    { commission_bp: number; min_amount: string; max_amount: string; max_cards: number }
  >;
  subscription: { price: string; period_days: number };
};

const terms = async () => (await (await call("/api/terms")).json()) as Terms;

describe("terms: happy path", () => {
  it("serves the rules of money publicly, cacheable, with the ledger's values", async () => {
    const response = await call("/api/terms");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await response.json()).toEqual({
      roles: {
        user: { commission_bp: 100, min_amount: "2000.00", max_amount: "2000000.00", max_cards: 1 },
        premium: {
          commission_bp: 0,
          min_amount: "2000.00",
          max_amount: "4000000.00",
          max_cards: 5,
        },
        admin: {
          commission_bp: 0,
          min_amount: "2000.00",
          max_amount: "100000000.00",
          max_cards: 5,
        },
      },
      subscription: { price: "85000.00", period_days: 31 },
    });
  });

  it("is the one home of a fee: changing the table changes the ledger and the served terms", async () => {
    const sender = await newUser();
    const from = await openActiveCard(sender);
    const to = await openActiveCard(await newUser());
    await fund(from.card_number, 3_000_000_00n);
    await withoutStepUp(sender.id);
    try {
      await query(sql`update role_terms set commission_bp = 250, max_amount = 300000000
                      where role = 'user'`);
      expect((await terms()).roles.user).toMatchObject({
        commission_bp: 250,
        max_amount: "3000000.00",
      });
      const paid = await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: "2500000",
      });
      expect(paid.status).toBe(201);
      expect(((await paid.json()) as { commission: string }).commission).toBe("62500.00");
    } finally {
      await query(sql`update role_terms set commission_bp = 100, max_amount = 200000000
                      where role = 'user'`);
    }
    expect((await terms()).roles.user.commission_bp).toBe(100);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });
});
