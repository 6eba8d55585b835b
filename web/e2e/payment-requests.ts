// Payment requests as the e2e scenario drives them (called from run.ts): one
// user asks for a fixed amount and gets a link and a QR code; another opens the
// link logged out, logs in, comes back to it, confirms and pays; the requester
// sees it paid, with the payer's masked name; the link then says it is paid.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { apiFetch } from "./api.ts";
import { openFromMore } from "./states.ts";

export interface Person {
  name: string;
  phone: string;
  password: string;
}

const randomPhone = () => `+99897${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

async function tokenOf(apiUrl: string, person: { phone: string; password: string }) {
  const pair = await apiFetch<{ access_token: string }>(apiUrl, "/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ phone_number: person.phone, password: person.password }),
  });
  return pair.access_token;
}

/** A user registered through the API with one active card, cashed in by the admin if asked. */
async function personWithCard(
  apiUrl: string,
  name: string,
  admin: { phone: string; password: string },
  cashIn?: string,
): Promise<Person & { card: string; cardId: string; token: string }> {
  const person = { name, phone: randomPhone(), password: `${name.split(" ")[0]}-pass-1` };
  await apiFetch(apiUrl, "/api/auth/register", {
    method: "POST",
    body: JSON.stringify({
      full_name: person.name,
      phone_number: person.phone,
      password: person.password,
    }),
  });
  const token = await tokenOf(apiUrl, person);
  const auth = { Authorization: `Bearer ${token}` };
  const card = await apiFetch<{ id: string; card_number: string }>(apiUrl, "/api/card", {
    method: "POST",
    headers: auth,
  });
  await apiFetch(apiUrl, `/api/card/${card.id}/unfreeze`, { method: "PATCH", headers: auth });
  if (cashIn) {
    await apiFetch(apiUrl, "/api/admin/deposit", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${await tokenOf(apiUrl, admin)}`,
        "Idempotency-Key": crypto.randomUUID(),
      },
      body: JSON.stringify({ to_card_number: card.card_number, amount: cashIn }),
    });
  }
  return { ...person, card: card.card_number, cardId: card.id, token };
}

/**
 * The two people of these steps: a requester and a payer with 100 000 so'm; and
 * an open-amount request of the requester's that stays open (for the
 * accessibility pass of the pay page).
 */
export async function setUp(apiUrl: string, admin: { phone: string; password: string }) {
  const requester = await personWithCard(apiUrl, "Zarina Qodirova", admin);
  const payer = await personWithCard(apiUrl, "Sardor Tursunov", admin, "100000");
  const open = await apiFetch<{ id: string }>(apiUrl, "/api/payment-requests", {
    method: "POST",
    headers: { Authorization: `Bearer ${requester.token}` },
    body: JSON.stringify({ to_card_id: requester.cardId, description: "Choy puli" }),
  });
  return { requester, payer, openRequestId: open.id };
}

