// Signed receipts in the browser: the receipt screen downloads the PDF and opens the
// public check; anyone (no login) sees a genuine receipt's facts, and a receipt whose
// amount was changed is called not genuine.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { apiFetch } from "./api.ts";

const randomPhone = () => `+99895${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

const login = (apiUrl: string, phone: string, password: string) =>
  apiFetch<{ access_token: string }>(apiUrl, "/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ phone_number: phone, password }),
  }).then((pair) => ({ Authorization: `Bearer ${pair.access_token}` }));

export interface ReceiptWorld {
  phone: string;
  password: string;
  transactionId: string;
}

/** A user with an active card the admin cashed 150 000 so'm into (the receipt checked). */
export async function setUp(
  apiUrl: string,
  admin: { phone: string; password: string },
): Promise<ReceiptWorld> {
  const phone = randomPhone();
  const password = "nodira-pass-1";
  await apiFetch(apiUrl, "/api/auth/register", {
    method: "POST",
    body: JSON.stringify({ full_name: "Nodira Karimova", phone_number: phone, password }),
  });
  const auth = await login(apiUrl, phone, password);
  const card = await apiFetch<{ id: string; card_number: string }>(apiUrl, "/api/card", {
    method: "POST",
    headers: auth,
  });
  await apiFetch(apiUrl, `/api/card/${card.id}/unfreeze`, { method: "PATCH", headers: auth });
  const deposit = await apiFetch<{ id: string }>(apiUrl, "/api/admin/deposit", {
    method: "POST",
    headers: {
      ...(await login(apiUrl, admin.phone, admin.password)),
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: JSON.stringify({ to_card_number: card.card_number, amount: "150000" }),
  });
  return { phone, password, transactionId: deposit.id };
}

/**
 * On the receipt screen: "PDF shaklida saqlash" saves a PDF, "Haqiqiyligini
 * tekshirish" opens /r/<token>, which says genuine and shows the signed facts.
 * Returns the token.
 */
export async function openReceiptAndVerify(page: Page, world: ReceiptWorld): Promise<string> {
  await page.goto("/login");
  await page.getByLabel("Telefon raqam").fill(world.phone);
  await page.getByLabel("Parol", { exact: true }).fill(world.password);
  await page.getByRole("button", { name: "Kirish", exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`/history/${world.transactionId}`);
  await page.getByRole("article", { name: "Chek" }).getByText(world.transactionId).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "PDF shaklida saqlash" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `chontak-receipt-${world.transactionId}.pdf`);
  const pdf = await readFile(await download.path());
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "a PDF file");

  await page.getByRole("link", { name: "Haqiqiyligini tekshirish" }).click();
  await page.waitForURL(/\/r\/[\w-]+\.[\w-]+\.[\w-]+$/);
  await genuine(page, world.transactionId);
  return decodeURIComponent(new URL(page.url()).pathname.slice("/r/".length));
}

async function genuine(page: Page, transactionId: string) {
  const verdict = page.getByTestId("receipt-verdict");
  await verdict.waitFor();
  assert.equal(await verdict.textContent(), "Haqiqiy kvitansiya");
  await page.getByText("150 000,00 so'm", { exact: true }).waitFor();
  await page.getByText(transactionId).waitFor();
}

/** Signed out: the same link is genuine; with its amount changed it is not. */
export async function tamperedIsNotGenuine(guest: Page, token: string, transactionId: string) {
  await guest.goto(`/r/${token}`);
  await genuine(guest, transactionId);

  const [header, payload, signature] = token.split(".") as [string, string, string];
  const facts = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  const richer = Buffer.from(JSON.stringify({ ...facts, amount: "1500000.00" })).toString(
    "base64url",
  );
  await guest.goto(`/r/${header}.${richer}.${signature}`);
  const verdict = guest.getByTestId("receipt-verdict");
  await verdict.waitFor();
  assert.equal(await verdict.textContent(), "Haqiqiy emas");
  await guest.getByText("Imzo mos kelmaydi: kvitansiya o'zgartirilgan yoki soxta.").waitFor();
  assert.equal(await guest.getByText("1 500 000,00 so'm").count(), 0, "no unverified facts shown");
}
