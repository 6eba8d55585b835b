// First paint, bundle budget and the installable shell, measured on the production
// build that `vite preview` serves.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";

/** Budgets the production build must meet. */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;
export const FCP_BUDGET_MS = 1000;
const LOADS = 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (values: number[]) => values.map((value) => Math.round(value)).join(", ");

/** Script URLs that index.html loads before anything renders: entry scripts and modulepreloads. */
function initialScripts(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const isScript = tag.startsWith("<script");
    if (!isScript && !/\brel="modulepreload"/.test(tag)) continue;
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url) urls.push(url);
  }
  return urls;
}

const gzipBytes = async (dist: string, url: string) =>
  gzipSync(await readFile(path.join(dist, new URL(url, "http://x").pathname))).length;

/** Initial JS = each script index.html references, gzipped on its own, summed. */
export async function checkInitialJs(dist: string) {
  const html = await readFile(path.join(dist, "index.html"), "utf8");
  const urls = initialScripts(html);
  assert.ok(urls.length > 0, "index.html references its entry script");
  let total = 0;
  const parts: string[] = [];
  for (const url of urls) {
    const size = await gzipBytes(dist, url);
    total += size;
    parts.push(`${path.basename(url)} ${kib(size)}`);
  }
  process.stdout.write(`\n      initial JS ${kib(total)} gzip (${parts.join(", ")}) `);
  assert.ok(
    total <= INITIAL_JS_BUDGET_BYTES,
    `initial JS ${kib(total)} gzip exceeds ${kib(INITIAL_JS_BUDGET_BYTES)}`,
  );
}

/** Attaches the run's console and error listeners to a page. */
type WatchPage = (page: Page) => void;

interface ColdLoad {
  fcp: number;
  /** When the screen's own content (not the splash) was on screen, ms after navigation start. */
  ready: number;
  scripts: string[];
}

/**
 * One cold load in a fresh browser context (empty cache, no service worker yet):
 * first contentful paint from the Paint Timing API, and when `readySelector` showed.
 */
async function coldLoad(
  browser: Browser,
  url: string,
  readySelector: string,
  options: BrowserContextOptions,
  watch: WatchPage,
): Promise<ColdLoad> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    watch(page);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(url, { waitUntil: "commit" });
    const ready = await page.waitForFunction(
      (selector) => document.querySelector(selector) !== null && performance.now(),
      readySelector,
      { polling: "raf", timeout: 15_000 },
    );
    const fcp = await page.waitForFunction(
      () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    );
    return {
      fcp: Number(await fcp.jsonValue()),
      ready: Number(await ready.jsonValue()),
      scripts,
    };
  } finally {
    await context.close();
  }
}

async function measure(
  label: string,
  loads: () => Promise<ColdLoad>,
): Promise<{ fcp: number; scripts: string[] }> {
  const results: ColdLoad[] = [];
  for (let load = 0; load < LOADS; load += 1) results.push(await loads());
  const fcp = median(results.map((result) => result.fcp));
  const ready = median(results.map((result) => result.ready));
  process.stdout.write(
    `\n      ${label}: FCP median ${Math.round(fcp)} ms [${ms(results.map((r) => r.fcp))}], ` +
      `content median ${Math.round(ready)} ms [${ms(results.map((r) => r.ready))}] `,
  );
  return { fcp, scripts: results[0]?.scripts ?? [] };
}

/** Chunks a screen must not pull in: the charts library and the admin screen. */
async function assertNoHeavyChunks(dist: string, scripts: string[], screen: string) {
  for (const script of scripts) {
    assert.ok(!path.basename(script).startsWith("admin-"), `${screen} loads the admin screen`);
    const source = await readFile(path.join(dist, script), "utf8").catch(() => "");
    assert.ok(!source.includes("recharts-wrapper"), `${screen} loads the charts (${script})`);
  }
}

/** The splash is in the HTML itself: it shows with JavaScript turned off. */
async function assertSplashWithoutScript(browser: Browser, url: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const splash = page.getByRole("status", { name: "Cho'ntak" });
    await splash.getByText("Cho'ntak").waitFor();
    assert.ok(await splash.locator("svg").isVisible(), "the brand mark shows");
  } finally {
    await context.close();
  }
}

/** Cold loads of /login: FCP median within budget, and no charts or admin code fetched. */
export async function checkLoginFirstPaint(
  browser: Browser,
  webUrl: string,
  dist: string,
  watch: WatchPage,
) {
  await assertSplashWithoutScript(browser, `${webUrl}/login`);
  const { fcp, scripts } = await measure("/login", () =>
    coldLoad(
      browser,
      `${webUrl}/login`,
      "form input[type=tel], form input",
      {
        viewport: { width: 375, height: 812 },
        locale: "uz-UZ",
      },
      watch,
    ),
  );
  await assertNoHeavyChunks(dist, scripts, "/login");
  assert.ok(fcp <= FCP_BUDGET_MS, `/login FCP ${Math.round(fcp)} ms exceeds ${FCP_BUDGET_MS} ms`);
}

