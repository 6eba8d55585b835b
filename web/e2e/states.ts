// Steps of the browser scenario about honest states and calls to action, and
// about the phone layout fitting 375 px. Each function drives the page(s) it is
// given; run.ts calls them at their point of the story.
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test-results/e2e");
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });

/** The one "Karta ochish" on the empty cards page (there used to be two). */
export async function oneOpenCardButtonWhenEmpty(page: Page) {
  await page.getByText("Hali kartangiz yo'q").waitFor();
  assert.equal(await page.getByRole("button", { name: "Karta ochish" }).count(), 1);
}

/**
 * A card just opened says it is not activated yet, explains why a new card
 * starts so, and offers to activate it; it is never called "frozen".
 */
export async function newCardSaysNotActivated(page: Page) {
  const card = page.getByTestId("bank-card");
  await card.getByTestId("card-status").getByText("Hali faollashtirilmagan").waitFor();
  assert.equal(await card.getByText("Muzlatilgan").count(), 0, "a new card is not 'frozen'");
  const notice = page.getByTestId("card-not-activated");
  await notice
    .getByText(/Yangi karta xavfsizlik uchun faollashtirilmagan holda ochiladi/)
    .waitFor();
  assert.equal(await page.getByTestId("card-owner-frozen").count(), 0);
  await page.getByRole("button", { name: "Faollashtirish" }).waitFor();
  await shot(page, `s00-card-not-activated-${page.viewportSize()?.width}`);
}

/** After activation, the new-card explanation is gone. */
export async function activatedCardHasNoNewCardNotice(page: Page) {
  assert.equal(await page.getByTestId("card-not-activated").count(), 0);
}

/**
 * The card limit is said right under the "Karta ochish" that was pressed, with a
 * link to Premium (the plan that allows more cards).
 */
export async function cardLimitUnderItsButton(page: Page) {
  await page.goto("/cards");
  await page.getByTestId("bank-card").first().waitFor();
  const buttons = page.getByRole("button", { name: "Karta ochish" });
  assert.equal(await buttons.count(), 1, "one Open card button");
  await buttons.click();
  const action = page.locator(".open-card", { has: buttons });
  await action.getByRole("alert").filter({ hasText: "Premium sotib oling" }).waitFor();
  const premium = action.getByRole("link", { name: "Premium sotib olish" });
  assert.equal(await premium.getAttribute("href"), "/premium");
  await shot(page, "s01-card-limit-375");
}

/** A card its owner froze says so, without the new-card explanation. */
export async function ownerFrozenCardExplained(page: Page) {
  await page
    .getByTestId("card-owner-frozen")
    .getByText(/Siz bu kartani muzlatgansiz/)
    .waitFor();
  assert.equal(await page.getByTestId("card-not-activated").count(), 0);
  assert.equal(await page.getByText("Hali faollashtirilmagan").count(), 0);
}

/**
 * A month with no income and no spending shows both totals in the neutral text
 * colour (not in the spending colour that says money left).
 */
export async function emptyMonthTotalsAreNeutral(page: Page) {
  const totals = page.locator(".month-totals .money");
  await totals.nth(1).waitFor();
  const colours = await totals.evaluateAll((nodes) =>
    nodes.map((node) => getComputedStyle(node).color),
  );
  const ink = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.deepEqual(colours, [ink, ink], "zero totals are not coloured");
}

/** The month chart's axis speaks Uzbek: "ming"/"mln", never "K"/"M". */
export async function chartAxisInUzbek(page: Page) {
  // Recharts draws tick labels in layers of their own, outside the axis group: all
  // of them are read (the day numbers of the other axis pass the checks too).
  const ticks = page.locator(".recharts-cartesian-axis-tick-value");
  await ticks
    .filter({ hasText: /ming|mln/ })
    .first()
    .waitFor();
  const labels = (await ticks.allTextContents()).map((label) => label.trim());
  assert.ok(
    labels.some((label) => /\d(,\d)?\s(ming|mln)$/.test(label)),
    `axis labels: ${labels.join(" | ")}`,
  );
  for (const label of labels) assert.doesNotMatch(label, /[KMBG]$|\d\.\d/, label);
}

