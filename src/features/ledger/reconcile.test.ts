import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../../test/worker/cards";
import { fund, withDb, withTransactionalDb } from "../../../test/worker/db";
import { sendMoney } from "../../../test/worker/transfers";
import { newUser } from "../../../test/worker/users";
import type { Database } from "../../db/client";
import { auditAllCards, auditCard, type CardAudit, type LedgerAudit } from "./reconcile.service";

describe("reconciliation", () => {
  it("finds every card, the platform card included, equal to its entries on a healthy ledger", async () => {
    const sender = await newUser();
    const from = await openActiveCard(sender);
    const to = await openActiveCard(await newUser());
    await fund(from.card_number, 50_000_00n);
    expect(
      (
        await sendMoney(sender, {
          from_card_id: from.id,
          to_card_number: to.card_number,
          amount: 10_000,
        })
      ).status,
    ).toBe(201);

    const audit = await withDb((db) => auditAllCards(db, { page: 1, limit: 50 }));
    expect(audit.ledgerSum).toBe(0n);
    expect(audit.invalidSystemAccounts).toBe(0);
    expect(audit.mismatches).toEqual([]);
    expect(audit.validCards).toBe(audit.totalCards);
    const platform = await withDb((db) => auditCard(db, "00000000-0000-0000-0000-000000000001"));
    expect(platform.stored).toBe(platform.calculated);
    expect(platform.stored).toBeGreaterThan(0n);
  });

  it("detects a balance changed behind the ledger's back", async () => {
    const user = await newUser();
    const card = await openActiveCard(user);
    await fund(card.card_number, 10_000_00n);
    // Tamper inside a transaction that is rolled back, so no other test ever sees it.
    let one: CardAudit | undefined;
    let all: LedgerAudit | undefined;
    await withTransactionalDb((db) =>
      db
        .transaction(async (tx) => {
          await tx.execute(sql`update cards set balance = balance + 1 where id = ${card.id}`);
          const inside = tx as unknown as Database;
          one = await auditCard(inside, card.id);
          all = await auditAllCards(inside, {
            cardNumberLike: card.card_number.slice(4),
            page: 1,
            limit: 10,
          });
          tx.rollback();
        })
        .catch((error: Error) => {
          if (error.message !== "Rollback") throw error;
        }),
    );
    expect(one?.calculated).toBe(10_000_00n);
    expect(one?.stored).toBe(10_000_01n);
    expect(all?.totalCards).toBe(1);
    expect(all?.mismatches.map((m) => m.cardNumber)).toEqual([card.card_number]);
    const after = await withDb((db) => auditCard(db, card.id));
    expect(after.stored).toBe(after.calculated);
  });
});
