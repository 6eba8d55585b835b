// End-to-end browser test of the web app against the real local stack.
//
//   npm run test:e2e -w web
//
// Starts Postgres/PgBouncer/WS proxy/Redis/Upstash bridge (dev/stack, a fresh
// `chontak_e2e_*` database of its own, dropped afterwards), seeds an admin, runs the API under
// `wrangler dev`, builds the web app with VITE_API_URL and serves it with
// `vite preview`, then drives Debian's Chromium through playwright-core:
// register → open a card → activate → admin cash-in (admin UI) → send money with
// the commission shown → receipt → history on both sides, plus the session
// refresh and logout paths. Screenshots go to test-results/e2e/*.png.
// Exits non-zero on the first failure.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { seedAdmin } from "../../dev/seed.ts";
import { type Stack, startStack } from "../../dev/stack/index.ts";
import { freePort, sleep } from "../../dev/stack/ports.ts";

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
const ADMIN = { phone: "+998900000001", password: "admin-password-123" };

const children: ChildProcess[] = [];
const contexts: BrowserContext[] = [];
const tempDirs: string[] = [];
let stack: Stack | undefined;
const pageErrors: string[] = [];

// ---------- tiny runner ----------

let stepNo = 0;
async function step(name: string, run: () => Promise<void>) {
  stepNo += 1;
  const started = Date.now();
  process.stdout.write(`  ${String(stepNo).padStart(2)}. ${name} … `);
  await run();
  assert.deepEqual(pageErrors, [], "uncaught errors in the page");
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
  page.on("pageerror", (error) => pageErrors.push(`${viewport.width}px: ${error.message}`));
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

async function openAndActivateCard(page: Page): Promise<string> {
  await page.goto("/cards");
  await page.getByText("Hali kartangiz yo'q").waitFor();
  await page.getByRole("button", { name: "Karta ochish" }).first().click();
  await page.waitForURL(/\/cards\/[0-9a-f-]{36}$/);
  const card = page.getByTestId("bank-card");
  await card.getByText("Muzlatilgan").waitFor();
  await page.getByRole("button", { name: "Faollashtirish" }).click();
  await card.getByText("Faol", { exact: true }).waitFor();
  await card.getByRole("button", { name: "Karta raqamini ko'rsatish" }).click();
  const number = (await card.getByTestId("card-number").textContent())?.replace(/\s/g, "") ?? "";
  assert.match(number, /^7777\d{12}$/, "the full card number is shown after the eye is pressed");
  return number;
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
  const vars: Record<string, string> = {
    ...stack.bindings,
    JWT_SECRET: "e2e-secret-that-is-long-enough-for-hs256-0123456789",
    BCRYPT_COST: "4",
    CORS_ORIGINS: webUrl,
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
    await a.getByRole("heading", { name: "Salom, Alisher!" }).waitFor();
    await a.getByText("Hali kartangiz yo'q").first().waitFor();
    const balance = a.locator(".balance-value");
    assert.match((await balance.textContent()) ?? "", /••••••/);
    await a.getByRole("button", { name: "Balansni ko'rsatish" }).click();
    assert.equal(await balance.textContent(), "0,00 so'm");
    await shot(a, "02-dashboard-empty-375");
  });

  await step("open a card (frozen), activate it, show its number", async () => {
    aliceCard = await openAndActivateCard(a);
    await shot(a, "03-card-detail-375");
  });

  await step("a second card for role user shows the server's CARD_LIMIT message", async () => {
    await a.goto("/cards");
    await a.getByTestId("bank-card").first().waitFor();
    await a.getByRole("button", { name: "Karta ochish" }).click();
    await a.getByRole("alert").filter({ hasText: "Premium sotib oling" }).waitFor();
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
    await admin.getByRole("button", { name: "Kirish" }).click();
    await admin.waitForURL(/\/dashboard$/);
    await admin.getByRole("link", { name: "Admin" }).first().click();
    await admin.getByText("Kunlik ko'rsatkichlar").waitFor();
    await admin.getByLabel("Karta raqami").fill(aliceCard);
    await admin.getByLabel("Summa").fill("1000000");
    await admin.getByLabel("Izoh (ixtiyoriy)").fill("E2E cash-in");
    await admin.getByRole("button", { name: "To'ldirish" }).click();
    await admin.getByText("Hisob to'ldirildi").waitFor();
    await admin.getByText("Barcha kartalar balansi").waitFor();
    await shot(admin, "05-admin-desktop");
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
    await a.getByRole("heading", { name: "Salom, Alisher!" }).waitFor();
    await a.getByRole("button", { name: "Balansni ko'rsatish" }).click();
    await a.locator(".balance-value").getByText("1 000 000,00 so'm").waitFor();
    await a.getByText("+1 000 000,00 so'm").first().waitFor(); // recent transactions
    a.off("request", count);
    assert.equal(refreshes, 1, "exactly one refresh for the page's parallel requests");
    await shot(a, "06-dashboard-funded-375");
  });

  await step("send money: lookup, live commission, confirm, receipt", async () => {
    await a.getByRole("link", { name: "O'tkazma" }).last().click();
    await a.waitForURL(/\/send$/);
    await a.getByLabel("Qabul qiluvchi karta raqami").fill(boburCard);
    await a.getByTestId("lookup").getByText("Bobur K.").waitFor();
    await a.getByLabel("Summa").fill("25000");
    const quote = a.getByTestId("quote");
    await quote.getByText("250,00 so'm", { exact: true }).waitFor();
    await quote.getByText("25 250,00 so'm").waitFor();
    await a.getByLabel("Izoh (ixtiyoriy)").fill("Tushlik uchun");
    await shot(a, "07-send-form-375");
    await a.getByRole("button", { name: "Davom etish" }).click();
    await a.getByRole("heading", { name: "O'tkazmani tasdiqlang" }).waitFor();
    assert.equal(await a.getByTestId("confirm-owner").textContent(), "Bobur K.");
    await shot(a, "08-send-confirm-375");
    await a.getByRole("button", { name: "Yuborish" }).click();
    await a.getByRole("heading", { name: "O'tkazma bajarildi" }).waitFor();
    const receipt = a.getByRole("article", { name: "Chek" });
    await receipt.getByText("−25 000,00 so'm").waitFor();
    await receipt.getByText("250,00 so'm", { exact: true }).waitFor();
    await receipt.getByText("25 250,00 so'm").waitFor();
    await receipt.getByText("Tushlik uchun").waitFor();
    transactionId = (await receipt.locator(".receipt-id").textContent()) ?? "";
    assert.match(transactionId, /^[0-9a-f-]{36}$/);
    await shot(a, "09-receipt-375");
  });

  await step("the sender's history shows it today, with its receipt", async () => {
    await a.goto("/history");
    const today = a.getByRole("region", { name: "Bugun" });
    const row = today.getByTestId("tx-row").filter({ hasText: "Bobur K." });
    await row.getByText("−25 000,00 so'm").waitFor();
    await shot(a, "10-history-375");
    await row.click();
    await a.waitForURL(new RegExp(`/history/${transactionId}$`));
    await a.getByRole("article", { name: "Chek" }).getByText(transactionId).waitFor();
  });

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
    await shot(b, "12-dashboard-desktop");
  });

  await step("a server error shows the localized detail, not a crash", async () => {
    await b.goto("/history/00000000-0000-4000-8000-000000000000");
    await b.getByRole("alert").getByText("Tranzaksiya topilmadi yoki ruhsatingiz yo'q").waitFor();
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
    await shot(b, "15-card-frozen-desktop");
    await b.goto("/send");
    await b.getByText("Faol karta yo'q").waitFor();
  });

  await step("a refused refresh logs out and asks to log in again", async () => {
    await a.evaluate(() => localStorage.setItem("chontak.refresh_token", "not-a-token"));
    await a.reload();
    await a.waitForURL(/\/login\?expired=1$/);
    await a.getByText("Sessiya tugadi").waitFor();
  });

  await step("profile: rename, then a password change logs out everywhere", async () => {
    await b.goto("/profile");
    const name = b.getByLabel("Ism va familiya");
    await name.fill("Bobur Qodirov");
    await b.getByRole("button", { name: "Saqlash" }).click();
    await b.getByText("Saqlandi").waitFor();
    await shot(b, "16-profile-desktop");
    await b.getByLabel("Joriy parol").fill(bobur.password);
    await b.getByLabel("Yangi parol").fill("bobur-new-pass-3");
    await b.getByLabel("Parolni tasdiqlang").fill("bobur-new-pass-3");
    await b.getByRole("button", { name: "Parolni o'zgartirish" }).click();
    await b.waitForURL(/\/login$/);
    await b.getByLabel("Telefon raqam").fill(bobur.phone);
    await b.getByLabel("Parol", { exact: true }).fill("bobur-new-pass-3");
    await b.getByRole("button", { name: "Kirish" }).click();
    await b.getByRole("heading", { name: "Salom, Bobur!" }).waitFor();
  });

  await step("log out ends the session; protected pages send to login", async () => {
    await b.goto("/profile");
    await b.getByRole("button", { name: "Chiqish" }).last().click();
    await b.waitForURL(/\/login$/);
    assert.equal(await b.evaluate(() => localStorage.getItem("chontak.refresh_token")), null);
    await b.goto("/history");
    await b.waitForURL(/\/login\?next=%2Fhistory$/);
    await shot(b, "17-login-desktop");
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
    if (pageErrors.length) console.error(`page errors:\n  ${pageErrors.join("\n  ")}`);
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
