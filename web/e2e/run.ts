// End-to-end browser test of the web app against the real local stack.
//
//   npm run test:e2e -w web
//
// Starts Postgres/PgBouncer/WS proxy/Redis/Upstash bridge (dev/stack, a fresh
// `chontak_e2e_*` database of its own, dropped afterwards), seeds an admin, runs the API under
// `wrangler dev`, builds the web app with VITE_API_URL and serves it with
// `vite preview`, then drives Debian's Chromium through playwright-core:
// register → open a card → activate → admin cash-in (admin UI) → send money with
// the commission shown → receipt → history on both sides, saved cards (save,
// search, rename, delete, send to one), premium (buy, cancel renewal), the avatar
// (upload, refused file, delete), the admin lists and ledger check, a card the bank
// blocks (with a reason) and reopens, a card frozen by the plan's limit, plus the
// session refresh and logout paths. Screenshots go to test-results/e2e/*.png.
// Exits non-zero on the first failure.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { seedAdmin } from "../../dev/seed.ts";
import { type Stack, startStack } from "../../dev/stack/index.ts";
import { freePort, sleep } from "../../dev/stack/ports.ts";
import { everyPageIsAccessible, keyboardFocusIsVisible, resetLanguage } from "./a11y.ts";
import * as adminFlows from "./admin.ts";
import * as fourEyes from "./four-eyes.ts";
import * as inputs from "./inputs.ts";
import * as ledgerProof from "./ledger-proof.ts";
import * as passkeys from "./passkeys.ts";
import * as paymentRequests from "./payment-requests.ts";
import {
  checkDashboardFirstPaint,
  checkInitialJs,
  checkInstallable,
  checkLoginFirstPaint,
  clickTwiceAtOnce,
} from "./perf.ts";
import * as phone from "./phone.ts";
import {
  downloadSavesAPng,
  noRepeatForReceiverOrDeposit,
  repeatPrefillsTheSendForm,
  shareCopiesTheReceipt,
} from "./receipt.ts";
import * as receiptsVerify from "./receipts-verify.ts";
import * as sessions from "./sessions.ts";
import * as statements from "./statements.ts";
import * as states from "./states.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WEB = path.join(ROOT, "web");
const OUT = path.join(ROOT, "test-results", "e2e");
const BIN = path.join(ROOT, "node_modules", ".bin");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const MOBILE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 860 };
/** A 1×1 PNG. */
const TINY_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const ADMIN = { phone: "+998900000001", password: "admin-password-123" };

const children: ChildProcess[] = [];
const contexts: BrowserContext[] = [];
const browsers: Browser[] = [];
const tempDirs: string[] = [];
let stack: Stack | undefined;

/**
 * What a page reported that a normal session never shows: an uncaught error, a
 * console error (failed responses included: Chromium logs each one with its URL),
 * or a React Router warning.
 */
interface PageProblem {
  text: string;
  /** Set for a failed response: its HTTP status and URL. */
  status?: number;
  url?: string;
}
const pageProblems: PageProblem[] = [];

/** A failure the step provokes on purpose: a response with this status on this path. */
interface ExpectedFailure {
  /** The HTTP status, or 0 for a request that got no answer. */
  status: number;
  path: string | RegExp;
}
let expectedFailures: ExpectedFailure[] = [];

/** Declares, inside a step, the failed responses it provokes on purpose. */
function provokes(...failures: ExpectedFailure[]) {
  expectedFailures.push(...failures);
}

const describeProblem = (problem: PageProblem) =>
  problem.url ? `${problem.text} (${problem.url})` : problem.text;

function isExpected(problem: PageProblem, expected: ExpectedFailure) {
  if (problem.status !== expected.status || !problem.url) return false;
  const { pathname } = new URL(problem.url);
  return typeof expected.path === "string"
    ? pathname === expected.path
    : expected.path.test(pathname);
}

// ---------- tiny runner ----------

let stepNo = 0;
/**
 * E2E_ONLY=<regex> runs only the steps whose names match (for working on one
 * part of the story; those steps must then set up what they need themselves).
 */
const onlySteps = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, "i") : null;
/**
 * Runs one step; it fails on any page problem it produced, except the failed
 * responses it declares with `provokes` (each of which must have happened).
 */
