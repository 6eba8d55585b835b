// Steps of the browser test for how fields take what people type and paste:
// phone, amount, card number and date fields, password fields, and the notices
// of the login page. Called from run.ts, in the order of its story.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";

const UZ_MONTHS = [
  "Yanvar",
  "Fevral",
  "Mart",
  "Aprel",
  "May",
  "Iyun",
  "Iyul",
  "Avgust",
  "Sentabr",
  "Oktabr",
  "Noyabr",
  "Dekabr",
];

/** Pastes `text` over the field's whole content, through the clipboard as a person does. */
async function paste(page: Page, field: Locator, text: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
}

/** "+998991234567" → "+998 99 123 45 67", as the phone field shows it. */
const shownPhone = (phone: string) =>
  phone.replace(/^\+998(\d{2})(\d{3})(\d{2})(\d{2})$/, "+998 $1 $2 $3 $4");

/** The Tashkent day `offset` days from today, as "YYYY-MM-DD". */
function tashkentDay(offset = 0): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date());
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}
const dotted = (day: string) => day.split("-").reverse().join(".");

/** On a fresh login page: the phone typed with spaces and dashes, then pasted with +998, logs in. */
export async function phoneTypedAndPastedLogsIn(page: Page, phone: string, password: string) {
  await page.goto("/login");
  const field = page.getByLabel("Telefon raqam");
  assert.equal(await field.inputValue(), "+998 __ ___ __ __", "the mask shows what to type");
  const national = phone.slice(4);
  await field.click();
  await field.pressSequentially(
    `${national.slice(0, 2)} ${national.slice(2, 5)}-${national.slice(5, 7)}-${national.slice(7)}`,
  );
  assert.equal(await field.inputValue(), shownPhone(phone), "typed with spaces and dashes");
  const withCode = `+998 (${national.slice(0, 2)}) ${national.slice(2, 5)}-${national.slice(5, 7)}-${national.slice(7)}`;
  await paste(page, field, withCode);
  assert.equal(await field.inputValue(), shownPhone(phone), "pasted with +998 and brackets");
  await paste(page, field, `998${national}`);
  assert.equal(await field.inputValue(), shownPhone(phone), "pasted with 998 and no plus");
  const password_ = page.getByLabel("Parol", { exact: true });
  await password_.fill(password);
  // Every password field can be shown and hidden again.
  const toggle = page.getByRole("button", { name: "Parolni ko'rsatish" });
  await toggle.click();
  assert.equal(await password_.getAttribute("type"), "text");
  await page.getByRole("button", { name: "Parolni yashirish" }).click();
  assert.equal(await password_.getAttribute("type"), "password");
  // The account's own number logs in: the field gave the API the E.164 number.
  await page.getByRole("button", { name: "Kirish", exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
}

/**
 * The send form: the receiver's number groups by four as it is typed, a number
 * pasted with dashes finds the receiver; the amount groups by three as it is
 * typed, takes a dot as the decimal comma, and the exact amount is sent.
 */
export async function sendWithTypedAndPastedFields(page: Page, receiverCard: string) {
  await page.goto("/send");
  const card = page.getByLabel("Qabul qiluvchi karta raqami");
  await card.click();
  await card.pressSequentially(receiverCard.slice(0, 9));
  assert.equal(
    await card.inputValue(),
    `${receiverCard.slice(0, 4)} ${receiverCard.slice(4, 8)} ${receiverCard.slice(8, 9)}`,
  );
  await paste(page, card, receiverCard.replace(/(\d{4})(?=\d)/g, "$1-"));
  assert.equal(await card.inputValue(), receiverCard.replace(/(\d{4})(?=\d)/g, "$1 "));
  await page.getByTestId("lookup").getByText("Bobur K.").waitFor();

  const amount = page.getByLabel("Summa");
  await amount.click();
  const shown: string[] = [];
  for (const key of "1500000") {
    await amount.press(key);
    shown.push(await amount.inputValue());
  }
  assert.deepEqual(shown, ["1", "15", "150", "1 500", "15 000", "150 000", "1 500 000"]);
  await paste(page, amount, "1 500 000,50");
  assert.equal(await amount.inputValue(), "1 500 000,50");
  await paste(page, amount, "1,500,000");
  assert.equal(await amount.inputValue(), "1 500 000");
  await page.keyboard.press("ControlOrMeta+A");
  await amount.pressSequentially("12345.67");
  assert.equal(await amount.inputValue(), "12 345,67", "a dot becomes the decimal comma");
  // The currency sits beside the field, not in its text.
  await page.locator(".field", { has: amount }).getByText("so'm", { exact: true }).waitFor();
  const quote = page.getByTestId("quote");
  await quote.getByText("123,46 so'm", { exact: true }).waitFor();
  await quote.getByText("12 469,13 so'm").waitFor();

  let posts = 0;
  const count = (request: { url(): string; method(): string }) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/transactions") {
      posts += 1;
    }
  };
  page.on("request", count);
  await page.getByRole("button", { name: "Davom etish" }).click();
  const answer = page.waitForResponse(
    (response) =>
      response.request().method() === "POST" &&
      new URL(response.url()).pathname === "/api/transactions",
  );
  await page.getByRole("button", { name: "Yuborish" }).click();
  // What the server booked is what was sent: the exact amount, to the pasted number.
  const booked = (await (await answer).json()) as {
    amount: string;
    commission: string;
    to_card: { card_number: string };
  };
  await page.getByRole("heading", { name: "O'tkazma bajarildi" }).waitFor();
  page.off("request", count);
  assert.equal(posts, 1, "one transfer request");
  assert.equal(booked.amount, "12345.67", "the exact amount is sent");
  assert.equal(booked.commission, "123.46");
  assert.equal(booked.to_card.card_number.slice(-4), receiverCard.slice(-4));
  const receipt = page.getByRole("article", { name: "Chek" });
  await receipt.locator(".receipt-amount", { hasText: "−12 469,13 so'm" }).waitFor();
}

