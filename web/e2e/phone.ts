// Paying by phone number in the browser: the receiver picks the card payments to
// their phone land on, the payer switches the send form to "Telefon raqami",
// sees the masked name and receiving card, confirms, and the receipt and
// history show the phone masked. Self-contained: its people, cards and money
// are made through the API.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { api } from "./api.ts";

export interface PhoneWorld {
  payer: { phone: string; password: string; card: string };
  receiver: {
    id: string;
    name: string;
    phone: string;
    password: string;
    first: { id: string; number: string };
    second: { id: string; number: string };
  };
}

const randomPhone = () => `+99897${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
const lastTwo = (phone: string) => phone.slice(-2);
/** The phone as the API masks it for others, shown with the app's masking glyph and no-break spaces. */
const maskedPhone = (phone: string) =>
  ["+998", phone.slice(4, 6), "•••", "••", lastTwo(phone)].join("\u00a0");

async function registered(apiUrl: string, fullName: string, phone: string, password: string) {
  const user = await api(apiUrl, "POST", "/api/auth/register", {
    body: { full_name: fullName, phone_number: phone, password },
  });
  const tokens = await api(apiUrl, "POST", "/api/auth/login", {
    body: { phone_number: phone, password },
  });
  return { id: user.id as string, token: tokens.access_token as string };
}

async function activeCard(apiUrl: string, token: string) {
  const card = await api(apiUrl, "POST", "/api/card", { token });
  await api(apiUrl, "PATCH", `/api/card/${card.id}/unfreeze`, { token });
  return { id: card.id as string, number: card.card_number as string };
}

/**
 * A payer with a funded card and a receiver (premium, so two active cards),
 * made through the API; the admin cashes in.
 */
export async function makePhoneWorld(
  apiUrl: string,
  admin: { phone: string; password: string },
): Promise<PhoneWorld> {
  const adminToken = (
    await api(apiUrl, "POST", "/api/auth/login", {
      body: { phone_number: admin.phone, password: admin.password },
    })
  ).access_token as string;
  const payerPhone = randomPhone();
  const payer = await registered(apiUrl, "Sardor Aliyev", payerPhone, "sardor-pass-1");
  const payerCard = await activeCard(apiUrl, payer.token);
  await api(apiUrl, "POST", "/api/admin/deposit", {
    token: adminToken,
    headers: { "Idempotency-Key": crypto.randomUUID() },
    body: { to_card_number: payerCard.number, amount: "200000" },
  });
  const receiverPhone = randomPhone();
  const receiver = await registered(apiUrl, "Kamola Yusupova", receiverPhone, "kamola-pass-1");
  await api(apiUrl, "PATCH", `/api/admin/user-role/${receiver.id}?action=premium`, {
    token: adminToken,
  });
  const first = await activeCard(apiUrl, receiver.token);
  const second = await activeCard(apiUrl, receiver.token);
  return {
    payer: { phone: payerPhone, password: "sardor-pass-1", card: payerCard.number },
    receiver: {
      id: receiver.id,
      name: "Kamola Yusupova",
      phone: receiverPhone,
      password: "kamola-pass-1",
      first,
      second,
    },
  };
}

/** The receiver makes their second card the receiving one on its card screen. */
export async function chooseReceivingCard(page: Page, world: PhoneWorld) {
  await page.goto(`/cards/${world.receiver.second.id}`);
  await page.getByRole("button", { name: "Qabul qiluvchi karta qilish" }).click();
  await page.getByTestId("receiving-card").getByText("Qabul qiluvchi karta").waitFor();
  // The first card no longer says so.
  await page.goto(`/cards/${world.receiver.first.id}`);
  await page.getByRole("button", { name: "Qabul qiluvchi karta qilish" }).waitFor();
}

/** The receiver turns being found by phone off or on (profile). */
export async function setDiscoverable(page: Page, on: boolean) {
  await page.goto("/profile");
  const toggle = page.getByRole("switch", {
    name: "Boshqalar meni telefon raqamim orqali topib, pul yubora olsin",
  });
  await toggle.waitFor();
  if ((await toggle.isChecked()) !== on) await toggle.click();
  await page.getByText(on ? /^Yoqilgan:/ : /^O'chirilgan:/).waitFor();
  assert.equal(await toggle.isChecked(), on);
}

async function typePhone(page: Page, phone: string) {
  await page.goto("/send");
  await page.getByTestId("receiver-kind-phone").click();
  await page.getByLabel("Qabul qiluvchining telefon raqami").fill(phone);
}

/** A hidden person's phone answers like an unknown one: the form says so and cannot go on. */
export async function hiddenPhoneIsUnavailable(page: Page, world: PhoneWorld) {
  await typePhone(page, world.receiver.phone);
  await page
    .getByTestId("lookup")
    .getByText(/Bu raqam bo'yicha pul yuborib bo'lmaydi/)
    .waitFor();
  assert.ok(await page.getByRole("button", { name: "Davom etish" }).isDisabled());
  assert.equal(await page.getByText("Kamola").count(), 0, "nothing about the person");
}

/**
 * The payer sends by phone: masked name and receiving card before the confirm,
 * the phone named on the confirm, the masked phone on the receipt and in history.
 */
export async function payByPhone(page: Page, world: PhoneWorld, apiUrl: string) {
  const { receiver } = world;
  await typePhone(page, receiver.phone);
  const lookup = page.getByTestId("lookup");
  await lookup.getByText("Kamola Y.").waitFor();
  const card = (await lookup.getByTestId("lookup-card").textContent()) ?? "";
  assert.ok(card.endsWith(receiver.second.number.slice(-4)), `the receiving card, got ${card}`);
  assert.ok(!card.includes(receiver.second.number.slice(4, 12)), "masked");
  await page.getByLabel("Summa").fill("15000");
  await page.getByRole("button", { name: "Davom etish" }).click();
  await page.getByRole("heading", { name: "O'tkazmani tasdiqlang" }).waitFor();
  const named = (await page.getByTestId("confirm-phone").textContent()) ?? "";
  assert.equal(named.replace(/\s/g, ""), receiver.phone, "the confirm names the phone typed");
  assert.equal(await page.getByTestId("confirm-owner").textContent(), "Kamola Y.");
  await page.getByRole("button", { name: "Yuborish" }).click();
  await page.getByRole("heading", { name: "O'tkazma bajarildi" }).waitFor();
  const receipt = page.getByRole("article", { name: "Chek" });
  await receipt.getByText("−15 150,00 so'm").waitFor();
  assert.equal(
    await receipt.getByTestId("receipt-phone").textContent(),
    maskedPhone(receiver.phone),
  );
  assert.equal(await page.getByText(receiver.phone).count(), 0, "never the phone in full");

  await page.goto("/history");
  const row = page.getByTestId("tx-row").filter({ hasText: "Kamola Y." });
  await row.getByTestId("tx-phone").getByText(maskedPhone(receiver.phone)).waitFor();

  // The money is on the card the receiver chose, not on their first one.
  const login = await api(apiUrl, "POST", "/api/auth/login", {
    body: { phone_number: receiver.phone, password: receiver.password },
  });
  const cards = (await (
    await fetch(`${apiUrl}/api/card`, {
      headers: { Authorization: `Bearer ${login.access_token as string}` },
    })
  ).json()) as { id: string; balance: string; receiving: boolean }[];
  const balances = Object.fromEntries(cards.map((each) => [each.id, each.balance]));
  assert.equal(balances[receiver.second.id], "15000.00");
  assert.equal(balances[receiver.first.id], "0.00");
}

/** The receiver's own history shows the payment with the masked phone it was sent to. */
export async function receiverSeesTheMaskedPhone(page: Page, world: PhoneWorld) {
  await page.goto("/history");
  const row = page.getByTestId("tx-row").filter({ hasText: "Sardor A." });
  await row.getByText("+15 000,00 so'm").waitFor();
  await row.click();
  const receipt = page.getByRole("article", { name: "Chek" });
  await receipt.getByTestId("receipt-phone").getByText(maskedPhone(world.receiver.phone)).waitFor();
}
