// Passkeys in real Chromium with a CDP virtual authenticator (ctap2, internal,
// resident keys, user verification): add one on the profile, log in with it
// without a phone number, and confirm a payment above the step-up threshold
// with it. WebAuthn needs a domain, so these pages open on localhost (the RP ID).
// Self-contained: its people, cards and money are made through the API.
import type { Page } from "playwright-core";
import { api } from "./api.ts";

export interface PasskeyWorld {
  payer: { phone: string; password: string };
  receiverCard: string;
}

const randomPhone = () => `+99896${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

async function person(apiUrl: string, name: string, phone: string, password: string) {
  await api(apiUrl, "POST", "/api/auth/register", {
    body: { full_name: name, phone_number: phone, password },
  });
  const token = (
    await api(apiUrl, "POST", "/api/auth/login", { body: { phone_number: phone, password } })
  ).access_token as string;
  const card = await api(apiUrl, "POST", "/api/card", { token });
  await api(apiUrl, "PATCH", `/api/card/${card.id}/unfreeze`, { token });
  return { token, card: card.card_number as string };
}

/** A payer with 200 000 so'm whose payments above 10 000 so'm ask for a confirmation, and a receiver. */
export async function makePasskeyWorld(
  apiUrl: string,
  admin: { phone: string; password: string },
): Promise<PasskeyWorld> {
  const adminToken = (
    await api(apiUrl, "POST", "/api/auth/login", {
      body: { phone_number: admin.phone, password: admin.password },
    })
  ).access_token as string;
  const phone = randomPhone();
  const payer = await person(apiUrl, "Nodira Karimova", phone, "nodira-pass-1");
  await api(apiUrl, "POST", "/api/admin/deposit", {
    token: adminToken,
    headers: { "Idempotency-Key": crypto.randomUUID() },
    body: { to_card_number: payer.card, amount: "200000" },
  });
  await api(apiUrl, "PATCH", "/api/auth/me", {
    token: payer.token,
    body: { step_up_threshold: "10000" },
  });
  const receiver = await person(apiUrl, "Jasur Toshmatov", randomPhone(), "jasur-pass-1");
  return { payer: { phone, password: "nodira-pass-1" }, receiverCard: receiver.card };
}

/** A platform authenticator on this page, as a phone's fingerprint reader would be. */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** On the profile, a named passkey is created on this device and listed. */
export async function addPasskeyOnProfile(page: Page) {
  await page.goto("/profile");
  const section = page.getByTestId("passkeys");
  await section.getByRole("heading", { name: "Kirish kalitlari" }).waitFor();
  await section.getByText("Hali kirish kaliti yo'q.").waitFor();
  await section.getByRole("textbox", { name: "Kalit nomi", exact: true }).fill("Noutbuk");
  await section.getByRole("button", { name: "Shu qurilmada kalit qo'shish" }).click();
  await section.getByTestId("passkey-row").filter({ hasText: "Noutbuk" }).waitFor();
}

/** Signed out, "Kirish kaliti bilan kirish" logs in with no phone number typed. */
export async function logInWithPasskey(page: Page) {
  await page.evaluate(() => localStorage.removeItem("chontak.refresh_token"));
  await page.goto("/login");
  await page.getByRole("button", { name: "Kirish kaliti bilan kirish" }).click();
  await page.waitForURL(/\/dashboard$/).catch(async (error: unknown) => {
    const said = await page.getByTestId("passkey-login").textContent();
    throw new Error(`no dashboard; the login says: ${said}`, { cause: error });
  });
  await page.goto("/profile");
  await page
    .getByTestId("passkeys")
    .getByText(/Oxirgi marta:/)
    .waitFor();
}

/** A payment above the threshold opens the confirmation; the passkey confirms it; it is sent. */
export async function stepUpForALargePayment(page: Page, world: PasskeyWorld) {
  await page.goto("/send");
  await page.getByLabel("Qabul qiluvchi karta raqami").fill(world.receiverCard);
  await page.getByTestId("lookup").getByText(/Jasur/).waitFor();
  await page.getByLabel("Summa").fill("50000");
  await page.getByRole("button", { name: "Davom etish" }).click();
  await page.getByRole("button", { name: "Yuborish" }).click();
  const dialog = page.getByRole("dialog", { name: "To'lovni tasdiqlang" });
  await dialog.getByText(/tasdiqlash chegarangizdan katta/).waitFor();
  await dialog.getByRole("button", { name: "Kirish kaliti bilan tasdiqlash" }).click();
  await page.getByText("O'tkazma bajarildi").waitFor();
}