/**
 * History dates: a calendar in Uzbek (closing on Escape and outside clicks),
 * a day picked with the keyboard shows as dd.mm.yyyy and narrows the list; a
 * day clicked brings the rows back. All of this page's transfers are today's.
 */
export async function historyDatePicker(page: Page) {
  await page.goto("/history");
  await page.getByTestId("tx-row").first().waitFor();
  const to = page.getByLabel("Sanagacha", { exact: true });
  assert.equal(await to.getAttribute("type"), null, "a text field, not the browser's date input");
  assert.equal(await to.getAttribute("placeholder"), "kk.oo.yyyy");
  const open = page.getByRole("button", { name: "Sanagacha: kalendardan tanlash" });
  const calendar = page.getByRole("dialog", { name: "Sanagacha" });

  await open.click();
  await calendar.waitFor();
  const caption = (await calendar.locator(".rdp-caption_label").textContent()) ?? "";
  const [month, year] = caption.split(" ");
  assert.ok(UZ_MONTHS.includes(month ?? ""), `an Uzbek month name, got ${caption}`);
  assert.equal(year, tashkentDay().slice(0, 4));
  await calendar.getByText("Du", { exact: true }).waitFor(); // Dushanba starts the week
  await page.screenshot({ path: "test-results/e2e/inputs-date-picker-375.png", fullPage: true });
  await page.keyboard.press("Escape");
  await calendar.waitFor({ state: "hidden" });
  assert.ok(await open.evaluate((button) => document.activeElement === button), "focus returns");

  await open.click();
  await calendar.waitFor();
  await page.getByRole("heading", { name: "Tarix", exact: true }).click();
  await calendar.waitFor({ state: "hidden" });

  // Keyboard only: the calendar opens on today; one day back, Enter.
  await open.focus();
  await page.keyboard.press("Enter");
  await calendar.waitFor();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await calendar.waitFor({ state: "hidden" });
  const yesterday = tashkentDay(-1);
  assert.equal(await to.inputValue(), dotted(yesterday));
  await page.getByRole("button", { name: "Qo'llash" }).click();
  await page.waitForURL(new RegExp(`end_date=${yesterday}`));
  await page.getByText("Bu shartlarga mos o'tkazma topilmadi").waitFor();
  assert.equal(await page.getByTestId("tx-row").count(), 0);
  await page.screenshot({ path: "test-results/e2e/inputs-history-date-375.png", fullPage: true });

  await page.getByRole("button", { name: "Sanagacha: kalendardan tanlash" }).click();
  await calendar.getByRole("button", { name: /^Bugun, / }).click();
  assert.equal(await to.inputValue(), dotted(tashkentDay()));
  // A day typed in full works the same as one picked.
  const from = page.getByLabel("Sanadan", { exact: true });
  await from.click();
  await from.pressSequentially(dotted(tashkentDay()).replace(/\./g, ""));
  assert.equal(await from.inputValue(), dotted(tashkentDay()));
  await page.getByRole("button", { name: "Qo'llash" }).click();
  await page.waitForURL(new RegExp(`start_date=${tashkentDay()}`));
  assert.match(page.url(), new RegExp(`end_date=${tashkentDay()}`));
  await page.getByTestId("tx-row").first().waitFor();
}