/** What overflows the 375 px viewport or its own box, named so a failure says where. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const element of Array.from(document.querySelectorAll("main *, .tabbar *"))) {
      const box = element.getBoundingClientRect();
      // Inside a horizontal scroller (a card strip, tabs) running past the edge is the design.
      let scrolled = false;
      for (let node = element.parentElement; node; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowX;
        if (overflow === "auto" || overflow === "scroll") scrolled = true;
      }
      if (box.width === 0 || box.height === 0 || scrolled) continue;
      const name = `${element.tagName.toLowerCase()}.${Array.from(element.classList).join(".")} "${(element.textContent ?? "").trim().slice(0, 40)}"`;
      if (box.right > width + 0.5 || box.left < -0.5) found.push(`${name} outside the viewport`);
      const style = getComputedStyle(element);
      if (
        style.display !== "inline" &&
        style.overflowX === "visible" &&
        element.scrollWidth > element.clientWidth + 1 &&
        element.clientWidth > 0
      ) {
        found.push(`${name} overflows its box (${element.scrollWidth} > ${element.clientWidth})`);
      }
    }
    return found;
  });
}

/**
 * Every card number on the page is one unbroken line, its groups joined by
 * no-break spaces, and hidden digits use one glyph (•), never "*".
 */
async function cardNumbersStayWhole(page: Page, scope: Locator = page.locator("main")) {
  const numbers = await scope.locator(".card-number").evaluateAll((nodes) =>
    nodes
      .filter((node) => node.getClientRects().length > 0)
      .map((node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set(
          Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)),
        );
        return { text: node.textContent ?? "", lines: lines.size };
      }),
  );
  assert.ok(numbers.length > 0, "card numbers are on the page");
  for (const number of numbers) {
    assert.equal(number.lines, 1, `"${number.text}" is on one line`);
    assert.doesNotMatch(number.text, / /, `"${number.text}" has no breakable space`);
    assert.doesNotMatch(number.text, /\*/, `"${number.text}" masks with • only`);
  }
  const text = (await scope.textContent()) ?? "";
  assert.doesNotMatch(text, /\*{2,}/, "no **** anywhere");
}

async function fits(page: Page, what: string) {
  assert.deepEqual(await overflowing(page), [], `${what} fits 375 px`);
}

/**
 * The send form at 375 px: the paying card shows its masked number and its
 * whole balance; nothing overflows; the confirm screen keeps numbers whole with
 * one masking glyph. Goes back to the form without sending.
 */
export async function sendFormFitsPhone(page: Page, receiverNumber: string, balance: string) {
  await page.goto("/send");
  const from = page.getByRole("group", { name: "Qaysi kartadan" });
  const choice = from.getByTestId("from-card");
  await choice.first().waitFor();
  await choice.first().getByText(balance, { exact: true }).waitFor();
  await choice
    .first()
    .getByText(/^7777\s••••\s••••\s\d{4}$/)
    .waitFor();
  assert.ok(await choice.first().getByRole("radio").isChecked(), "the first card is chosen");
  const balanceBox = await choice.first().locator(".from-card-balance").boundingBox();
  const choiceBox = await choice.first().boundingBox();
  assert.ok(
    balanceBox && choiceBox && balanceBox.x + balanceBox.width <= choiceBox.x + choiceBox.width,
  );
  await page.getByLabel("Qabul qiluvchi karta raqami").fill(receiverNumber);
  await page.getByTestId("lookup").getByText("Bobur K.").waitFor();
  await page.getByLabel("Summa").fill("500000");
  await fits(page, "the send form");
  await cardNumbersStayWhole(page);
  await shot(page, "s02-send-form-375");
  await page.getByRole("button", { name: "Davom etish" }).click();
  await page.getByRole("heading", { name: "O'tkazmani tasdiqlang" }).waitFor();
  await fits(page, "the confirm screen");
  await cardNumbersStayWhole(page);
  await shot(page, "s03-send-confirm-375");
  await page.getByRole("button", { name: "O'zgartirish" }).click();
  await page.getByRole("group", { name: "Qaysi kartadan" }).waitFor();
}

