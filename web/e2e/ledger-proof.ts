// The ledger proof in the admin UI: the admin recomputes every hash chain and sees
// them intact, with the daily digests listed below.
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Admin → "Balans tekshiruvi" → "Zanjirlarni tekshirish": every chain is intact. */
export async function everyChainIsIntact(admin: Page) {
  await admin.getByRole("link", { name: "Admin" }).first().click();
  await admin.getByRole("tab", { name: "Balans tekshiruvi" }).click();
  await admin.getByRole("heading", { name: "Reyestr yaxlitligi isboti" }).waitFor();
  await admin.getByRole("button", { name: "Zanjirlarni tekshirish", exact: true }).click();
  const proof = admin.getByTestId("ledger-proof");
  await proof.getByText("Barcha zanjirlar butun").waitFor();
  assert.equal(await admin.getByTestId("ledger-proof-broken").count(), 0, "no broken link");
  const entries = Number(
    await proof.locator("dt", { hasText: "Yozuvlar" }).locator("xpath=../dd").textContent(),
  );
  assert.ok(entries > 0, "the run's cash-ins and payments are in the chains");
  // The Cron Trigger records digests; whether or not one exists yet, the list answers.
  await admin
    .getByTestId("ledger-digests")
    .or(admin.getByText("Hali dayjest yozilmagan"))
    .first()
    .waitFor();
  // The panel with a proof drawn: the page-wide axe run sees it before the proof only.
  const results = await new AxeBuilder({ page: admin })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  assert.deepEqual(
    serious.map((v) => v.id),
    [],
    "no serious or critical axe violation with the proof shown",
  );
}
