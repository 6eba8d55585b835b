// The admin's money and destructive actions, and the audit log, as the e2e
// scenario drives them (called from run.ts). Every action asks first, naming the
// card or person; nothing is sent before the confirm; a double click sends once.
import assert from "node:assert/strict";
import type { Page, Request } from "playwright-core";
import { openFromMore } from "./states.ts";

const PLATFORM_CARD = "7777000000000000";

const masked = (number: string) => `${number.slice(0, 4)} •••• •••• ${number.slice(-4)}`;
/** Text as read: card numbers are set with no-break spaces so they never wrap. */
const plain = (text: string | null) => (text ?? "").replace(/\u00a0/g, " ");
const last4 = (number: string) => `•••• ${number.slice(-4)}`;
const maskedPhone = (phone: string) => `+998 ${phone.slice(4, 6)} ••• •• ${phone.slice(-2)}`;

/** Counts the requests a page sends to one API path with one method, until stopped. */
function countRequests(page: Page, method: string, pathPrefix: string) {
  let count = 0;
  const watch = (request: Request) => {
    if (request.method() === method && new URL(request.url()).pathname.startsWith(pathPrefix)) {
      count += 1;
    }
  };
  page.on("request", watch);
  return {
    get count() {
      return count;
    },
    stop: () => page.off("request", watch),
  };
}

/** Waits (up to 10 s) for something the test itself observes, such as a request count. */
async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openAdminTab(page: Page, tab: string) {
  await page.getByRole("tab", { name: tab }).click();
}

/**
 * Cash-in from the treasury to Alisher's card: the receiver's masked name shows
 * as the number is typed, the confirm names amount, receiver and source, nothing
 * is sent before it, and a double click on it credits once.
 */
export async function cashInWithConfirm(admin: Page, aliceCard: string) {
  const deposits = countRequests(admin, "POST", "/api/admin/deposit");
  await admin.getByLabel("Karta raqami").fill(aliceCard);
  await admin.getByTestId("deposit-lookup").getByText("Alisher V.").waitFor();
  assert.equal(await admin.getByLabel("Manba").inputValue(), "treasury", "the treasury by default");
  await admin.getByLabel("Summa").fill("1000000");
  await admin.getByLabel("Izoh (ixtiyoriy)").fill("E2E cash-in");
  await admin.getByRole("button", { name: "Davom etish" }).click();
  const dialog = admin.getByRole("dialog", { name: "Hisobni to'ldirasizmi?" });
  await dialog.waitFor();
  const facts = dialog.getByTestId("deposit-confirm");
  await facts.getByText("1 000 000,00 so'm").waitFor();
  assert.equal(await facts.getByTestId("deposit-confirm-owner").textContent(), "Alisher V.");
  await facts.getByText(masked(aliceCard)).waitFor();
  assert.equal(await facts.getByTestId("deposit-confirm-source").textContent(), "G'azna");
  await admin.screenshot({ path: "test-results/e2e/05a-admin-cashin-confirm.png" });
  assert.equal(deposits.count, 0, "nothing is sent before the confirm");

  await dialog.getByRole("button", { name: "To'ldirish" }).dblclick();
  await admin.getByRole("heading", { name: "Hisob to'ldirildi" }).waitFor();
  const receipt = admin.getByRole("article", { name: "Chek" });
  await receipt.locator(".receipt-amount", { hasText: "1 000 000,00 so'm" }).waitFor();
  await receipt.getByText("Alisher Valiyev").waitFor();
  await receipt.getByText("E2E cash-in").waitFor();
  deposits.stop();
  assert.equal(deposits.count, 1, "a double click on the confirm sends one cash-in");
  await admin.getByRole("button", { name: "Yangi to'ldirish" }).click();
  assert.equal(await admin.getByLabel("Karta raqami").inputValue(), "", "a fresh form");

  // The balance rose exactly once.
  await openAdminTab(admin, "Kartalar");
  await admin.getByLabel("Egasi").fill("Alisher");
  await admin
    .getByTestId("admin-card")
    .filter({ hasText: "Alisher Valiyev" })
    .getByText("1 000 000,00 so'm")
    .waitFor();
  await openAdminTab(admin, "Umumiy");
}

