// First paint, bundle budget and the installable shell, measured on the production
// build that `vite preview` serves.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContextOptions } from "playwright-core";

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
): Promise<ColdLoad> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
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

/** Cold loads of /login: FCP median within budget, and no charts or admin code fetched. */
export async function checkLoginFirstPaint(browser: Browser, webUrl: string, dist: string) {
  const { fcp, scripts } = await measure("/login", () =>
    coldLoad(browser, `${webUrl}/login`, "form input[type=tel], form input", {
      viewport: { width: 375, height: 812 },
      locale: "uz-UZ",
    }),
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
) {
  const { fcp } = await measure("/dashboard (signed in)", async () => {
    const response = await fetch(`${apiUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: webUrl },
      body: JSON.stringify({ phone_number: user.phone, password: user.password }),
    });
    assert.equal(response.status, 200, "the API logs the user in");
    const { refresh_token } = (await response.json()) as { refresh_token: string };
    return coldLoad(browser, `${webUrl}/dashboard`, ".balance-value", {
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
    });
  });
  assert.ok(fcp <= FCP_BUDGET_MS, `/dashboard FCP ${Math.round(fcp)} ms exceeds ${FCP_BUDGET_MS} ms`);
}
