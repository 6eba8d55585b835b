import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { Transaction } from "./api/client";
import { en } from "./i18n/locales/en";
import { receiptFileName, receiptText } from "./receipt";

const transfer: Transaction = {
  id: "0b9f6a52-5f3c-4b7e-8d8e-2f5b1c3a9d11",
  type: "transfer",
  status: "success",
  from_card: { card_number: "7777123456789050", owner_name: "Alisher Valiyev" },
  to_card: { card_number: "7777 **** **** 8950", owner_name: "Bobur K." },
  to_phone: null,
  amount: "25000.00",
  commission: "250.00",
  description: "Tushlik uchun",
  failure_reason: null,
  // 21:30 UTC is already the next day in Tashkent (UTC+5).
  created_at: "2026-11-24T21:30:00.000Z",
  completed_at: "2026-11-24T21:30:00.000Z",
};

describe("receipt file name", () => {
  it("names the Tashkent day and the id's first eight characters", () => {
    expect(receiptFileName(transfer)).toBe("chontak-receipt-2026-11-25-0b9f6a52.png");
  });
});

describe("receipt text", () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: "en", resources: { en: { translation: en } }, initAsync: false });

  it("has the amounts and both cards masked, the way the sender sees them", () => {
    const text = receiptText(transfer, "out", i18n.t, "en");
    expect(text).toContain("25 000,00");
    expect(text).toContain("25 250,00");
    expect(text).toContain("7777 •••• •••• 8950 Bobur K.");
    expect(text).toContain("7777 •••• •••• 9050 Alisher Valiyev");
    expect(text).not.toContain("7777123456789050");
    expect(text).toContain("Tushlik uchun");
    expect(text).toContain(transfer.id);
  });

  it("names the phone a payment by phone was sent to, masked", () => {
    const text = receiptText({ ...transfer, to_phone: "+998 90 *** ** 11" }, "out", i18n.t, "en");
    expect(text).toContain("Phone number: +998 90 ••• •• 11");
    expect(receiptText(transfer, "out", i18n.t, "en")).not.toContain("Phone number");
  });

  it("shows the receiver no total debited", () => {
    const text = receiptText(transfer, "in", i18n.t, "en");
    expect(text).not.toContain("25 250,00");
  });
});
