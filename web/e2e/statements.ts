// Statements: a customer with one card downloads this month's statement from the
// card page, as CSV and as PDF; the files arrive, and the CSV's money in and out
// are the figures the dashboard's month chart showed.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { api } from "./api.ts";

export interface StatementWorld {
  phone: string;
  password: string;
  cardId: string;
}

const randomPhone = () => `+99893${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

async function person(apiUrl: string, fullName: string, phone: string, password: string) {
  await api(apiUrl, "POST", "/api/auth/register", {
    body: { full_name: fullName, phone_number: phone, password },
  });
  const tokens = await api(apiUrl, "POST", "/api/auth/login", {
    body: { phone_number: phone, password },
  });
  const token = tokens.access_token as string;
  const card = await api(apiUrl, "POST", "/api/card", { token });
  await api(apiUrl, "PATCH", `/api/card/${card.id}/unfreeze`, { token });
  return { token, cardId: card.id as string, cardNumber: card.card_number as string };
}

/** A customer with one card: cashed in by the bank, one payment out, one in. */
export async function setUp(
  apiUrl: string,
  admin: { phone: string; password: string },
): Promise<StatementWorld> {
  const adminToken = (
    await api(apiUrl, "POST", "/api/auth/login", {
      body: { phone_number: admin.phone, password: admin.password },
    })
  ).access_token as string;
  const phone = randomPhone();
  const password = "nodira-pass-1";
  const customer = await person(apiUrl, "Нодира Исмоилова", phone, password);
  const friend = await person(apiUrl, "Jasur Qodirov", randomPhone(), "jasur-pass-1");
  for (const [to, amount] of [
    [customer.cardNumber, "150000"],
    [friend.cardNumber, "50000"],
  ] as const) {
    await api(apiUrl, "POST", "/api/admin/deposit", {
      token: adminToken,
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body: { to_card_number: to, amount },
    });
  }
  const pay = (token: string, from: string, to: string, amount: string, description: string) =>
    api(apiUrl, "POST", "/api/transactions", {
      token,
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body: { from_card_id: from, to_card_number: to, amount, description },
    });
  await pay(customer.token, customer.cardId, friend.cardNumber, "12345.67", "Ижара; декабрь");
  await pay(friend.token, friend.cardId, customer.cardNumber, "3000", "Qarz qaytarildi");
  return { phone, password, cardId: customer.cardId };
}

const digits = (text: string) => text.replace(/\D/g, "");

/** The dashboard's month totals (income, spending) as digit strings. */
export async function monthTotalsOnScreen(page: Page) {
  await page.goto("/dashboard");
  const totals = page.locator(".month-totals > div");
  await totals.first().waitFor();
  const [income, spending] = await Promise.all([
    totals.nth(0).locator(".money, span:not(.muted)").last().textContent(),
    totals.nth(1).locator(".money, span:not(.muted)").last().textContent(),
  ]);
  return { income: digits(income ?? ""), spending: digits(spending ?? "") };
}

async function download(page: Page, format: "CSV (Excel)" | "PDF") {
  const dialog = page.getByRole("dialog", { name: "Karta ko'chirmasi" });
  if (!(await dialog.isVisible())) {
    await page.getByRole("button", { name: "Ko'chirmani yuklab olish" }).click();
  }
  await dialog.getByRole("radio", { name: "Shu oy" }).check();
  await dialog.getByRole("radio", { name: format }).check();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Yuklab olish", exact: true }).click(),
  ]);
  const filePath = await file.path();
  assert.ok(filePath, "the download was saved");
  return { name: file.suggestedFilename(), bytes: await readFile(filePath) };
}

/** CSV: arrives with a BOM, `;` separated, its totals the dashboard's month figures. */
export async function csvMatchesTheScreen(page: Page, world: StatementWorld) {
  const screen = await monthTotalsOnScreen(page);
  await page.goto(`/cards/${world.cardId}`);
  const { name, bytes } = await download(page, "CSV (Excel)");
  assert.match(name, /^statement-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  const value = (label: string) =>
    lines.find((line) => line.startsWith(`${label};`))?.split(";")[1];
  assert.equal(digits(value("Kirim") ?? ""), screen.income, "money in = the chart's income");
  assert.equal(digits(value("Chiqim") ?? ""), screen.spending, "money out = the chart's spending");
  assert.ok(
    lines.some((line) => line.includes('"Ижара; декабрь"')),
    "Cyrillic, quoted",
  );
  assert.equal(value("Davr boshidagi qoldiq"), "0.00");
}

/** PDF: arrives and is a PDF (kept beside the screenshots for a look). */
export async function pdfArrives(page: Page, outDir: string) {
  const { name, bytes } = await download(page, "PDF");
  await writeFile(path.join(outDir, "statement.pdf"), bytes);
  assert.match(name, /\.pdf$/);
  assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
  assert.ok(bytes.length > 2_000, "a real document");
}