async function step(name: string, run: () => Promise<void>) {
  stepNo += 1;
  if (onlySteps && !onlySteps.test(name)) return;
  const started = Date.now();
  process.stdout.write(`  ${String(stepNo).padStart(2)}. ${name} … `);
  expectedFailures = [];
  await run();
  const expected = expectedFailures;
  const problems = pageProblems.splice(0);
  const unexpected = problems.filter((problem) => !expected.some((e) => isExpected(problem, e)));
  assert.deepEqual(unexpected.map(describeProblem), [], "errors reported by the page");
  for (const failure of expected) {
    assert.ok(
      problems.some((problem) => isExpected(problem, failure)),
      `the step provokes ${failure.status} on ${failure.path}`,
    );
  }
  console.log(`ok (${Date.now() - started} ms)`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

// ---------- processes ----------

function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
) {
  const log = createWriteStream(path.join(OUT, `${name}.log`));
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true, // its own process group, so stopping it stops its children too
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  children.push(child);
  return child;
}

function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
) {
  const child = start(name, command, args, options);
  return new Promise<void>((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${name} exited with ${code}; see test-results/e2e/${name}.log`)),
    ),
  );
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(300);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function cleanup() {
  for (const context of contexts) await context.close().catch(() => undefined);
  for (const browser of browsers) await browser.close().catch(() => undefined);
  for (const child of children) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  await stack?.close().catch(() => undefined);
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
}

// ---------- browser helpers ----------

/** React Router's own warnings (a missing HydrateFallback, unmatched routes, …). */
const ROUTER_WARNING = /React Router|HydrateFallback|No routes matched|<Navigate>/;

function watchProblems(page: Page, who: string) {
  page.on("pageerror", (error) => pageProblems.push({ text: `${who}: uncaught ${error.message}` }));
  page.on("console", (message) => {
    const type = message.type();
    const text = message.text();
    if (type === "error") {
      // A failed response says its status; a request that got no answer (a network
      // failure a step provokes) counts as status 0.
      const status =
        /status of (\d{3})/.exec(text)?.[1] ?? (/net::ERR_/.test(text) ? "0" : undefined);
      const url = message.location().url || undefined;
      pageProblems.push({
        text: `${who}: console.error ${text}`,
        ...(status ? { status: Number(status), url } : url ? { url } : {}),
      });
    } else if (type === "warning" && ROUTER_WARNING.test(text)) {
      pageProblems.push({ text: `${who}: console.warn ${text}` });
    }
  });
}

async function newUser(viewport: { width: number; height: number }, webUrl: string) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "chontak-e2e-chromium-"));
  tempDirs.push(userDataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    baseURL: webUrl,
    locale: "uz-UZ",
    timezoneId: "Asia/Tashkent",
  });
  contexts.push(context);
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  watchProblems(page, `${viewport.width}px`);
  return page;
}

/** A random, unused-looking Uzbek phone number. */
const randomPhone = () => `+99899${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

async function register(page: Page, fullName: string, phone: string, password: string) {
  await page.goto("/register");
  await page.getByLabel("Ism va familiya").fill(fullName);
  await page.getByLabel("Telefon raqam").fill(phone);
  await page.getByLabel("Parol", { exact: true }).fill(password);
  await page.getByLabel("Parolni tasdiqlang").fill(password);
}

async function logIn(page: Page, phone: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Telefon raqam").fill(phone);
  await page.getByLabel("Parol", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Kirish", exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
}

async function openAndActivateCard(page: Page): Promise<string> {
  await page.goto("/cards");
  await states.oneOpenCardButtonWhenEmpty(page);
  await page.getByRole("button", { name: "Karta ochish" }).click();
  await page.waitForURL(/\/cards\/[0-9a-f-]{36}$/);
  const card = page.getByTestId("bank-card");
  await states.newCardSaysNotActivated(page);
  await page.getByRole("button", { name: "Faollashtirish" }).click();
  await card.getByText("Faol", { exact: true }).waitFor();
  await states.activatedCardHasNoNewCardNotice(page);
  await card.getByRole("button", { name: "Karta raqamini ko'rsatish" }).click();
  const number = (await card.getByTestId("card-number").textContent())?.replace(/\s/g, "") ?? "";
  assert.match(number, /^7777\d{12}$/, "the full card number is shown after the eye is pressed");
  return number;
}

/** A checksum-valid 7777 number that no card has (random middle digits). */
function outsideCardNumber(): string {
  const middle = Array.from({ length: 10 }, () => Math.floor(Math.random() * 10));
  const odd = middle.filter((digit) => digit % 2 === 1).reduce((sum, digit) => sum + digit, 0);
  const even = middle.filter((digit) => digit % 2 === 0).reduce((sum, digit) => sum + digit, 0);
  return `7777${middle.join("")}${odd % 10}${even % 10}`;
}

// ---------- the scenario ----------

async function main() {
  process.chdir(ROOT); // the stack finds migrations/ and .data/ relative to the repo root
  await mkdir(OUT, { recursive: true });
  console.log("e2e: starting the stack");
  stack = await startStack({
    // A database of its own per run, so two runs on one machine never collide.
    databaseName: `chontak_e2e_${process.pid}_${Date.now()}`,
    ephemeral: true,
    workDir: path.join(ROOT, ".data"),
  });
  await seedAdmin(stack.directDatabaseUrl, ADMIN, 4);

  const [apiPort, webPort, inspectorPort] = [await freePort(), await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  // WebAuthn needs a domain for its RP ID (an IP address cannot be one): the
  // passkey steps open the same web app on localhost.
  const localhostWebUrl = `http://localhost:${webPort}`;
  const vars: Record<string, string> = {
    ...stack.bindings,
    JWT_SECRET: "e2e-secret-that-is-long-enough-for-hs256-0123456789",
    BCRYPT_COST: "4",
    CORS_ORIGINS: `${webUrl},${localhostWebUrl}`,
    WEBAUTHN_RP_ID: "localhost",
    WEBAUTHN_ORIGINS: localhostWebUrl,
    // Every run registers and logs in several people from one IP.
    RATE_LIMIT_MULTIPLIER: "100",
  };
  start(
    "wrangler",
    path.join(BIN, "wrangler"),
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(apiPort),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      path.join(OUT, "wrangler-state"),
      ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
    ],
    { cwd: ROOT, env: { WRANGLER_SEND_METRICS: "false" } },
  );

  console.log("e2e: building the web app");
  const dist = path.join(OUT, "dist");
  await run("vite-build", path.join(BIN, "vite"), ["build", "--outDir", dist, "--emptyOutDir"], {
    cwd: WEB,
    env: { VITE_API_URL: apiUrl },
  });
  start(
    "vite-preview",
    path.join(BIN, "vite"),
    ["preview", "--outDir", dist, "--host", "127.0.0.1", "--port", String(webPort), "--strictPort"],
    { cwd: WEB },
  );
  await waitFor(`${apiUrl}/api/health`, 90_000);
  await waitFor(webUrl, 30_000);
  console.log(`e2e: API ${apiUrl}, web ${webUrl}\n`);

  // Fresh contexts of one browser: each load starts with an empty cache.
  const coldBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  browsers.push(coldBrowser);
  const watchCold = (page: Page) => watchProblems(page, "cold load");

  await step("initial JS (entry + modulepreloads) is within 200 KiB gzip", () =>
    checkInitialJs(dist),
  );
  await step(
    "cold /login: splash before any script, paints within 1 s, no charts or admin code",
    () => checkLoginFirstPaint(coldBrowser, webUrl, dist, watchCold),
  );

  const alice = { name: "Alisher Valiyev", phone: randomPhone(), password: "alisher-pass-1" };
  const bobur = { name: "Bobur Karimov", phone: randomPhone(), password: "bobur-pass-12" };
  const a = await newUser(MOBILE, webUrl);
  const b = await newUser(DESKTOP, webUrl);
  let aliceCard = "";
  let boburCard = "";
  let transactionId = "";

  await step("register shows the server's rules before submitting (375 px)", async () => {
    await register(a, "A", "+99890", "short");
    await a.getByRole("button", { name: "Ro'yxatdan o'tish" }).click();
    await a.getByText("Ism 2–50 belgidan iborat bo'lishi kerak").waitFor();
    await a.getByText("Raqam +998 va 9 ta raqamdan iborat bo'lishi kerak").waitFor();
    await a.getByText("Parol 8–72 baytdan iborat bo'lishi kerak").waitFor();
    await shot(a, "01-register-errors-375");
  });

  await step("register logs in and lands on the dashboard, balance hidden", async () => {
    await register(a, alice.name, alice.phone, alice.password);
    await a.getByRole("button", { name: "Ro'yxatdan o'tish" }).click();
    await a.waitForURL(/\/dashboard$/);
    await a.getByRole("heading", { name: "Assalomu alaykum, Alisher!" }).waitFor();
    await a.getByText("Hali kartangiz yo'q").first().waitFor();
    const balance = a.locator(".balance-value");
    assert.match((await balance.textContent()) ?? "", /••••••/);
    await a.getByRole("button", { name: "Balansni ko'rsatish" }).click();
    assert.equal(await balance.textContent(), "0,00 so'm");
    await states.emptyMonthTotalsAreNeutral(a);
    await shot(a, "02-dashboard-empty-375");
  });

  await step("open a card (frozen), activate it, show its number", async () => {
    aliceCard = await openAndActivateCard(a);
    await shot(a, "03-card-detail-375");
  });

  await step("a second card for role user: CARD_LIMIT under its button, with Premium", async () => {
    provokes({ status: 409, path: "/api/card" });
    await states.cardLimitUnderItsButton(a);
    await shot(a, "04-cards-limit-375");
  });

  await step("the receiver registers on desktop and activates a card", async () => {
    await register(b, bobur.name, bobur.phone, bobur.password);
    await b.getByRole("button", { name: "Ro'yxatdan o'tish" }).click();
    await b.waitForURL(/\/dashboard$/);
    boburCard = await openAndActivateCard(b);
  });

  await step("admin logs in and cashes in 1 000 000 so'm through the admin page", async () => {
    const admin = await newUser(DESKTOP, webUrl);
    await admin.goto("/login");
    await admin.getByLabel("Telefon raqam").fill(ADMIN.phone);
    await admin.getByLabel("Parol", { exact: true }).fill(ADMIN.password);
    await admin.getByRole("button", { name: "Kirish", exact: true }).click();
    await admin.waitForURL(/\/dashboard$/);
    await admin.getByRole("link", { name: "Admin" }).first().click();
    await admin.getByText("Kunlik ko'rsatkichlar").waitFor();
    await adminFlows.cashInWithConfirm(admin, aliceCard);
    await admin.getByText("Barcha kartalar balansi").waitFor();
    await shot(admin, "05-admin-desktop");
    await adminFlows.platformCardIsRefused(admin);
  });

  await step("a non-admin sees no admin section", async () => {
    assert.equal(await a.getByRole("link", { name: "Admin" }).count(), 0);
    await a.goto("/admin");
    await a.waitForURL(/\/dashboard$/);
  });

  await step("a reload refreshes the session once for all parallel requests", async () => {
    let refreshes = 0;
    const count = (request: { url(): string }) => {
      if (request.url().endsWith("/api/auth/refresh")) refreshes += 1;
    };
    a.on("request", count);
    await a.reload();
    await a.getByRole("heading", { name: "Assalomu alaykum, Alisher!" }).waitFor();
    await a.getByRole("button", { name: "Balansni ko'rsatish" }).click();
    await a.locator(".balance-value").getByText("1 000 000,00 so'm").waitFor();
    await a.getByText("+1 000 000,00 so'm").first().waitFor(); // recent transactions
    a.off("request", count);
    assert.equal(refreshes, 1, "exactly one refresh for the page's parallel requests");
    await shot(a, "06-dashboard-funded-375");
  });

  await step("cold /dashboard of a signed-in user paints within 1 s", () =>
    checkDashboardFirstPaint(coldBrowser, webUrl, apiUrl, alice, watchCold),
  );

  await step("installable: manifest and icons, service worker active, no API answer cached", () =>
    checkInstallable(a, apiUrl),
  );

  await step("send money: lookup, live commission, confirm, receipt", async () => {
    await a.getByRole("link", { name: "O'tkazma" }).last().click();
    await a.waitForURL(/\/send$/);
    await a.getByLabel("Qabul qiluvchi karta raqami").fill(boburCard);
    await a.getByTestId("lookup").getByText("Bobur K.").waitFor();
    await a.getByLabel("Summa").fill("25000");
    const quote = a.getByTestId("quote");
    await quote.getByText("250,00 so'm", { exact: true }).waitFor();
    await quote.getByText("25 250,00 so'm").waitFor();
    // The rate and the limits shown are the ones GET /api/terms serves for the role.
    await quote.getByText("(1%)").waitFor();
    await a.getByText("Bir o'tkazma miqdori: 2 000,00 so'm – 2 000 000,00 so'm").waitFor();
    await a.getByLabel("Izoh (ixtiyoriy)").fill("Tushlik uchun");
    await shot(a, "07-send-form-375");
    await a.getByRole("button", { name: "Davom etish" }).click();
    await a.getByRole("heading", { name: "O'tkazmani tasdiqlang" }).waitFor();
    assert.equal(await a.getByTestId("confirm-owner").textContent(), "Bobur K.");
    await shot(a, "08-send-confirm-375");
    await a.getByRole("button", { name: "Yuborish" }).click();
    await a.getByRole("heading", { name: "O'tkazma bajarildi" }).waitFor();
    const receipt = a.getByRole("article", { name: "Chek" });
    // The headline is what left the card: the amount and its commission.
    await receipt.locator(".receipt-amount", { hasText: "−25 250,00 so'm" }).waitFor();
    await receipt.getByText("25 000,00 so'm", { exact: true }).waitFor();
    await receipt.getByText("250,00 so'm", { exact: true }).waitFor();
    await receipt.getByText("25 250,00 so'm", { exact: true }).waitFor();
    await receipt.getByText("Tushlik uchun").waitFor();
    transactionId = (await receipt.locator(".receipt-id").textContent()) ?? "";
    assert.match(transactionId, /^[0-9a-f-]{36}$/);
    await shot(a, "09-receipt-375");
  });

  await step("the receipt's share copies its text here (no share sheet): amount, masked card", () =>
    shareCopiesTheReceipt(a, boburCard),
  );
  await step("the receipt downloads as a PNG named after its day and id", () =>
    downloadSavesAPng(a, transactionId),
  );
  await step(
    "375 px: the send form shows the paying card's whole balance; form and confirm fit",
    () => states.sendFormFitsPhone(a, boburCard, "974 750,00 so'm"),
  );

  await step("the sender's history shows it today, with its receipt", async () => {
    await a.goto("/history");
    const today = a.getByRole("region", { name: "Bugun" });
    const row = today.getByTestId("tx-row").filter({ hasText: "Bobur K." });
    await row.getByText("−25 250,00 so'm").waitFor();
    await shot(a, "10-history-375");
    await row.click();
    await a.waitForURL(new RegExp(`/history/${transactionId}$`));
    await a.getByRole("article", { name: "Chek" }).getByText(transactionId).waitFor();
  });

  await step("repeat opens the send form with the receiver and amount; nothing sent yet", () =>
    repeatPrefillsTheSendForm(a, transactionId, boburCard),
  );
  await step("a deposit's receipt offers no repeat", () => noRepeatForReceiverOrDeposit(a));

  await step("history filters: outgoing only, then incoming only", async () => {
    await a.goto("/history?direction=in");
    await a.getByTestId("tx-row").filter({ hasText: "+1 000 000,00 so'm" }).waitFor();
    assert.equal(await a.getByTestId("tx-row").filter({ hasText: "Bobur K." }).count(), 0);
    await a.getByLabel("Yo'nalish").selectOption("out");
    await a.getByRole("button", { name: "Qo'llash" }).click();
    await a.waitForURL(/direction=out/);
    await a.getByTestId("tx-row").filter({ hasText: "Bobur K." }).waitFor();
    assert.equal(await a.getByTestId("tx-row").count(), 1);
  });

  await step("375 px: cards, history and a receipt fit; card numbers never break", () =>
    states.cardsAndHistoryFitPhone(a),
  );

  await step("history dates: a calendar in Uzbek, dd.mm.yyyy, the list narrows", () =>
    inputs.historyDatePicker(a),
  );

  await step("the receiver's history and dashboard show the money (desktop)", async () => {
    await b.goto("/history");
    const row = b.getByRole("region", { name: "Bugun" }).getByTestId("tx-row").first();
    await row.getByText("+25 000,00 so'm").waitFor();
    await row.getByText("Alisher V.").waitFor();
    await shot(b, "11-history-desktop");
    await b.goto("/dashboard");
    await b.getByRole("button", { name: "Balansni ko'rsatish" }).click();
    await b.locator(".balance-value").getByText("25 000,00 so'm").waitFor();
    await b.locator(".month-totals").getByText("+25 000,00 so'm").waitFor();
    await b.locator(".recharts-bar-rectangle").first().waitFor();
    await states.chartAxisInUzbek(b);
    await shot(b, "12-dashboard-desktop");
  });

  await step("the receiver's receipt offers no repeat", () => noRepeatForReceiverOrDeposit(b));

  await step(
    "saved cards: save, 422 on a missing holder, search, rename, delete, send",
    async () => {
      provokes(
        { status: 404, path: "/api/card/lookup" },
        { status: 422, path: "/api/saved-cards" },
      );
      await a.goto("/cards");
      await a.getByRole("link", { name: "Saqlangan kartalar" }).click();
      await a.waitForURL(/\/saved-cards$/);
      await states.noSearchWithoutSavedCards(a);
      const add = a.locator("section.panel", {
        has: a.getByRole("heading", { name: "Karta saqlash" }),
      });
      const spaced = boburCard.replace(/(\d{4})(?=\d)/g, "$1 ");
      await add.getByLabel("Karta raqami").fill(spaced);
      await add.getByTestId("saved-lookup").getByText("Bobur K.").waitFor();
      await add.getByLabel("Nomi").fill("Bobur");
      await add.getByRole("button", { name: "Saqlash" }).click();
      await add.getByText("Karta saqlandi").waitFor();
      const rows = a.getByTestId("saved-card");
      await rows.filter({ hasText: "Bobur K." }).waitFor();
      await states.savedBannerClearsOnEdit(add);
      // A number outside Cho'ntak needs the holder's name; without it the server answers 422.
      const outside = outsideCardNumber();
      await add.getByLabel("Karta raqami").fill(outside);
      await add.getByLabel("Karta egasining ismi").waitFor();
      await add.getByLabel("Nomi").fill("Ona karta");
      await add.getByRole("button", { name: "Saqlash" }).click();
      await add.getByText("Cho'ntakdan tashqari karta uchun egasining ismini kiriting").waitFor();
      await add.getByRole("alert").first().waitFor();
      await add.getByLabel("Karta egasining ismi").fill("Dilnoza Karimova");
      await add.getByRole("button", { name: "Saqlash" }).click();
      await rows.filter({ hasText: "Dilnoza Karimova" }).waitFor();
      assert.equal(await rows.count(), 2);
      await shot(a, "18-saved-cards-375");
      // Search by alias (≥ 2 characters) and by number (≥ 4 digits).
      await a.getByLabel("Qidiruv", { exact: true }).fill("B");
      await a.getByText("Kamida 2 ta belgi kiriting").waitFor();
      await a.getByLabel("Qidiruv", { exact: true }).fill("bob");
      await rows.filter({ hasText: "Dilnoza Karimova" }).waitFor({ state: "detached" });
      assert.equal(await rows.count(), 1);
      await a.getByLabel("Qidiruv turi").selectOption("number");
      await a.getByLabel("Qidiruv", { exact: true }).fill(outside.slice(-6));
      await rows.filter({ hasText: "Dilnoza Karimova" }).waitFor();
      await rows.filter({ hasText: "Bobur K." }).waitFor({ state: "detached" });
      await a.getByLabel("Qidiruv", { exact: true }).fill("");
      await rows.nth(1).waitFor();
      // Rename inline.
      await a.getByRole("button", { name: "«Bobur» nomini o'zgartirish" }).click();
      const edit = a.locator("form.saved-edit");
      await edit.getByLabel("Yangi nom").fill("Akam");
      await edit.getByRole("button", { name: "Saqlash" }).click();
      await rows.filter({ hasText: "Akam" }).waitFor();
      // Delete asks first.
      await a.getByRole("button", { name: "«Ona karta» kartasini o'chirish" }).click();
      const dialog = a.getByRole("dialog", { name: "Saqlangan kartani o'chirasizmi?" });
      await dialog.waitFor();
      await shot(a, "19-saved-delete-confirm-375");
      await dialog.getByRole("button", { name: "O'chirish" }).click();
      await rows.filter({ hasText: "Dilnoza Karimova" }).waitFor({ state: "detached" });
      assert.equal(await rows.count(), 1);
      // Send to the saved card.
      await a.goto("/send");
      await a.getByLabel("Saqlangan kartadan tanlash").selectOption({ index: 1 });
      assert.equal(await a.getByLabel("Qabul qiluvchi karta raqami").inputValue(), spaced);
      await a.getByTestId("lookup").getByText("Bobur K.").waitFor();
      await a.getByLabel("Summa").fill("10000");
      await shot(a, "20-send-from-saved-375");
      await a.getByRole("button", { name: "Davom etish" }).click();
      await a.getByRole("button", { name: "Yuborish" }).click();
      await a.getByRole("heading", { name: "O'tkazma bajarildi" }).waitFor();
      await a.getByRole("article", { name: "Chek" }).getByText("−10 100,00 so'm").waitFor();
    },
  );

  await step(
    "send: the card number groups by four, a pasted one with dashes finds the receiver; the amount groups as typed and is sent exactly",
    () => inputs.sendWithTypedAndPastedFields(a, boburCard),
  );

  await step(
    "premium: price, confirm what is paid, from where and that it renews (one Idempotency-Key), success with the next payment date, cancel renewal",
    async () => {
      const keys: string[] = [];
      const watch = (request: {
        url(): string;
        method(): string;
        headers(): Record<string, string>;
      }) => {
        if (request.method() === "POST" && /\/api\/subscription\//.test(request.url())) {
          keys.push(request.headers()["idempotency-key"] ?? "");
        }
      };
      a.on("request", watch);
      await a.goto("/profile");
      await a.getByRole("link", { name: "Premium" }).click();
      await a.waitForURL(/\/premium$/);
      await a.getByTestId("premium-price").getByText("85 000,00 so'm").waitFor();
      await a
        .getByTestId("premium-benefits")
        .getByText("0% komissiya, 4 000 000,00 so'mgacha o'tkazma, 5 tagacha karta")
        .waitFor();
      assert.equal(await a.getByTestId("premium-role").textContent(), "Foydalanuvchi");
      await shot(a, "21-premium-offer-375");
      await a.getByRole("button", { name: "85 000,00 so'm to'lash" }).click();
      // Nothing is charged before the confirm: it names the price, the card and the renewal.
      const confirm = a.getByRole("dialog", { name: "Premium sotib olasizmi?" });
      await confirm.waitFor();
      assert.equal(keys.length, 0, "no purchase before the confirm");
      const terms = confirm.getByTestId("premium-confirm");
      await terms.getByText("85 000,00 so'm").waitFor();
      await terms.getByText(/^7777\s••••\s••••\s\d{4}$/).waitFor();
      await terms.getByText("Har 31 kunda shu kartadan avtomatik yangilanadi.").waitFor();
      await terms.getByText(/istalgan vaqtda shu sahifada bekor/).waitFor();
      await shot(a, "21b-premium-confirm-375");
      await clickTwiceAtOnce(confirm.getByRole("button", { name: "85 000,00 so'm to'lash" }));
      await a
        .getByTestId("premium-purchased")
        .getByText(/^Premium faollashtirildi\. Keyingi to'lov: .+\.$/)
        .waitFor();
      await a.getByTestId("premium-status").getByText("Faol, avtomatik yangilanadi").waitFor();
      await a.getByTestId("premium-role").getByText("Premium").waitFor();
      a.off("request", watch);
      assert.equal(keys.length, 1, "one purchase request");
      assert.match(keys[0] ?? "", /^[0-9a-f-]{36}$/);
      await shot(a, "22-premium-active-375");
      await a.getByRole("button", { name: "Yangilanishni bekor qilish" }).click();
      const dialog = a.getByRole("dialog", { name: "Yangilanishni bekor qilasizmi?" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Yangilanishni bekor qilish" }).click();
      await a.getByTestId("premium-status").getByText("Yangilanish bekor qilingan").waitFor();
      await a.getByText(/Premium .* gacha amal qiladi/).waitFor();
      await shot(a, "23-premium-cancelled-375");
      await a.reload();
      await a.getByTestId("premium-status").getByText("Yangilanish bekor qilingan").waitFor();
    },
  );

  await step("the premium payment names Cho'ntak, not a person, in history and its receipt", () =>
    states.platformIsCalledChontak(a),
  );

  await step("375 px: Saved cards and Premium are in the tab bar's More sheet", () =>
    states.phoneNavReachesEverySection(a),
  );

  await step("a server error shows the localized detail, not a crash", async () => {
    provokes({ status: 404, path: /^\/api\/transactions\/0{8}-/ });
    await b.goto("/history/00000000-0000-4000-8000-000000000000");
    await b
      .getByRole("alert")
      .getByText("Tranzaksiya topilmadi yoki uni ko'rishga ruxsatingiz yo'q")
      .waitFor();
  });

  await step("the language switches to Russian and is remembered", async () => {
    await b.goto("/cards");
    await b.getByLabel("Til").selectOption("ru");
    await b.getByRole("heading", { name: "Карты" }).waitFor();
    await b.reload();
    await b.getByRole("heading", { name: "Карты" }).waitFor();
    await b.getByTestId("bank-card").getByText("Активна").waitFor();
    await shot(b, "13-cards-ru-desktop");
    await b.getByLabel("Язык").selectOption("uz");
  });

  await step("freeze asks first, and a frozen card cannot send", async () => {
    await b.goto("/cards");
    await b.getByRole("button", { name: "Muzlatish" }).click();
    const dialog = b.getByRole("dialog", { name: "Kartani muzlatasizmi?" });
    await dialog.waitFor();
    await shot(b, "14-freeze-confirm-desktop");
    await dialog.getByRole("button", { name: "Muzlatish" }).click();
    await b.getByTestId("bank-card").getByText("Muzlatilgan").waitFor();
    await states.ownerFrozenCardExplained(b);
    await shot(b, "15-card-frozen-desktop");
    await b.goto("/send");
    await b.getByText("Faol karta yo'q").waitFor();
  });

  await step("a refused refresh logs out and asks to log in again", async () => {
    provokes({ status: 401, path: "/api/auth/refresh" });
    await a.evaluate(() => localStorage.setItem("chontak.refresh_token", "not-a-token"));
    await a.reload();
    await a.waitForURL(/\/login\?expired=1$/);
    await a.getByText("Sessiya tugadi").waitFor();
  });

  await step("a phone typed with spaces and dashes, or pasted with +998, logs in", async () =>
    inputs.phoneTypedAndPastedLogsIn(await newUser(MOBILE, webUrl), alice.phone, alice.password),
  );

  await step(
    "avatar: a bad file shows the server's detail, a tiny PNG uploads, delete",
    async () => {
      provokes({ status: 400, path: "/api/avatar" });
      await b.goto("/profile");
      await b.getByRole("heading", { name: "Profil rasmi" }).waitFor();
      await b.getByLabel("Rasm yuklash").setInputFiles({
        name: "note.png",
        mimeType: "image/png",
        buffer: Buffer.from("not an image at all"),
      });
      await b
        .getByRole("alert")
        .getByText("Rasm PNG, JPEG yoki WebP formatida bo'lishi kerak")
        .waitFor();
      await b.getByLabel("Rasm yuklash").setInputFiles({
        name: "dot.png",
        mimeType: "image/png",
        buffer: Buffer.from(TINY_PNG, "base64"),
      });
      const image = b.getByTestId("avatar-image");
      await image.waitFor();
      await b.waitForFunction(
        () =>
          (document.querySelector("[data-testid=avatar-image]") as HTMLImageElement | null)
            ?.naturalWidth === 1,
      );
      assert.match((await image.getAttribute("src")) ?? "", /\/api\/avatar\/image\/[0-9a-f-]{36}$/);
      await shot(b, "24-avatar-desktop");
      await b.getByRole("button", { name: "Rasmni o'chirish" }).click();
      const dialog = b.getByRole("dialog", { name: "Rasmni o'chirasizmi?" });
      await dialog.getByRole("button", { name: "Rasmni o'chirish" }).click();
      await image.waitFor({ state: "detached" });
      await b.getByLabel("Rasm yuklash").waitFor({ state: "attached" });
    },
  );

  await step("the password form says the current password is wrong, at that field", async () => {
    provokes({ status: 401, path: "/api/auth/change-password" });
    await inputs.wrongCurrentPassword(b);
  });

  await step("profile: rename, then a password change logs out everywhere", async () => {
    await b.goto("/profile");
    const name = b.getByLabel("Ism va familiya");
    await name.fill("Bobur Qodirov");
    // The profile has more than one form; this is the one that holds the name.
    await b.locator("form").filter({ has: name }).getByRole("button", { name: "Saqlash" }).click();
    await b.getByText("Saqlandi").waitFor();
    await shot(b, "16-profile-desktop");
    await b.getByLabel("Joriy parol").fill(bobur.password);
    await b.getByLabel("Yangi parol").fill("bobur-new-pass-3");
    await b.getByLabel("Parolni tasdiqlang").fill("bobur-new-pass-3");
    await b.getByRole("button", { name: "Parolni o'zgartirish" }).click();
    await inputs.passwordChangedNotice(b);
    await b.getByLabel("Telefon raqam").fill(bobur.phone);
    await b.getByLabel("Parol", { exact: true }).fill("bobur-new-pass-3");
    await b.getByRole("button", { name: "Kirish", exact: true }).click();
    await b.getByRole("heading", { name: "Assalomu alaykum, Bobur!" }).waitFor();
  });

  await step("log out ends the session; protected pages send to login", async () => {
    await b.goto("/profile");
    await b.getByRole("button", { name: "Chiqish" }).last().click();
    await b.waitForURL(/\/login$/);
    assert.equal(await b.getByTestId("password-changed").count(), 0, "the notice was for once");
    assert.equal(await b.evaluate(() => localStorage.getItem("chontak.refresh_token")), null);
    await b.goto("/history");
    await b.waitForURL(/\/login\?next=%2Fhistory$/);
    await shot(b, "17-login-desktop");
  });

  const phoneAdmin = await newUser(MOBILE, webUrl);
  await step("admin (375 px): users and role, cards and status, ledger all OK, audit", async () => {
    const admin = phoneAdmin;
    await admin.goto("/login");
    await admin.getByLabel("Telefon raqam").fill(ADMIN.phone);
    await admin.getByLabel("Parol", { exact: true }).fill(ADMIN.password);
    await admin.getByRole("button", { name: "Kirish", exact: true }).click();
    await admin.waitForURL(/\/dashboard$/);
    await states.openFromMore(admin, "Admin");
    await admin.getByRole("tab", { name: "Foydalanuvchilar" }).click();
    await admin.getByLabel("Ism va familiya").fill("Bobur");
    const user = admin.getByTestId("admin-user").filter({ hasText: "Bobur Qodirov" });
    await user.getByText("Foydalanuvchi", { exact: true }).waitFor();
    await admin
      .getByTestId("admin-user")
      .filter({ hasText: alice.name })
      .waitFor({ state: "detached" });
    assert.equal(await admin.getByTestId("admin-user").count(), 1);
    await adminFlows.roleChangeAsksFirst(admin, "Bobur Qodirov", bobur.phone);
    await shot(admin, "25-admin-users-375");

    await admin.getByRole("tab", { name: "Kartalar" }).click();
    await admin.getByLabel("Egasi").fill("Bobur");
    const card = admin.getByTestId("admin-card").filter({ hasText: "Bobur Qodirov" });
    await card.getByText(/Muzlatilgan/).waitFor();
    await admin
      .getByTestId("admin-card")
      .filter({ hasText: alice.name })
      .waitFor({ state: "detached" });
    assert.equal(await admin.getByTestId("admin-card").count(), 1);
    await adminFlows.activateAsksFirst(admin, "Bobur Qodirov", boburCard);
    await card.getByRole("button", { name: "Tekshirish" }).click();
    await admin.getByTestId("verify-card").getByText("balans to'g'ri").waitFor();
    await shot(admin, "26-admin-cards-375");

    await admin.getByRole("tab", { name: "Tranzaksiyalar" }).click();
    await admin.getByTestId("admin-tx").first().waitFor();
    assert.ok((await admin.getByTestId("admin-tx").count()) >= 4, "cash-in, transfers, premium");

    await admin.getByRole("tab", { name: "Balans tekshiruvi" }).click();
    await admin.getByRole("button", { name: "Hammasini tekshirish" }).click();
    await admin.getByTestId("verify-all").getByText("Barcha balanslar to'g'ri").waitFor();
    await shot(admin, "27-admin-ledger-375");

    await adminFlows.auditReadsLikeALog(admin, aliceCard, {
      name: "Bobur Qodirov",
      phone: bobur.phone,
    });
  });

  let adminCard = "";
  await step("admin (375 px): a cash-in from the admin's own card debits that card", async () => {
    provokes({ status: 0, path: "/api/admin/deposit" });
    adminCard = await adminFlows.cashInFromOwnCard(phoneAdmin, aliceCard);
  });

  await step("admin (375 px): close is only in the card's manage view and asks first", () =>
    adminFlows.closeIsBehindManage(phoneAdmin, adminCard),
  );

  await step("admin (375 px): every stat tile shows its amount whole", () =>
    adminFlows.statTilesFit(phoneAdmin),
  );

  const bank = await newUser(DESKTOP, webUrl);
  const aliceRow = bank.getByTestId("admin-card").filter({ hasText: alice.name });

  await step("the bank blocks a card (reason shown); the owner cannot activate it", async () => {
    await logIn(bank, ADMIN.phone, ADMIN.password);
    await bank.getByRole("link", { name: "Admin" }).first().click();
    await bank.getByRole("tab", { name: "Kartalar" }).click();
    await bank.getByLabel("Egasi").fill("Alisher");
    await bank
      .getByTestId("admin-card")
      .filter({ hasText: "Bobur Qodirov" })
      .waitFor({ state: "detached" });
    await aliceRow.getByText(/Faol ·/).waitFor();
    await adminFlows.blockAsksFirst(bank, alice.name, aliceCard);
    const dialog = bank.getByRole("dialog", { name: "Kartani bloklaysizmi?" });
    await dialog.getByLabel("Bloklash sababi").selectOption("documents_required");
    await shot(bank, "29-admin-block-dialog-desktop");
    await dialog.getByRole("button", { name: "Bloklash" }).click();
    await dialog.waitFor({ state: "hidden" });
    await aliceRow.getByText("Muzlatilgan (bank bloklagan: Hujjatlar talab qilinadi)").waitFor();
    await shot(bank, "30-admin-card-blocked-desktop");

    await logIn(a, alice.phone, alice.password);
    await a.goto("/cards");
    await a.getByTestId("bank-card").first().getByText("Bloklangan").waitFor();
    const notice = a.getByTestId("card-blocked");
    await notice.getByText("Bank tomonidan bloklangan").waitFor();
    await notice.getByText("Sabab: Hujjatlar talab qilinadi").waitFor();
    await notice.getByText(/qo'llab-quvvatlash xizmatiga murojaat qiling/).waitFor();
    assert.equal(await a.getByRole("button", { name: "Faollashtirish" }).count(), 0);
    assert.equal(await a.getByRole("button", { name: "Muzlatish" }).count(), 0);
    await shot(a, "31-card-blocked-375");
    const detail = await a
      .getByRole("link", { name: /Kartani ochish/ })
      .first()
      .getAttribute("href");
    await a.goto(detail ?? "");
    await a.getByTestId("card-blocked").getByText("Sabab: Hujjatlar talab qilinadi").waitFor();
    assert.equal(await a.getByRole("button", { name: "Faollashtirish" }).count(), 0);
    await shot(a, "32-card-blocked-detail-375");
  });

  await step("the send screen says a blocked card cannot receive (lookup 404)", async () => {
    provokes({ status: 404, path: "/api/card/lookup" });
    await logIn(b, bobur.phone, "bobur-new-pass-3");
    await states.receiverCannotReceive(b, aliceCard);
  });

  await step("the bank reopens the card, it is active; an empty note is omitted", async () => {
    await adminFlows.confirmActivation(bank, alice.name);
    await aliceRow.getByText(/Faol ·/).waitFor();
    await a.goto("/cards");
    await a.getByTestId("bank-card").first().getByText("Faol", { exact: true }).waitFor();
    assert.equal(await a.getByTestId("card-blocked").count(), 0);
    await a.getByRole("button", { name: "Muzlatish" }).waitFor();
    await shot(a, "33-card-reopened-375");

    const bodies: Record<string, unknown>[] = [];
    const watch = (request: { url(): string; method(): string; postDataJSON(): unknown }) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/transactions") {
        bodies.push(request.postDataJSON() as Record<string, unknown>);
      }
    };
    b.on("request", watch);
    await b.goto("/send");
    await b.getByLabel("Qabul qiluvchi karta raqami").fill(aliceCard);
    await b.getByTestId("lookup").getByText("Alisher V.").waitFor();
    await b.getByLabel("Summa").fill("5000");
    await b.getByRole("button", { name: "Davom etish" }).click();
    await clickTwiceAtOnce(b.getByRole("button", { name: "Yuborish" }));
    await b.getByRole("heading", { name: "O'tkazma bajarildi" }).waitFor();
    b.off("request", watch);
    assert.equal(bodies.length, 1, "one transfer request");
    const description = bodies[0]?.description;
    assert.ok(
      description === undefined || description === null,
      "no description for an empty note",
    );
  });

  await step("a downgrade freezes the extra card (limit); activating it says why", async () => {
    provokes({ status: 409, path: /^\/api\/card\/[0-9a-f-]{36}\/unfreeze$/ });
    await a.goto("/cards");
    await a.getByRole("button", { name: "Karta ochish" }).click();
    await a.waitForURL(/\/cards\/[0-9a-f-]{36}$/);
    await a.getByRole("button", { name: "Faollashtirish" }).click();
    await a.getByTestId("bank-card").getByText("Faol", { exact: true }).waitFor();

    await bank.getByRole("tab", { name: "Foydalanuvchilar" }).click();
    await bank.getByLabel("Ism va familiya").fill("Alisher");
    const user = bank.getByTestId("admin-user").filter({ hasText: alice.name });
    await adminFlows.confirmDemotion(bank, alice.name);
    await user.getByText("Foydalanuvchi", { exact: true }).waitFor();

    await a.goto("/cards");
    const limited = a
      .locator(".card-grid > li")
      .filter({ has: a.getByTestId("card-limit-frozen") });
    await limited.getByText("Tarif limiti sababli muzlatilgan").waitFor();
    await limited.getByText(/Tarifingiz bir vaqtda 1 ta faol kartaga ruxsat beradi\./).waitFor();
    await limited.getByRole("button", { name: "Faollashtirish" }).click();
    await limited
      .getByRole("alert")
      .getByText(/Avval boshqa kartani muzlating/)
      .waitFor();
    await shot(a, "34-card-limit-frozen-375");
    await states.limitRefusalClearsOnceAnotherCardIsFrozen(a);
    await states.ownInactiveCardNamedOnSend(a, aliceCard);
    await states.reactivateFirstCard(a, aliceCard);
  });

  await step("keyboard focus draws a visible ring on every control", () =>
    keyboardFocusIsVisible(a),
  );

  // Pay by phone number: people, cards and money of its own.
  let phoneWorld: phone.PhoneWorld | undefined;
  let phonePayer: Page | undefined;
  let phoneReceiver: Page | undefined;
  const inPhoneWorld = () => {
    assert.ok(phoneWorld && phonePayer && phoneReceiver, "the first pay-by-phone step ran");
    return { world: phoneWorld, payer: phonePayer, receiver: phoneReceiver };
  };
  await step("pay by phone: the receiver makes their second card the receiving card", async () => {
    phoneWorld = await phone.makePhoneWorld(apiUrl, ADMIN);
    phonePayer = await newUser(MOBILE, webUrl);
    phoneReceiver = await newUser(DESKTOP, webUrl);
    await logIn(phoneReceiver, phoneWorld.receiver.phone, phoneWorld.receiver.password);
    await phone.chooseReceivingCard(phoneReceiver, phoneWorld);
    await shot(phoneReceiver, "40-receiving-card-desktop");
  });
  await step(
    "pay by phone: someone not found by phone answers like an unknown number",
    async () => {
      provokes({ status: 404, path: "/api/card/lookup" });
      const { world, payer, receiver } = inPhoneWorld();
      await phone.setDiscoverable(receiver, false);
      await logIn(payer, world.payer.phone, world.payer.password);
      await phone.hiddenPhoneIsUnavailable(payer, world);
      await phone.setDiscoverable(receiver, true);
    },
  );
  await step(
    "pay by phone: masked name and card, confirm names the phone, receipt and history mask it",
    async () => {
      const { world, payer } = inPhoneWorld();
      await phone.payByPhone(payer, world, apiUrl);
      await shot(payer, "41-paid-by-phone-history-375");
    },
  );
  await step("pay by phone: the receiver's receipt shows the masked phone", async () => {
    const { world, receiver } = inPhoneWorld();
    await phone.receiverSeesTheMaskedPhone(receiver, world);
  });
  // Payment requests: a link and a QR code, paid by another user.
  const requestPeople = await paymentRequests.setUp(apiUrl, ADMIN);
  const requesterPage = await newUser(MOBILE, webUrl);
  const payerPage = await newUser(DESKTOP, webUrl);
  let requestLink = "";
  await step("payment request: a fixed amount, its link and its QR code (375 px)", async () => {
    requestLink = await paymentRequests.createFixedRequest(requesterPage, requestPeople.requester);
    await shot(requesterPage, "40-payment-request-375");
  });
  await step(
    "payment request: a guest opens the link, logs in, comes back, confirms, pays",
    async () => {
      await paymentRequests.payAsGuest(
        payerPage,
        requestLink,
        requestPeople.payer,
        requestPeople.requester,
      );
      await shot(payerPage, "41-payment-request-paid");
    },
  );
  await step("payment request: the requester sees who paid; the link then says it is paid", () =>
    paymentRequests.requesterSeesItPaid(requesterPage, payerPage, requestLink, requestPeople.payer),
  );
  // The ledger proof: every hash chain recomputed from the admin UI.
  const prover = await newUser(DESKTOP, webUrl);
  await step("admin: the ledger proof finds every hash chain intact", async () => {
    await logIn(prover, ADMIN.phone, ADMIN.password);
    await ledgerProof.everyChainIsIntact(prover);
  });
  // Four-eyes cash-in: admin A asks, admin B approves, the money moves once.
  let fourEyesWorld: fourEyes.FourEyesWorld | undefined;
  await step(
    "four-eyes: admin A's large cash-in waits for a second admin, nothing moves",
    async () => {
      const db = stack?.directDatabaseUrl;
      assert.ok(db, "the stack is running");
      fourEyesWorld = await fourEyes.setUp(apiUrl, db);
      const adminA = await newUser(DESKTOP, webUrl);
      await fourEyes.logIn(adminA, ADMIN);
      await fourEyes.createLargeCashIn(adminA, fourEyesWorld);
      await shot(adminA, "45-four-eyes-pending");
      assert.equal(await fourEyes.receiverBalance(apiUrl, fourEyesWorld), "0.00");
    },
  );
  await step("four-eyes: admin B approves in the queue, the balance moves once", async () => {
    assert.ok(fourEyesWorld, "the four-eyes set-up step ran");
    const adminB = await newUser(DESKTOP, webUrl);
    await fourEyes.logIn(adminB, fourEyesWorld.secondAdmin);
    await fourEyes.approveAsSecondAdmin(adminB, fourEyesWorld, "Cho'ntak Admin");
    await shot(adminB, "46-four-eyes-approved");
    assert.equal(await fourEyes.receiverBalance(apiUrl, fourEyesWorld), "25000000.00");
  });
  // Signed receipts: the PDF, the Verify link, the public check, a tampered copy.
  const receiptWorld = await receiptsVerify.setUp(apiUrl, ADMIN);
  const receiptOwner = await newUser(DESKTOP, webUrl);
  const receiptGuest = await newUser(MOBILE, webUrl);
  let receiptToken = "";
  await step(
    "signed receipt: download the PDF, follow Verify, the check says genuine",
    async () => {
      receiptToken = await receiptsVerify.openReceiptAndVerify(receiptOwner, receiptWorld);
      await shot(receiptOwner, "42-receipt-genuine-desktop");
    },
  );
  await step(
    "signed receipt: signed out, genuine; with a changed amount, not genuine",
    async () => {
      assert.ok(receiptToken, "the Verify step ran");
      await receiptsVerify.tamperedIsNotGenuine(
        receiptGuest,
        receiptToken,
        receiptWorld.transactionId,
      );
      await shot(receiptGuest, "43-receipt-not-genuine-375");
    },
  );
  // Devices: one account on a laptop and on a second browser that says it is an iPhone.
  const dilnoza = { name: "Dilnoza Rahimova", phone: randomPhone(), password: "dilnoza-pass-1" };
  const laptop = await newUser(DESKTOP, webUrl);
  const iphoneContext = await coldBrowser.newContext({
    userAgent: sessions.IPHONE_SAFARI,
    viewport: MOBILE,
    baseURL: webUrl,
    locale: "uz-UZ",
    timezoneId: "Asia/Tashkent",
  });
  contexts.push(iphoneContext);
  iphoneContext.setDefaultTimeout(15_000);
  const iphone = await iphoneContext.newPage();
  watchProblems(iphone, "iPhone");
  await step(
    "devices: a login on a second device shows up on the profile, this one marked",
    async () => {
      await register(laptop, dilnoza.name, dilnoza.phone, dilnoza.password);
      await laptop.getByRole("button", { name: "Ro'yxatdan o'tish" }).click();
      await laptop.waitForURL(/\/dashboard$/);
      await logIn(iphone, dilnoza.phone, dilnoza.password);
      await sessions.bothDevicesListed(laptop);
      await shot(laptop, "40-devices-desktop");
    },
  );
  await step(
    "devices: log out the other device; at its next step it lands on the login page",
    async () => {
      // The logged-out device's request and its refresh are refused.
      provokes({ status: 401, path: /^\/api\// }, { status: 401, path: "/api/auth/refresh" });
      await sessions.logOutTheOtherDevice(laptop);
      await sessions.loggedOutDeviceLandsOnLogin(iphone);
    },
  );
  await step("devices: log out all other devices; this one stays logged in", async () => {
    provokes({ status: 401, path: /^\/api\// }, { status: 401, path: "/api/auth/refresh" });
    await logIn(iphone, dilnoza.phone, dilnoza.password);
    await sessions.logOutAllOtherDevices(laptop);
    await sessions.loggedOutDeviceLandsOnLogin(iphone);
  });

  // Statements: one card's month as CSV and PDF from the card page.
  const statementWorld = await statements.setUp(apiUrl, ADMIN);
  const statementPage = await newUser(DESKTOP, webUrl);
  await step("statement: this month's CSV arrives and its totals are the chart's", async () => {
    await logIn(statementPage, statementWorld.phone, statementWorld.password);
    await statements.csvMatchesTheScreen(statementPage, statementWorld);
  });
  await step("statement: this month's PDF arrives", async () => {
    await statements.pdfArrives(statementPage, OUT);
    await shot(statementPage, "45-statement-dialog");
  });
  let passkeyPage: Page | undefined;
  let passkeyWorld: passkeys.PasskeyWorld | undefined;
  const passkeyPeople = () => {
    assert.ok(passkeyPage && passkeyWorld, "the first passkey step ran");
    return { page: passkeyPage, world: passkeyWorld };
  };
  await step("passkeys: add a named passkey on the profile (virtual authenticator)", async () => {
    passkeyWorld = await passkeys.makePasskeyWorld(apiUrl, ADMIN);
    passkeyPage = await newUser(DESKTOP, localhostWebUrl);
    await passkeys.addVirtualAuthenticator(passkeyPage);
    await logIn(passkeyPage, passkeyWorld.payer.phone, passkeyWorld.payer.password);
    await passkeys.addPasskeyOnProfile(passkeyPage);
  });
  await step("passkeys: log in with the passkey, no phone number typed", () =>
    passkeys.logInWithPasskey(passkeyPeople().page),
  );
  await step("passkeys: a payment above the threshold is confirmed with the passkey", () => {
    const { page, world } = passkeyPeople();
    return passkeys.stepUpForALargePayment(page, world);
  });

  const guest = await newUser(MOBILE, webUrl);
  for (const language of ["uz", "ru", "en"] as const) {
    await step(`axe: no serious or critical violation on any page (${language})`, () =>
      everyPageIsAccessible({ guest, user: a, admin: bank }, language, {
        receiverCard: boburCard,
        transactionId,
        paymentRequestId: requestPeople.openRequestId,
        receiptToken,
      }),
    );
  }
  // The axe steps switch languages; a subset run may have skipped them (and the pages).
  if (!onlySteps) await resetLanguage([guest, a, bank]);

  // Last: it spends much of this address's login allowance for the window.
  await step("a login refused by the rate limit (429) says when to try again", async () => {
    provokes({ status: 429, path: "/api/auth/login" });
    await inputs.rateLimitedLogin(await newUser(DESKTOP, webUrl), apiUrl, randomPhone());
  });

  console.log("\ne2e: all steps passed");
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (error: Error) => {
    console.log("FAILED");
    console.error(`\n${error.stack ?? error.message}`);
    if (pageProblems.length) {
      console.error(`page problems:\n  ${pageProblems.map(describeProblem).join("\n  ")}`);
    }
    for (const [index, context] of contexts.entries()) {
      for (const page of context.pages()) {
        await page
          .screenshot({ path: path.join(OUT, `failure-${index}.png`), fullPage: true })
          .catch(() => undefined);
      }
    }
    await cleanup();
    process.exit(1);
  });