async function logIn(page: Page, person: { phone: string; password: string }) {
  await page.getByLabel("Telefon raqam").fill(person.phone);
  await page.getByLabel("Parol", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Kirish", exact: true }).click();
}

/**
 * From the phone's "More" sheet to the requests screen, a request for 25 000
 * so'm, and its page: the link on the web app's /pay/{id} and its QR code (an
 * SVG drawn in the browser). Returns the link.
 */
export async function createFixedRequest(page: Page, requester: Person): Promise<string> {
  await page.goto("/login");
  await logIn(page, requester);
  await page.waitForURL(/\/dashboard$/);
  await openFromMore(page, "So'rovlar");
  await page.waitForURL(/\/requests$/);
  // The open-amount request made in setUp is listed.
  await page.getByTestId("request-row").getByText("Choy puli").waitFor();
  await page.getByLabel("Summa").fill("25000");
  await page.getByLabel("Izoh").fill("Kitob uchun");
  await page.getByRole("button", { name: "Havola yaratish" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  const link = await page.getByTestId("request-link").inputValue();
  assert.equal(new URL(link).pathname, `/pay/${id}`, "the link opens /pay/{id} of the web app");
  const qr = page.getByRole("img", { name: "To'lov havolasining QR kodi" });
  await qr.waitFor();
  assert.equal(await qr.evaluate((node) => node.tagName.toLowerCase()), "svg");
  assert.ok(
    ((await qr.locator("path").getAttribute("d")) ?? "").length > 200,
    "the QR code has its modules",
  );
  // The same code downloads as an SVG file, to print or post.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "QR kodni yuklab olish" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `chontak-request-${id.slice(0, 8)}.svg`);
  const svg = await readFile(await download.path(), "utf8");
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<path d="M/s);
  await page.getByTestId("request-status").getByText("Ochiq").waitFor();
  await page.getByText("Hali hech kim to'lamagan").waitFor();
  return link;
}

/**
 * A guest opens the link: the login page, then back on /pay/{id}; the masked
 * requester and the amount; nothing is sent before the confirm, which names the
 * receiver, amount, commission and total; one payment; the receipt.
 */
export async function payAsGuest(
  page: Page,
  link: string,
  payer: Person,
  requester: Person & { card: string },
) {
  const path = new URL(link).pathname;
  await page.goto(path);
  await page.waitForURL(/\/login\?next=/);
  await logIn(page, payer);
  await page.waitForURL((url) => url.pathname === path);
  const maskedRequester = `${requester.name.split(" ")[0]} ${requester.name.split(" ")[1]?.[0]}.`;
  assert.equal(await page.getByTestId("pay-requester").textContent(), maskedRequester);
  await page.getByText("25 000,00 so'm").first().waitFor();
  assert.equal(await page.getByText(requester.card.slice(-4)).count(), 0, "no card of theirs");

  let pays = 0;
  const watch = (request: { method(): string; url(): string }) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/pay")) pays += 1;
  };
  page.on("request", watch);
  await page.getByRole("button", { name: "Davom etish" }).click();
  await page.getByRole("heading", { name: "To'lovni tasdiqlang" }).waitFor();
  assert.equal(await page.getByTestId("confirm-owner").textContent(), maskedRequester);
  await page.getByText("250,00 so'm", { exact: true }).waitFor(); // 1 % commission
  await page.getByText("25 250,00 so'm", { exact: true }).waitFor();
  assert.equal(pays, 0, "nothing is sent before the confirm");
  await page.getByRole("button", { name: "To'lash" }).click();
  await page.getByRole("heading", { name: "To'lov amalga oshirildi" }).waitFor();
  page.off("request", watch);
  assert.equal(pays, 1, "one payment");
  const receipt = page.getByRole("article", { name: "Chek" });
  await receipt.getByText(maskedRequester).waitFor();
  await receipt.getByText("Kitob uchun").waitFor();
  assert.equal(
    await page.getByRole("link", { name: "To'lovni takrorlash" }).count(),
    0,
    "a request's payment is not repeated",
  );
}

/** The requester sees it paid, by the payer's masked name; the link now says it is paid. */
export async function requesterSeesItPaid(requester: Page, payer: Page, link: string, who: Person) {
  await requester.reload();
  await requester.getByTestId("request-status").getByText("To'langan").waitFor();
  const maskedPayer = `${who.name.split(" ")[0]} ${who.name.split(" ")[1]?.[0]}.`;
  await requester.getByTestId("request-payments").getByText(maskedPayer).waitFor();
  await requester.getByTestId("request-payments").getByText("25 000,00 so'm").waitFor();
  await requester.goto("/requests");
  await requester.getByLabel("Holati").selectOption("paid");
  await requester.getByTestId("request-row").first().getByText("To'langan").waitFor();

  await payer.goto(new URL(link).pathname);
  await payer.getByTestId("pay-closed").getByText("Bu so'rov allaqachon to'langan.").waitFor();
  assert.equal(await payer.getByRole("button", { name: "Davom etish" }).count(), 0);
}
