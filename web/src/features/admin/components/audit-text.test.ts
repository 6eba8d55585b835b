import { describe, expect, it } from "vitest";
import { i18n } from "../../../lib/i18n";
import type { AuditEntry } from "../api/admin";
import { describeAuditEntry } from "./audit-text";
import { maskPhone } from "./people";

const base = {
  id: "1",
  actor: { id: "a0000000-0000-4000-8000-000000000001", full_name: "Cho'ntak Admin" },
  entity_type: "card",
  entity_id: "c0000000-0000-4000-8000-000000000001",
  card: {
    id: "c0000000-0000-4000-8000-000000000001",
    card_number: "7777123456789050",
    owner_name: "Alisher Valiyev",
  },
  person: {
    id: "u0000000-0000-4000-8000-000000000001",
    full_name: "Alisher Valiyev",
    phone_number: "+998901234567",
  },
  amount: null,
  source_card: null,
  before: null,
  after: null,
  created_at: "2026-12-01T10:00:00.000Z",
} satisfies Omit<AuditEntry, "action">;

const say = (language: string, entry: Partial<AuditEntry> & { action: string }) =>
  describeAuditEntry({ ...base, ...entry }, i18n.getFixedT(language));

describe("the audit log in words", () => {
  it("says the acts of a four-eyes cash-in: asked, approved naming its creator, rejected with the reason", () => {
    const cashIn = { entity_type: "cash_in", amount: "25000000.00" };
    expect(say("en", { ...cashIn, action: "cash_in.request" })).toBe(
      "Cho'ntak Admin sent a cash-in of 25 000 000,00 so'm to card •••• 9050 (Alisher V.) for approval",
    );
    expect(
      say("en", {
        ...cashIn,
        action: "cash_in.approve",
        after: { created_by: { id: "x", full_name: "Bobur Karimov" } },
      }),
    ).toBe(
      "Cho'ntak Admin approved the cash-in of 25 000 000,00 so'm to card •••• 9050 (Alisher V.) created by Bobur Karimov",
    );
    expect(
      say("ru", {
        ...cashIn,
        action: "cash_in.reject",
        after: { reject_reason: "Нет документов" },
      }),
    ).toBe(
      "Cho'ntak Admin: отклонено пополнение 25 000 000,00 сум на карту •••• 9050 (Alisher V.), причина: Нет документов",
    );
  });

  it("says a cash-in with its amount, the masked card and the masked owner", () => {
    const entry = { action: "deposit", entity_type: "transaction", amount: "1000.00" };
    expect(say("en", entry)).toBe(
      "Cho'ntak Admin cashed in 1 000,00 so'm to card •••• 9050 (Alisher V.)",
    );
    expect(say("uz", entry)).toBe(
      "Cho'ntak Admin •••• 9050 (Alisher V.) kartasiga 1 000,00 so'm kiritdi",
    );
    expect(say("ru", entry)).toBe(
      "Cho'ntak Admin: зачисление 1 000,00 сум на карту •••• 9050 (Alisher V.)",
    );
  });

  it("says which card status change it was, with the bank's reason for a block", () => {
    const status = (after: Record<string, unknown>) =>
      say("en", { action: "card.status", before: { status: "active" }, after });
    expect(status({ status: "frozen", frozen_by: "bank", freeze_reason: "court_order" })).toBe(
      "Cho'ntak Admin blocked card •••• 9050 (Alisher V.), reason: Court order",
    );
    expect(status({ status: "active" })).toBe(
      "Cho'ntak Admin activated card •••• 9050 (Alisher V.)",
    );
    expect(status({ status: "closed" })).toBe("Cho'ntak Admin closed card •••• 9050 (Alisher V.)");
  });

  it("says a role change from and to, naming the person by masked name and phone", () => {
    const entry = {
      action: "user.role",
      entity_type: "user",
      card: null,
      before: { role: "user" },
      after: { role: "premium" },
    };
    expect(say("en", entry)).toBe(
      "Cho'ntak Admin changed the plan of Alisher V. (+998 90 ••• •• 67) from User to Premium",
    );
  });

  it("masks a phone's middle digits and leaves anything else as it is", () => {
    expect(maskPhone("+998901234567")).toBe("+998 90 ••• •• 67");
    expect(maskPhone("12345")).toBe("12345");
  });
});
