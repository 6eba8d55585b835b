// Receipt actions in the browser: share (the clipboard where the browser has no
// share sheet), download as a PNG, and repeat a payment (only its sender can).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const spaced = (number: string) => number.replace(/(\d{4})(?=\d)/g, "$1 ");

/** On a receipt the sender sees: "Ulashish" copies its text, with the amount and the masked card. */
export async function shareCopiesTheReceipt(page: Page, receiverCard: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: new URL(page.url()).origin,
  });
  assert.equal(
    await page.evaluate(() => typeof navigator.share),
    "undefined",
    "headless Chromium on Linux has no share sheet, so the fallback is what is tested",
  );
  await page.getByRole("button", { name: "Ulashish" }).click();
  await page.getByText("Chek matni nusxalandi").waitFor();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /25 250,00 so'm/, "the total debited");
  assert.match(text, /25 000,00 so'm/, "the amount");
  assert.ok(
    text.includes(`7777 •••• •••• ${receiverCard.slice(-4)} Bobur K.`),
    `the receiver's card masked, in:\n${text}`,
  );
  assert.ok(!text.includes(receiverCard), "never the receiver's full number");
}

/** "Yuklab olish" saves the receipt as a PNG named after its day and id. */
export async function downloadSavesAPng(page: Page, transactionId: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Yuklab olish" }).click(),
  ]);
  assert.match(
    download.suggestedFilename(),
    new RegExp(`^chontak-receipt-\\d{4}-\\d{2}-\\d{2}-${transactionId.slice(0, 8)}\\.png$`),
  );
  const file = await readFile(await download.path());
  assert.deepEqual(file.subarray(0, 8), PNG_SIGNATURE, "a PNG file");
  assert.ok(file.length > 10_000, `a real picture of the receipt, not ${file.length} bytes`);
}

/**
 * "To'lovni takrorlash" on the sender's receipt opens the send form with the same
 * receiver and amount; nothing is sent before the confirm.
 */
export async function repeatPrefillsTheSendForm(
  page: Page,
  transactionId: string,
  receiverCard: string,
) {
  const posts: string[] = [];
  const watch = (request: { url(): string; method(): string }) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/transactions") {
      posts.push(request.url());
    }
  };
  page.on("request", watch);
  await page.goto(`/history/${transactionId}`);
  await page.getByRole("article", { name: "Chek" }).getByText(transactionId).waitFor();
  await page.getByRole("link", { name: "To'lovni takrorlash" }).click();
  await page.waitForURL(new RegExp(`/send\\?repeat=${transactionId}$`));
  const number = page.getByLabel("Qabul qiluvchi karta raqami");
  await number.waitFor();
  assert.equal(await number.inputValue(), spaced(receiverCard));
  assert.match(await page.getByLabel("Summa").inputValue(), /^25 000(,00)?$/);
  await page.getByTestId("lookup").getByText("Bobur K.").waitFor();
  await page.getByTestId("quote").getByText("25 250,00 so'm").waitFor();
  await page.getByRole("button", { name: "Davom etish" }).click();
  await page.getByRole("heading", { name: "O'tkazmani tasdiqlang" }).waitFor();
  assert.equal(await page.getByTestId("confirm-owner").textContent(), "Bobur K.");
  page.off("request", watch);
  assert.deepEqual(posts, [], "nothing is sent before the user confirms");
}

/** The receiver of a payment and a deposit's receipt offer no repeat (share and download stay). */
export async function noRepeatForReceiverOrDeposit(page: Page) {
  await page.goto("/history?direction=in");
  await page.getByTestId("tx-row").first().click();
  const receipt = page.getByRole("article", { name: "Chek" });
  await receipt.waitFor();
  await page.getByRole("button", { name: "Yuklab olish" }).waitFor();
  await page.getByRole("button", { name: "Ulashish" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "To'lovni takrorlash" }).count(), 0);
}
