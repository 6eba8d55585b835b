// Accessibility in the browser: axe-core on every page of the app in each UI
// language (no serious or critical violation), <html lang> following
// the language, and a visible keyboard focus ring.
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export type Language = "uz" | "ru" | "en";
const LANGUAGE_KEY = "chontak.language";
// WCAG 2.0–2.2 A and AA, and axe's best practices (landmarks, heading order, …).
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The page is drawn: its heading (or its empty state) is there and nothing is loading. */
async function settled(page: Page) {
  await page.locator("h1, h2, main .state").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".spinner"));
}

async function audit(page: Page, name: string, language: Language, findings: Finding[]) {
  await settled(page);
  assert.equal(
    await page.evaluate(() => document.documentElement.lang),
    language,
    `<html lang> on ${name}`,
  );
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  for (const violation of serious) {
    findings.push({
      page: name,
      rule: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    });
  }
  const lesser = results.violations.filter((violation) => !serious.includes(violation));
  const rules = lesser.map((violation) => `${violation.id}:${violation.impact}`).join(",");
  return `${name} ${serious.length}${rules ? ` (${rules})` : ""}`;
}

async function rememberLanguage(page: Page, language: Language) {
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key as string, value as string),
    [LANGUAGE_KEY, language],
  );
}

/**
 * Every page — public, the user's (with data) and the admin's — in one language.
 * Prints one line per language: each page with its count of serious or critical
 * violations. The user's card must be active and the receiver's card able to receive.
 */
export async function everyPageIsAccessible(
  pages: { guest: Page; user: Page; admin: Page },
  language: Language,
  data: {
    receiverCard: string;
    transactionId: string;
    paymentRequestId?: string;
    /** A signed receipt (the public check is audited genuine and, altered, not genuine). */
    receiptToken?: string;
  },
) {
  const findings: Finding[] = [];
  const report: string[] = [];
  const { guest, user, admin } = pages;

  await guest.goto("/login");
  await rememberLanguage(guest, language);
  for (const [name, path] of [
    ["login", "/login"],
    ["register", "/register"],
  ] as const) {
    await guest.goto(path);
    report.push(await audit(guest, name, language, findings));
  }
  if (data.receiptToken) {
    const [header, , signature] = data.receiptToken.split(".");
    const altered = `${header}.${Buffer.from('{"v":1}').toString("base64url")}.${signature}`;
    for (const [name, token] of [
      ["receipt-check", data.receiptToken],
      ["receipt-check-forged", altered],
    ] as const) {
      await guest.goto(`/r/${token}`);
      await guest.getByTestId("receipt-verdict").waitFor();
      report.push(await audit(guest, name, language, findings));
    }
  }

  await rememberLanguage(user, language);
  for (const [name, path] of [
    ["dashboard", "/dashboard"],
    ["cards", "/cards"],
    ["history", "/history"],
    ["receipt", `/history/${data.transactionId}`],
    ["saved-cards", "/saved-cards"],
    ["premium", "/premium"],
    ["profile", "/profile"],
    ["requests", "/requests"],
    ...(data.paymentRequestId ? [["pay", `/pay/${data.paymentRequestId}`] as const] : []),
    ["not-found", "/no-such-page"],
  ] as const) {
    await user.goto(path);
    report.push(await audit(user, name, language, findings));
  }
  await user.goto("/cards");
  await user.getByTestId("bank-card").nth(1).waitFor();
  await everyDialogIsNamedByItsOwnTitle(user);
  await user.locator(".card-status-action .btn-secondary").first().click();
  await user.getByRole("dialog").waitFor();
  report.push(await audit(user, "freeze-dialog", language, findings));
  await user.keyboard.press("Escape");
  await user.getByRole("dialog").waitFor({ state: "hidden" });
  const cardPage = await user.locator(".bank-card-link").first().getAttribute("href");
  await user.goto(cardPage ?? "/cards");
  report.push(await audit(user, "card", language, findings));

  // The user is logged in on another device too (an earlier step's second browser).
  await user.goto("/profile");
  await user.getByTestId("devices").locator(".row .btn-danger").click();
  await user.getByRole("dialog").waitFor();
  report.push(await audit(user, "devices-dialog", language, findings));
  await user.keyboard.press("Escape");
  await user.getByRole("dialog").waitFor({ state: "hidden" });

  await user.goto("/send");
  await user.getByTestId("receiver-kind-phone").click();
  await user.locator("input[type=tel]").first().waitFor();
  report.push(await audit(user, "send-by-phone", language, findings));
  await user.getByTestId("receiver-kind-card").click();
  await user.locator("input[inputmode=numeric]").first().fill(data.receiverCard);
  await user.getByTestId("lookup").locator(".lookup-owner").waitFor();
  await user.locator("input[inputmode=decimal]").first().fill("5000");
  report.push(await audit(user, "send", language, findings));
  await user.locator("form button[type=submit]").click();
  await user.getByTestId("confirm-owner").waitFor();
  report.push(await audit(user, "send-confirm", language, findings));

  await rememberLanguage(admin, language);
  await admin.goto("/admin");
  await settled(admin);
  const tabs = admin.getByRole("tab");
  const tabCount = await tabs.count();
  assert.ok(tabCount >= 5, "the admin page has its tabs");
  for (let index = 0; index < tabCount; index += 1) {
    await tabs.nth(index).click();
    report.push(await audit(admin, `admin-tab${index + 1}`, language, findings));
  }

  console.log(`\n      ${language}: ${report.join(" · ")}`);
  assert.deepEqual(
    findings,
    [],
    `serious or critical accessibility violations (${language}):\n${findings
      .map((f) => `  ${f.page}: ${f.rule} (${f.impact}) ${f.help}\n    ${f.targets.join("\n    ")}`)
      .join("\n")}`,
  );
}