/** The cards and history screens at 375 px fit, and their numbers stay whole. */
export async function cardsAndHistoryFitPhone(page: Page) {
  await page.goto("/cards");
  await page.getByTestId("bank-card").first().waitFor();
  await page.getByRole("button", { name: "Karta raqamini ko'rsatish" }).first().click();
  await fits(page, "the cards screen");
  await cardNumbersStayWhole(page);
  await shot(page, "s04-cards-375");
  await page.goto("/history");
  await page.getByTestId("tx-row").first().waitFor();
  await fits(page, "the history screen");
  await cardNumbersStayWhole(page);
  await shot(page, "s05-history-375");
  await page.getByTestId("tx-row").first().click();
  await page.getByRole("article", { name: "Chek" }).waitFor();
  await fits(page, "a receipt");
  await cardNumbersStayWhole(page);
}

/** Opens a section from the phone tab bar's "Yana" (More) sheet. */
export async function openFromMore(page: Page, section: string) {
  await page.locator(".tabbar").getByRole("button", { name: "Yana" }).click();
  const sheet = page.getByRole("dialog", { name: "Yana" });
  await sheet.getByRole("link", { name: section }).click();
  await sheet.waitFor({ state: "hidden" });
}

/**
 * At 375 px, Saved cards and Premium are reachable from the tab bar's "Yana"
 * sheet; every tab label is whole; the sheet closes once a section is chosen.
 */
export async function phoneNavReachesEverySection(page: Page) {
  await page.goto("/dashboard");
  const tabbar = page.locator(".tabbar");
  await tabbar.getByRole("button", { name: "Yana" }).waitFor();
  const clipped = await tabbar.locator(":scope > a, :scope > button").evaluateAll((nodes) =>
    nodes
      .filter((node) => {
        const tab = node.getBoundingClientRect();
        const label = node.querySelector("span")?.getBoundingClientRect();
        return (
          !label ||
          node.scrollWidth > node.clientWidth + 1 ||
          label.left < tab.left - 0.5 ||
          label.right > tab.right + 0.5 ||
          tab.right > document.documentElement.clientWidth + 0.5
        );
      })
      .map((node) => node.textContent),
  );
  assert.equal(
    await tabbar.locator(":scope > a, :scope > button").count(),
    6,
    "five sections and More",
  );
  assert.deepEqual(clipped, [], "no tab label is clipped");
  await tabbar.getByRole("button", { name: "Yana" }).click();
  const sheet = page.getByRole("dialog", { name: "Yana" });
  await sheet.getByRole("link", { name: "Saqlangan kartalar" }).waitFor();
  await sheet.getByRole("link", { name: "Premium" }).waitFor();
  await shot(page, "s06-more-sheet-375");
  await sheet.getByRole("link", { name: "Saqlangan kartalar" }).click();
  await page.waitForURL(/\/saved-cards$/);
  await sheet.waitFor({ state: "hidden" });
  await openFromMore(page, "Premium");
  await page.waitForURL(/\/premium$/);
  await page.getByTestId("premium-price").waitFor();
  await fits(page, "the premium screen");
}

/** With no saved cards there is nothing to search: no search field. */
export async function noSearchWithoutSavedCards(page: Page) {
  await page.getByText("Saqlangan kartalar yo'q").waitFor();
  assert.equal(await page.getByLabel("Qidiruv", { exact: true }).count(), 0);
}

/** The "saved" banner is news until the user edits the form again. */
export async function savedBannerClearsOnEdit(form: Locator) {
  const banner = form.getByText("Karta saqlandi");
  await banner.waitFor();
  await form.getByLabel("Nomi").fill("O");
  await banner.waitFor({ state: "detached" });
}

/**
 * The platform card is Cho'ntak, not a person: the premium payment's row names
 * Cho'ntak with what was paid instead of a card, and so does its receipt.
 */