/**
 * Cold loads of /dashboard for a signed-in user: each load gets a refresh token of
 * its own (tokens rotate on use, so one cannot be replayed across loads).
 */
export async function checkDashboardFirstPaint(
  browser: Browser,
  webUrl: string,
  apiUrl: string,
  user: { phone: string; password: string },
  watch: WatchPage,
) {
  const { fcp } = await measure("/dashboard (signed in)", async () => {
    const response = await fetch(`${apiUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: webUrl },
      body: JSON.stringify({ phone_number: user.phone, password: user.password }),
    });
    assert.equal(response.status, 200, "the API logs the user in");
    const { refresh_token } = (await response.json()) as { refresh_token: string };
    return coldLoad(
      browser,
      `${webUrl}/dashboard`,
      ".balance-value",
      {
        viewport: { width: 375, height: 812 },
        locale: "uz-UZ",
        storageState: {
          cookies: [],
          origins: [
            {
              origin: webUrl,
              localStorage: [{ name: "chontak.refresh_token", value: refresh_token }],
            },
          ],
        },
      },
      watch,
    );
  });
  assert.ok(
    fcp <= FCP_BUDGET_MS,
    `/dashboard FCP ${Math.round(fcp)} ms exceeds ${FCP_BUDGET_MS} ms`,
  );
}

/**
 * Two clicks in the same task, faster than any re-render: what a double click on
 * a slow phone does. A money button must still send one request.
 */
export async function clickTwiceAtOnce(button: Locator) {
  await button.evaluate((element: HTMLElement) => {
    element.click();
    element.click();
  });
}

/** Every URL in the page's Cache Storage. */
const cachedUrls = (page: Page) =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
  });

async function assertImage(page: Page, url: string, what: string) {
  const response = await page.request.get(url);
  assert.equal(response.status(), 200, `${what} ${url} answers 200`);
  assert.match(response.headers()["content-type"] ?? "", /^image\//, `${what} ${url} is an image`);
}

/**
 * The app installs: the manifest is linked and complete, its icons and the favicons
 * answer as images, the service worker activates and controls the page, and after a
 * signed-in session its caches hold the shell and nothing from the API's origin.
 */
export async function checkInstallable(page: Page, apiUrl: string) {
  await page.goto("/dashboard");
  await page.locator(".balance-value").waitFor();
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  assert.ok(href, "index.html links a manifest");
  const manifestUrl = new URL(href, page.url()).href;
  const response = await page.request.get(manifestUrl);
  assert.equal(response.status(), 200, "the manifest answers 200");
  const manifest = (await response.json()) as {
    name?: string;
    short_name?: string;
    description?: string;
    lang?: string;
    start_url?: string;
    display?: string;
    theme_color?: string;
    background_color?: string;
    icons?: { src: string; sizes: string; type?: string; purpose?: string }[];
  };
  assert.equal(manifest.name, "Cho'ntak");
  assert.ok(manifest.short_name, "a short name");
  assert.ok(manifest.description, "a description");
  assert.equal(manifest.lang, "uz");
  assert.ok(manifest.start_url, "a start URL");
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.theme_color, "#0f8a6c", "the brand colour");
  assert.match(manifest.background_color ?? "", /^#[0-9a-f]{6}$/i);
  const icons = manifest.icons ?? [];
  const purposes = (icon: { purpose?: string }) => (icon.purpose ?? "any").split(" ");
  for (const size of ["192x192", "512x512"]) {
    assert.ok(
      icons.some((icon) => icon.sizes === size && purposes(icon).includes("any")),
      `a ${size} icon`,
    );
  }
  assert.ok(
    icons.some((icon) => purposes(icon).includes("maskable")),
    "a maskable icon",
  );
  for (const icon of icons) await assertImage(page, new URL(icon.src, manifestUrl).href, "icon");
  const links = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLLinkElement).href));
  assert.ok(links.length >= 3, "SVG and PNG favicons and an apple-touch-icon");
  for (const link of links) await assertImage(page, link, "favicon");

  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { state: registration.active?.state, scope: registration.scope };
  });
  assert.equal(worker.state, "activated", "the service worker is active");
  // Once it controls the page, a reload still reaches the API for live data.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByRole("button", { name: "Balansni ko'rsatish" }).click();
  await page
    .locator(".balance-value")
    .getByText(/\d so'm$/)
    .waitFor();
  const urls = await cachedUrls(page);
  assert.ok(
    urls.some((url) => new URL(url).pathname === "/index.html"),
    "the shell is precached",
  );
  const apiOrigin = new URL(apiUrl).origin;
  assert.deepEqual(
    urls.filter(
      (url) => new URL(url).origin === apiOrigin || new URL(url).pathname.startsWith("/api/"),
    ),
    [],
    "no API answer is cached",
  );
  process.stdout.write(
    `\n      service worker ${worker.scope}: ${urls.length} shell files cached, none from the API `,
  );
}