/** Each dialog is named: by a title inside that dialog (not another one's), or by its own label. */
async function everyDialogIsNamedByItsOwnTitle(page: Page) {
  const dialogs = await page.evaluate(() =>
    Array.from(document.querySelectorAll("dialog")).map((dialog) => {
      // A sheet without a visible title (the phone's "More") is named by aria-label.
      if (!dialog.hasAttribute("aria-labelledby"))
        return Boolean(dialog.getAttribute("aria-label"));
      const title = document.getElementById(dialog.getAttribute("aria-labelledby") ?? "");
      return Boolean(title && dialog.contains(title));
    }),
  );
  assert.ok(dialogs.length >= 2, "the cards page has a dialog per card");
  assert.deepEqual(
    dialogs,
    dialogs.map(() => true),
    "every dialog is named by its own title",
  );
}

/** Back to the default language for the steps that read Uzbek text. */
export async function resetLanguage(pages: Page[]) {
  for (const page of pages) await rememberLanguage(page, "uz");
}

/**
 * Tabbing through a page, every focused control draws a solid outline of at least
 * 2 px (the browser's own ring is not left to chance, and nothing removes it).
 */
export async function keyboardFocusIsVisible(page: Page) {
  await page.goto("/dashboard");
  await settled(page);
  const seen: string[] = [];
  for (let press = 0; press < 12; press += 1) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      return {
        name: `${element.tagName.toLowerCase()}.${element.className}`,
        style: style.outlineStyle,
        width: Number.parseFloat(style.outlineWidth),
        visible: element.matches(":focus-visible"),
      };
    });
    if (!focus) continue;
    seen.push(focus.name);
    assert.ok(focus.visible, `${focus.name} matches :focus-visible`);
    assert.equal(focus.style, "solid", `${focus.name} draws an outline`);
    assert.ok(focus.width >= 2, `${focus.name} outline is ${focus.width}px`);
  }
  assert.ok(seen.length >= 8, `reached controls: ${seen.join(", ")}`);
}