/** The password form: a wrong current password is said at that field; the fields show and hide. */
export async function wrongCurrentPassword(page: Page) {
  await page.goto("/profile");
  const current = page.getByLabel("Joriy parol", { exact: true });
  await current.fill("not-my-password-1");
  await page.getByLabel("Yangi parol", { exact: true }).fill("bobur-new-pass-3");
  await page.getByLabel("Parolni tasdiqlang", { exact: true }).fill("bobur-new-pass-3");
  const form = page.locator("form", { has: current });
  const toggles = form.getByRole("button", { name: "Parolni ko'rsatish" });
  assert.equal(await toggles.count(), 3, "current, new and repeat can each be shown");
  await toggles.first().click();
  assert.equal(await current.getAttribute("type"), "text");
  await page.getByRole("button", { name: "Parolni o'zgartirish" }).click();
  await page
    .locator(".field", { has: current })
    .getByRole("alert")
    .getByText("Joriy parol noto'g'ri")
    .waitFor();
  assert.ok(await current.evaluate((input) => document.activeElement === input), "focus on it");
  assert.match(page.url(), /\/profile$/, "still signed in");
}

/** After a password change the login page says so, and that other devices were logged out. */
export async function passwordChangedNotice(page: Page) {
  await page.waitForURL(/\/login\?password_changed=1$/);
  await page
    .getByTestId("password-changed")
    .getByText(
      "Parol o'zgartirildi, boshqa qurilmalardagi sessiyalar yopildi. Yangi parol bilan kiring.",
    )
    .waitFor();
}

/**
 * A real 429: wrong passwords for one phone from this machine's address until
 * the API's per phone-and-address login limit refuses, then the same login in
 * the browser says when to try again (from Retry-After).
 */
export async function rateLimitedLogin(page: Page, apiUrl: string, phone: string) {
  const attempt = async () => {
    const response = await fetch(`${apiUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone_number: phone, password: "wrong-password" }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  let refused = false;
  let sent = 0;
  const started = Date.now();
  while (!refused && sent < 2_000) {
    const statuses = await Promise.all(Array.from({ length: 10 }, attempt));
    sent += statuses.length;
    assert.ok(
      statuses.every((status) => status === 401 || status === 429),
      `${statuses}`,
    );
    refused = statuses.includes(429);
  }
  assert.ok(refused, "the login limit refused within 2 000 attempts");
  console.log(`(429 after ${sent} attempts, ${Date.now() - started} ms) `);

  await page.goto("/login");
  await paste(page, page.getByLabel("Telefon raqam"), phone);
  await page.getByLabel("Parol", { exact: true }).fill("wrong-password");
  await page.getByRole("button", { name: "Kirish", exact: true }).click();
  const notice = page.getByTestId("login-retry");
  await notice.waitFor();
  assert.match(
    (await notice.textContent()) ?? "",
    /^Urinishlar juda ko'p\. \d+ (daqiqadan|soniyadan) keyin qayta urinib ko'ring\.$/,
  );
  assert.ok(
    await page.getByRole("button", { name: "Kirish", exact: true }).isDisabled(),
    "no retry yet",
  );
  await page.screenshot({ path: "test-results/e2e/inputs-login-429-desktop.png", fullPage: true });
}
