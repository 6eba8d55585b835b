// Four-eyes cash-in as the e2e scenario drives it (called from run.ts): admin A
// cashes in more than the approval threshold; the form says a second admin is
// needed and answers with the pending cash-in, no receipt, and no money moves.
// A cannot approve it; admin B approves it from the queue after a confirm that
// names the amount, the masked card, its owner and who created it; then the
// receiver's balance holds the money, once.
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { seedAdmin } from "../../dev/seed.ts";
import { apiFetch } from "./api.ts";

const AMOUNT = "25000000";
const AMOUNT_TEXT = "25 000 000,00 so'm";
const plain = (text: string | null) => (text ?? "").replace(/\u00a0/g, " ");
const masked = (number: string) => `${number.slice(0, 4)} •••• •••• ${number.slice(-4)}`;
const randomPhone = () => `+99895${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

export interface Login {
  phone: string;
  password: string;
}

export interface FourEyesWorld {
  secondAdmin: Login & { name: string };
  receiver: Login & { name: string; card: string; token: string };
}

/** A second admin (seeded, as the first) and a receiver with one active, empty card. */
export async function setUp(apiUrl: string, databaseUrl: string): Promise<FourEyesWorld> {
  const secondAdmin = {
    name: "Bobur Karimov",
    phone: randomPhone(),
    password: "second-admin-password",
  };
  await seedAdmin(databaseUrl, { ...secondAdmin, fullName: secondAdmin.name }, 4);
  const receiver = { name: "Malika Yusupova", phone: randomPhone(), password: "malika-pass-1" };
  await apiFetch(apiUrl, "/api/auth/register", {
    method: "POST",
    body: JSON.stringify({
      full_name: receiver.name,
      phone_number: receiver.phone,
      password: receiver.password,
    }),
  });
  const { access_token: token } = await apiFetch<{ access_token: string }>(
    apiUrl,
    "/api/auth/login",
    {
      method: "POST",
      body: JSON.stringify({ phone_number: receiver.phone, password: receiver.password }),
    },
  );
  const auth = { Authorization: `Bearer ${token}` };
  const card = await apiFetch<{ id: string; card_number: string }>(apiUrl, "/api/card", {
    method: "POST",
    headers: auth,
  });
  await apiFetch(apiUrl, `/api/card/${card.id}/unfreeze`, { method: "PATCH", headers: auth });
  return { secondAdmin, receiver: { ...receiver, card: card.card_number, token } };
}

/** The receiver's card balance as the API reports it to its owner. */
export async function receiverBalance(apiUrl: string, world: FourEyesWorld): Promise<string> {
  const cards = await apiFetch<{ card_number: string; balance: string }[]>(apiUrl, "/api/card", {
    headers: { Authorization: `Bearer ${world.receiver.token}` },
  });
  const card = cards.find((item) => item.card_number === world.receiver.card);
  assert.ok(card, "the receiver's card is listed");
  return card.balance;
}

/** No serious or critical axe finding (WCAG 2.2 AA) on what the page shows now. */
async function accessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
    );
  assert.deepEqual(serious, [], `axe on ${what}`);
}

export async function logIn(page: Page, who: Login) {
  await page.goto("/login");
  await page.getByLabel("Telefon raqam").fill(who.phone);
  await page.getByLabel("Parol", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Kirish", exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
}

/**
 * Admin A: the form says the amount needs a second admin, the confirm says
 * nothing moves now, and the answer is the pending cash-in instead of a receipt.
 * In the queue A sees it as their own, with no approve button.
 */
export async function createLargeCashIn(admin: Page, world: FourEyesWorld) {
  await admin.goto("/admin");
  await admin.getByLabel("Karta raqami").fill(world.receiver.card);
  await admin.getByTestId("deposit-lookup").getByText("Malika Y.").waitFor();
  await admin.getByLabel("Summa").fill(AMOUNT);
  await admin
    .getByText(
      "10 000 000,00 so'm dan ortiq: bu to'ldirishni ikkinchi administrator tasdiqlashi kerak",
    )
    .waitFor();
  await admin.getByRole("button", { name: "Davom etish" }).click();
  const dialog = admin.getByRole("dialog", { name: "To'ldirish tasdiqqa yuborilsinmi?" });
  await dialog.waitFor();
  await dialog.getByText(AMOUNT_TEXT).waitFor();
  await dialog.getByTestId("deposit-needs-approval").waitFor();
  await dialog.getByRole("button", { name: "Tasdiqqa yuborish" }).click();
  const pending = admin.getByTestId("cash-in-pending");
  await pending.getByRole("heading", { name: "Ikkinchi administratorni kutmoqda" }).waitFor();
  await pending.getByText(AMOUNT_TEXT).waitFor();
  assert.equal(await admin.getByRole("article", { name: "Chek" }).count(), 0, "no receipt");

  await admin.getByRole("tab", { name: "Tasdiq kutayotganlar" }).click();
  const row = admin.getByTestId("pending-cash-in").filter({ hasText: "Malika Yusupova" });
  await row.getByText("Buni siz yaratgansiz: boshqa administrator tasdiqlaydi").waitFor();
  assert.equal(
    await row.getByRole("button", { name: "Tasdiqlash" }).count(),
    0,
    "no approve button on one's own cash-in",
  );
  await accessible(admin, "the pending cash-ins queue");
}

/**
 * Admin B approves from the queue: the confirm names the amount, the masked
 * card, its owner and the creator; cancel sends nothing; confirm sends one.
 */
export async function approveAsSecondAdmin(admin: Page, world: FourEyesWorld, creator: string) {
  let approvals = 0;
  const watch = (request: { method(): string; url(): string }) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/approve")) {
      approvals += 1;
    }
  };
  admin.on("request", watch);
  await admin.goto("/admin?tab=cashIns");
  const row = admin.getByTestId("pending-cash-in").filter({ hasText: "Malika Yusupova" });
  await row.getByText(AMOUNT_TEXT).waitFor();
  await row.getByRole("button", { name: "Tasdiqlash" }).click();
  const dialog = admin.getByRole("dialog", { name: "To'ldirish tasdiqlansinmi?" });
  const text = plain(await dialog.getByTestId("cash-in-approve-confirm").textContent());
  for (const part of [AMOUNT_TEXT, masked(world.receiver.card), "Malika Yusupova", creator]) {
    assert.ok(text.includes(part), `the confirm names ${part}: ${text}`);
  }
  await accessible(admin, "the approve confirm");
  await dialog.getByRole("button", { name: "Bekor qilish" }).click();
  await dialog.waitFor({ state: "hidden" });
  assert.equal(approvals, 0, "cancel sends nothing");

  await row.getByRole("button", { name: "Tasdiqlash" }).click();
  await dialog.getByRole("button", { name: "Tasdiqlash" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.waitFor({ state: "detached" });
  admin.off("request", watch);
  assert.equal(approvals, 1, "one approval");
}
