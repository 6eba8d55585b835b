// Devices on the profile page: a login from a second browser shows up there, the
// first logs it out (one device, then all others), and the second is sent to the
// login page at its next step.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** The second device's browser: an iPhone's Safari, as its User-Agent says. */
export const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

const rows = (page: Page) => page.getByTestId("devices").getByTestId("device-row");
/** The row of this device: it carries the "Bu qurilma" badge. */
const currentRow = (page: Page) =>
  rows(page).filter({ has: page.getByText("Bu qurilma", { exact: true }) });

/** On the profile, both devices are listed: this one marked "Bu qurilma", the iPhone named. */
export async function bothDevicesListed(first: Page) {
  await first.goto("/profile");
  const devices = first.getByTestId("devices");
  await devices.getByRole("heading", { name: "Qurilmalar" }).waitFor();
  await devices.getByText("Safari 17 · iPhone").waitFor();
  assert.equal(await rows(first).count(), 2, "the two logins");
  const current = currentRow(first);
  assert.equal(await current.count(), 1, "exactly one row is this device");
  assert.match((await current.textContent()) ?? "", /Chrome \d+ · Linux/);
  assert.equal(
    await current.getByRole("button", { name: "Bu qurilmadan chiqish" }).count(),
    0,
    "this device is logged out with the usual log out, not from the list",
  );
  const other = rows(first).filter({ hasText: "Safari 17 · iPhone" });
  await other.getByText(/Hozir faol/).waitFor();
}

/** "Bu qurilmadan chiqish" on the iPhone's row, confirmed: the row goes. */
export async function logOutTheOtherDevice(first: Page) {
  const other = rows(first).filter({ hasText: "Safari 17 · iPhone" });
  await other.getByRole("button", { name: "Bu qurilmadan chiqish" }).click();
  const dialog = first.getByRole("dialog", { name: "Qurilmadan chiqasizmi?" });
  await dialog.getByText("Safari 17 · iPhone hisobingizdan darhol chiqariladi").waitFor();
  await dialog.getByRole("button", { name: "Bu qurilmadan chiqish" }).click();
  await other.waitFor({ state: "detached" });
  assert.equal(await rows(first).count(), 1, "only this device is left");
  assert.equal(
    await first.getByRole("button", { name: "Boshqa barcha qurilmalardan chiqish" }).count(),
    0,
    "nothing else to log out",
  );
}

/** The device that was logged out: its next move in the app lands on the login page. */
export async function loggedOutDeviceLandsOnLogin(second: Page) {
  await second.getByRole("link", { name: "Tarix" }).first().click();
  await second.waitForURL(/\/login\?expired=1$/);
  await second.getByText("Sessiya tugadi").waitFor();
  assert.equal(await second.evaluate(() => localStorage.getItem("chontak.refresh_token")), null);
}

/** "Boshqa barcha qurilmalardan chiqish", confirmed: only this device is left, and it works. */
export async function logOutAllOtherDevices(first: Page) {
  await first.goto("/profile");
  await first.getByTestId("devices").getByText("Safari 17 · iPhone").waitFor();
  await first.getByRole("button", { name: "Boshqa barcha qurilmalardan chiqish" }).click();
  const dialog = first.getByRole("dialog", { name: "Boshqa qurilmalardan chiqasizmi?" });
  await dialog.getByText("1 ta boshqa qurilma hisobingizdan darhol chiqariladi").waitFor();
  await dialog.getByRole("button", { name: "Boshqa barcha qurilmalardan chiqish" }).click();
  await rows(first).filter({ hasText: "Safari 17 · iPhone" }).waitFor({ state: "detached" });
  assert.equal(await rows(first).count(), 1);
  await first.reload();
  await currentRow(first).waitFor();
}