export async function platformIsCalledChontak(page: Page) {
  await page.goto("/history");
  const row = page.getByTestId("tx-row").filter({ hasText: "Premium obuna" }).first();
  await row.waitFor();
  assert.equal((await row.locator(".tx-title").textContent())?.trim(), "Cho'ntak");
  assert.doesNotMatch((await row.textContent()) ?? "", /Chontak P\.|0000/);
  const list = (await page.locator("main").textContent()) ?? "";
  assert.doesNotMatch(list, /Chontak P\./);
  await row.click();
  const receipt = page.getByRole("article", { name: "Chek" });
  await receipt.getByTestId("receipt-platform").getByText("Cho'ntak", { exact: true }).waitFor();
  await receipt.getByText("Cho'ntak xizmati hisobi").waitFor();
  assert.doesNotMatch((await receipt.textContent()) ?? "", /Chontak P\.|••••\s0000/);
  await shot(page, "s07-platform-receipt-375");
}

/**
 * The send screen says a card that cannot receive cannot receive (the API does
 * not tell a stranger why: it may also not exist), and Continue stays off.
 */
export async function receiverCannotReceive(page: Page, blockedNumber: string) {
  await page.goto("/send");
  await page.getByLabel("Qabul qiluvchi karta raqami").fill(blockedNumber);
  const lookup = page.getByTestId("lookup");
  await lookup
    .getByText(/^Bu kartaga pul o'tkazib bo'lmaydi: karta topilmadi yoki to'lov qabul qilmaydi/)
    .waitFor();
  assert.equal(await lookup.getByText("Qabul qiluvchi karta topilmadi").count(), 0);
  assert.ok(await page.getByRole("button", { name: "Davom etish" }).isDisabled());
}

/**
 * The plan-limit refusal asks to freeze another card first; once the user does,
 * the refusal is no longer shown, and activating now works.
 */
export async function limitRefusalClearsOnceAnotherCardIsFrozen(page: Page) {
  const limited = page
    .locator(".card-grid > li")
    .filter({ has: page.getByTestId("card-limit-frozen") });
  const refusal = limited.getByRole("alert").filter({ hasText: /Avval boshqa kartani muzlating/ });
  await refusal.waitFor();
  const other = page.locator(".card-grid > li").filter({
    has: page.getByRole("button", { name: "Muzlatish" }),
  });
  await other.getByRole("button", { name: "Muzlatish" }).click();
  const dialog = page.getByRole("dialog", { name: "Kartani muzlatasizmi?" });
  await dialog.getByRole("button", { name: "Muzlatish" }).click();
  await dialog.waitFor({ state: "hidden" });
  await refusal.waitFor({ state: "detached" });
  await limited.getByRole("button", { name: "Faollashtirish" }).click();
  await page.getByTestId("card-limit-frozen").waitFor({ state: "detached" });
  await page
    .getByTestId("card-status")
    .filter({ hasText: /^Faol$/ })
    .waitFor();
  await shot(page, "s08-limit-cleared-375");
}

/**
 * The user's own card that cannot receive is named with its state (their own
 * cards are known to the app), rather than the neutral text strangers get.
 */
export async function ownInactiveCardNamedOnSend(page: Page, ownFrozenNumber: string) {
  await page.goto("/send");
  await page.getByLabel("Qabul qiluvchi karta raqami").fill(ownFrozenNumber);
  await page
    .getByTestId("lookup")
    .getByText(
      /kartangiz faol emas va pul qabul qilmaydi\. Uni «Kartalar» bo'limida faollashtiring\.$/,
    )
    .waitFor();
  assert.ok(await page.getByRole("button", { name: "Davom etish" }).isDisabled());
}

/**
 * Puts the user's money card back in use: the card activated in its place is
 * frozen again and the first card (with the balance) is activated, so later
 * steps can pay from it.
 */
export async function reactivateFirstCard(page: Page, firstCard: string) {
  await page.goto("/cards");
  const rows = page.locator(".card-grid > li");
  const active = rows.filter({ has: page.getByRole("button", { name: "Muzlatish" }) });
  await active.getByRole("button", { name: "Muzlatish" }).click();
  const dialog = page.getByRole("dialog", { name: "Kartani muzlatasizmi?" });
  await dialog.getByRole("button", { name: "Muzlatish" }).click();
  await dialog.waitFor({ state: "hidden" });
  const first = rows.filter({ hasText: new RegExp(`••••\\s${firstCard.slice(-4)}`) });
  await first.getByRole("button", { name: "Faollashtirish" }).click();
  await first
    .getByTestId("card-status")
    .filter({ hasText: /^Faol$/ })
    .waitFor();
}