/** The platform card is refused in the form: a clear message, and nothing can be sent. */
export async function platformCardIsRefused(admin: Page) {
  const deposits = countRequests(admin, "POST", "/api/admin/deposit");
  await admin.getByLabel("Karta raqami").fill(PLATFORM_CARD);
  await admin.getByText("Bu platforma kartasi: unda komissiya daromadi jamlanadi").waitFor();
  await admin.getByLabel("Summa").fill("5000");
  const next = admin.getByRole("button", { name: "Davom etish" });
  assert.ok(await next.isDisabled(), "no confirm for the platform card");
  await admin.screenshot({ path: "test-results/e2e/05b-admin-platform-refused.png" });
  deposits.stop();
  assert.equal(deposits.count, 0);
  await admin.getByLabel("Karta raqami").fill("");
  await admin.getByLabel("Summa").fill("");
}

/**
 * A role change asks first, naming the person (name and masked phone) and the new
 * plan's terms; cancel changes nothing; confirming changes the role.
 */
export async function roleChangeAsksFirst(admin: Page, name: string, phone: string) {
  const changes = countRequests(admin, "PATCH", "/api/admin/user-role/");
  const row = admin.getByTestId("admin-user").filter({ hasText: name });
  const promote = row.getByRole("button", { name: `${name}ni Premium tarifiga o'tkazish` });
  await promote.click();
  const dialog = admin.getByRole("dialog", { name: "Tarifni o'zgartirasizmi?" });
  await dialog.getByText(`${name} (${maskedPhone(phone)}) Premium tarifiga o'tkaziladi`).waitFor();
  await dialog
    .getByTestId("role-terms")
    .getByText(/0% komissiya.*4 000 000,00 so'm.*5 tagacha/)
    .waitFor();
  await admin.screenshot({ path: "test-results/e2e/25a-admin-role-confirm-375.png" });
  await dialog.getByRole("button", { name: "Bekor qilish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText("Foydalanuvchi", { exact: true }).waitFor();
  assert.equal(changes.count, 0, "cancel changes nothing");
  await promote.click();
  await dialog.getByRole("button", { name: "Premium tarifiga o'tkazish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText("Premium", { exact: true }).waitFor();
  changes.stop();
  assert.equal(changes.count, 1);
}

/**
 * Bob's frozen card: no close button on its row; activating asks first, naming
 * the masked card and its owner; cancel changes nothing; confirming activates it.
 */
export async function activateAsksFirst(admin: Page, owner: string, cardNumber: string) {
  const changes = countRequests(admin, "PATCH", "/api/admin/status-card/");
  const row = admin.getByTestId("admin-card").filter({ hasText: owner });
  await row.getByText(/Muzlatilgan/).waitFor();
  assert.equal(
    await row.getByRole("button", { name: /yopish/i }).count(),
    0,
    "close is not on the row",
  );
  const activate = row.getByRole("button", { name: /kartasini faollashtirish$/ });
  await activate.click();
  const dialog = admin.getByRole("dialog", { name: "Kartani faollashtirasizmi?" });
  await dialog.getByText(`${masked(cardNumber)} kartasi (${owner})`).waitFor();
  await dialog.getByRole("button", { name: "Bekor qilish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText(/Muzlatilgan/).waitFor();
  assert.equal(changes.count, 0, "cancel changes nothing");
  await activate.click();
  await dialog.getByRole("button", { name: "Faollashtirish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText(/Faol ·/).waitFor();
  changes.stop();
  assert.equal(changes.count, 1);
}

/**
 * Blocking asks for the reason in a dialog that names the card and its owner;
 * cancel changes nothing. Leaves the dialog open with the reason picked.
 */
export async function blockAsksFirst(admin: Page, owner: string, cardNumber: string) {
  const changes = countRequests(admin, "PATCH", "/api/admin/status-card/");
  const row = admin.getByTestId("admin-card").filter({ hasText: owner });
  const block = row.getByRole("button", { name: `${masked(cardNumber)} kartasini bloklash` });
  await block.click();
  const dialog = admin.getByRole("dialog", { name: "Kartani bloklaysizmi?" });
  await dialog.getByText(`${masked(cardNumber)} kartasi (${owner}) bloklanadi`).waitFor();
  await dialog.getByText(/pul yubora ham, qabul qila ham olmaydi/).waitFor();
  await dialog.getByRole("button", { name: "Bekor qilish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText(/Faol ·/).waitFor();
  changes.stop();
  assert.equal(changes.count, 0, "cancel changes nothing");
  await block.click();
  await dialog.waitFor();
}

/** Confirms the activation dialog of a card the bank blocked (the reopen path). */
export async function confirmActivation(admin: Page, owner: string) {
  const row = admin.getByTestId("admin-card").filter({ hasText: owner });
  await row.getByRole("button", { name: /kartasini faollashtirish$/ }).click();
  const dialog = admin.getByRole("dialog", { name: "Kartani faollashtirasizmi?" });
  await dialog.getByText(new RegExp(`\\(${owner}\\)`)).waitFor();
  await dialog.getByRole("button", { name: "Faollashtirish" }).click();
  await dialog.waitFor({ state: "hidden" });
}

/** Confirms a demotion to the basic plan: the dialog says what happens to extra cards. */
export async function confirmDemotion(admin: Page, name: string) {
  const row = admin.getByTestId("admin-user").filter({ hasText: name });
  await row.getByRole("button", { name: /oddiy tarif/ }).click();
  const dialog = admin.getByRole("dialog", { name: "Tarifni o'zgartirasizmi?" });
  await dialog.getByText(`oddiy tarifga o'tkaziladi`, { exact: false }).waitFor();
  await dialog.getByText(/Ortiqcha faol kartalar muzlatiladi/).waitFor();
  await dialog.getByRole("button", { name: "Oddiy tarifga o'tkazish" }).click();
  await dialog.waitFor({ state: "hidden" });
}

/**
 * The audit log reads like a log: the cash-in in words with the masked card,
 * owner and amount, the role change and the activation; the filters by action,
 * admin and dates narrow it.
 */
export async function auditReadsLikeALog(
  admin: Page,
  aliceCard: string,
  bobur: { name: string; phone: string },
) {
  await openAdminTab(admin, "Audit jurnali");
  const entries = admin.getByTestId("audit-entry");
  const cashIn = entries.filter({
    hasText: `Cho'ntak Admin ${last4(aliceCard)} (Alisher V.) kartasiga 1 000 000,00 so'm kiritdi`,
  });
  await cashIn.waitFor();
  await cashIn.getByText("Manba: G'azna").waitFor();
  await cashIn.locator(".admin-amount").getByText("1 000 000,00 so'm").waitFor();
  assert.match((await cashIn.locator("time").textContent()) ?? "", /\d{4}-yil, \d{2}:\d{2}$/);
  const [first, last] = bobur.name.split(" ");
  await entries
    .filter({
      hasText: `${first} ${last?.[0]}. (${maskedPhone(bobur.phone)}) tarifini o'zgartirdi: Foydalanuvchi → Premium`,
    })
    .waitFor();
  await entries
    .filter({ hasText: `(${first} ${last?.[0]}.) kartasini faollashtirdi` })
    .first()
    .waitFor();
  await admin.screenshot({ path: "test-results/e2e/28-admin-audit-375.png", fullPage: true });

  await admin.getByLabel("Amal").selectOption("user.role");
  await entries.filter({ hasText: "kiritdi" }).first().waitFor({ state: "detached" });
  const roleEntries = await entries.allTextContents();
  assert.ok(roleEntries.length > 0);
  for (const text of roleEntries) assert.match(text, /tarifini o'zgartirdi/);

  await admin.getByLabel("Amal").selectOption("");
  await admin.getByLabel("Administrator").selectOption({ label: "Cho'ntak Admin" });
  await cashIn.waitFor();
  // The date fields take dd.mm.yyyy, as the UI shows them.
  await admin.getByRole("textbox", { name: "Sanadan" }).fill("01.01.2020");
  await admin.getByRole("textbox", { name: "Sanagacha" }).fill("02.01.2020");
  await admin.getByText("Hech narsa topilmadi").waitFor();
  const today = new Intl.DateTimeFormat("ru-RU", { timeZone: "Asia/Tashkent" }).format(new Date());
  await admin.getByRole("textbox", { name: "Sanagacha" }).fill(today);
  await cashIn.waitFor();
  await admin.getByRole("textbox", { name: "Sanadan" }).fill(today);
  await cashIn.waitFor();
  assert.equal(await admin.getByText("Hech narsa topilmadi").count(), 0);
}

/** Opens a card for the signed-in admin on the cards page; activates it when asked. */
async function openOwnCard(admin: Page, activate: boolean) {
  await admin.goto("/cards");
  await admin.getByRole("button", { name: "Karta ochish" }).first().click();
  await admin.waitForURL(/\/cards\/[0-9a-f-]{36}$/);
  const card = admin.getByTestId("bank-card");
  await card.getByText("Hali faollashtirilmagan").waitFor();
  if (!activate) return;
  await admin.getByRole("button", { name: "Faollashtirish" }).click();
  await card.getByText("Faol", { exact: true }).waitFor();
  await card.getByRole("button", { name: "Karta raqamini ko'rsatish" }).click();
  const number = (await card.getByTestId("card-number").textContent())?.replace(/\s/g, "") ?? "";
  assert.match(number, /^7777\d{12}$/);
  return number;
}

/** One confirmed cash-in through the overview's form; returns when its receipt shows. */
async function cashIn(admin: Page, options: { to: string; amount: string }) {
  await admin.getByLabel("Karta raqami").fill(options.to);
  await admin.getByTestId("deposit-lookup").locator("strong").waitFor();
  await admin.getByLabel("Summa").fill(options.amount);
  await admin.getByRole("button", { name: "Davom etish" }).click();
  const dialog = admin.getByRole("dialog", { name: "Hisobni to'ldirasizmi?" });
  await dialog.waitFor();
  const source = plain(await dialog.getByTestId("deposit-confirm-source").textContent());
  await dialog.getByRole("button", { name: "To'ldirish" }).click();
  await admin.getByRole("heading", { name: "Hisob to'ldirildi" }).waitFor();
  await admin.getByRole("button", { name: "Yangi to'ldirish" }).click();
  return source;
}

/**
 * The admin opens two cards of their own (one active, one left frozen and
 * empty), funds the active one from the treasury, then cashes in to Alisher from
 * it: the confirm names that card as the source and the card is debited. Its
 * answer is lost on the way back twice: the retry, and the same cash-in confirmed
 * again after cancelling, reuse the attempt's Idempotency-Key (a new attempt has
 * a new one), and the card is debited once.
 */
export async function cashInFromOwnCard(admin: Page, aliceCard: string) {
  const own = (await openOwnCard(admin, true)) as string;
  await openOwnCard(admin, false);
  await openFromMore(admin, "Admin");
  await admin.getByText("Kunlik ko'rsatkichlar").waitFor();

  const keys: string[] = [];
  let answersLost = 0;
  await admin.route("**/api/admin/deposit", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    if (keys.length === 2 || keys.length === 3) {
      // The server does the work; its answer never reaches the page.
      await route.fetch();
      answersLost += 1;
      return route.abort("failed");
    }
    return route.continue();
  });

  assert.equal(await cashIn(admin, { to: own, amount: "5000000" }), "G'azna");
  const funded = `${masked(own)} — 5 000 000,00 so'm`;
  await admin.locator("option", { hasText: funded }).waitFor({ state: "attached" });
  await admin.getByLabel("Manba").selectOption({ label: funded });
  await admin.getByLabel("Karta raqami").fill(aliceCard);
  await admin.getByTestId("deposit-lookup").getByText("Alisher V.").waitFor();
  await admin.getByLabel("Summa").fill("10000");
  await admin.getByRole("button", { name: "Davom etish" }).click();
  const dialog = admin.getByRole("dialog", { name: "Hisobni to'ldirasizmi?" });
  assert.equal(
    plain(await dialog.getByTestId("deposit-confirm-source").textContent()),
    masked(own),
  );
  await dialog.getByRole("button", { name: "To'ldirish" }).click();
  await dialog.getByRole("alert").waitFor();
  assert.equal(answersLost, 1);
  await dialog.getByRole("button", { name: "Qayta urinish" }).click();
  await until(() => answersLost === 2, "the retry's answer is lost too");
  await dialog.getByRole("button", { name: "Qayta urinish" }).waitFor();
  await dialog.getByRole("alert").waitFor();
  await dialog.getByRole("button", { name: "Bekor qilish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await admin.getByRole("button", { name: "Davom etish" }).click();
  await dialog.getByRole("button", { name: "To'ldirish" }).click();
  await admin.getByRole("heading", { name: "Hisob to'ldirildi" }).waitFor();
  await admin.unroute("**/api/admin/deposit");
  assert.equal(keys.length, 4);
  assert.notEqual(keys[0], keys[1], "a new attempt has a new key");
  assert.equal(keys[2], keys[1], "the retry reuses the attempt's key");
  assert.equal(keys[3], keys[1], "the same cash-in confirmed again reuses it too");
  await admin.getByRole("button", { name: "Yangi to'ldirish" }).click();
  await admin
    .locator("option", { hasText: `${masked(own)} — 4 990 000,00 so'm` })
    .waitFor({ state: "attached" });
  return own;
}

/**
 * Closing lives in the card's manage view as a separate danger action: refused
 * up front for a card holding money, and for an empty card it asks first, naming
 * the card and its owner; cancel changes nothing.
 */
export async function closeIsBehindManage(admin: Page, ownCard: string) {
  await openAdminTab(admin, "Kartalar");
  await admin.getByLabel("Egasi").fill("Cho'ntak Admin");
  const rows = admin.getByTestId("admin-card");
  const funded = rows.filter({ hasText: ownCard.replace(/(\d{4})(?=\d)/g, "$1 ") });
  await funded.getByText(/Faol ·/).waitFor();
  await rows
    .filter({ hasText: /Muzlatilgan/ })
    .getByRole("button", { name: /bloklash$/ })
    .waitFor();
  assert.ok(
    await admin.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    ),
    "a row with every action fits 375 px",
  );
  for (const row of await rows.all()) {
    assert.equal(await row.getByRole("button", { name: /yopish/i }).count(), 0, "no close on rows");
  }
  await funded.getByRole("button", { name: `${masked(ownCard)} kartasini boshqarish` }).click();
  const manage = admin.getByRole("dialog", { name: `Karta ${masked(ownCard)}` });
  await manage.getByText("Bu kartada 4 990 000,00 so'm bor").waitFor();
  assert.ok(await manage.getByRole("button", { name: "Kartani yopish" }).isDisabled());
  await admin.screenshot({ path: "test-results/e2e/26a-admin-manage-card-375.png" });
  await manage.getByRole("button", { name: "Tayyor" }).click();
  await manage.waitFor({ state: "hidden" });

  const changes = countRequests(admin, "PATCH", "/api/admin/status-card/");
  const empty = rows.filter({ hasText: /Muzlatilgan/ }).filter({ hasText: "0,00 so'm" });
  await empty.getByRole("button", { name: /kartasini boshqarish$/ }).click();
  const emptyManage = admin.getByRole("dialog", { name: /^Karta 7777/ });
  await emptyManage.getByText(/Yopilgan karta qayta ochilmaydi/).waitFor();
  const number = (await emptyManage.locator("dd.mono").textContent())?.replace(/\s/g, "") ?? "";
  await emptyManage.getByRole("button", { name: "Kartani yopish" }).click();
  const confirm = admin.getByRole("dialog", { name: "Kartani yopasizmi?" });
  await confirm.getByText(`${masked(number)} kartasi (Cho'ntak Admin) butunlay yopiladi`).waitFor();
  await admin.screenshot({ path: "test-results/e2e/26b-admin-close-confirm-375.png" });
  await confirm.getByRole("button", { name: "Bekor qilish" }).click();
  await confirm.waitFor({ state: "hidden" });
  const emptyRow = rows.filter({ hasText: number.replace(/(\d{4})(?=\d)/g, "$1 ") });
  await emptyRow.getByText(/Muzlatilgan/).waitFor();
  assert.equal(changes.count, 0, "cancel changes nothing");
  await emptyRow.getByRole("button", { name: /kartasini boshqarish$/ }).click();
  await emptyManage.getByRole("button", { name: "Kartani yopish" }).click();
  await confirm.getByRole("button", { name: "Kartani yopish" }).click();
  await confirm.waitFor({ state: "hidden" });
  await emptyRow.getByText(/Yopilgan/).waitFor();
  changes.stop();
  assert.equal(changes.count, 1);
}

/** Every amount on the day's tiles is whole at 375 px: no tile's text overflows its box. */
export async function statTilesFit(admin: Page) {
  await openAdminTab(admin, "Umumiy");
  const tiles = admin.getByTestId("admin-stats").locator(":scope > div");
  await tiles.first().waitFor();
  await admin.getByTestId("admin-stats").getByText("so'm").first().waitFor();
  // Each tile's text stays inside the tile, the tiles inside their list, the list on screen.
  const overflowing = await tiles.evaluateAll((elements) =>
    elements
      .map((tile) => {
        const list = tile.parentElement as HTMLElement;
        const right = Math.min(
          tile.getBoundingClientRect().right,
          list.getBoundingClientRect().right,
          document.documentElement.clientWidth,
        );
        const clipped = Array.from(tile.querySelectorAll("dt, dd, dd *")).some(
          (inner) =>
            inner.getBoundingClientRect().right > right + 0.5 ||
            inner.scrollWidth > inner.clientWidth + 0.5,
        );
        const spills = tile.scrollWidth > tile.clientWidth || list.scrollWidth > list.clientWidth;
        return clipped || spills ? tile.textContent : null;
      })
      .filter((text) => text !== null),
  );
  assert.deepEqual(overflowing, [], "tiles whose text overflows at 375 px");
  const total = (await tiles.first().locator("dd").textContent()) ?? "";
  assert.match(total, /^\d{1,3}( \d{3})*,\d{2}so'm$/, "the total balance is there, whole");
  await admin
    .getByTestId("admin-stats")
    .screenshot({ path: "test-results/e2e/35-admin-stats-375.png" });
}
