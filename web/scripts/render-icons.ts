// `npx tsx scripts/render-icons.ts` (from web/): renders the app icons from the SVGs in
// public/ with Chromium and writes the PNGs next to them. The PNGs are committed;
// rerun after changing an SVG. CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public");

/** Each PNG: its source SVG, its size, and whether the corners stay transparent. */
const outputs = [
  { svg: "favicon.svg", png: "favicon-32.png", size: 32, transparent: true },
  { svg: "favicon.svg", png: "icons/icon-192.png", size: 192, transparent: true },
  { svg: "favicon.svg", png: "icons/icon-512.png", size: 512, transparent: true },
  // Full bleed: the launcher crops it to its own shape; the mark sits in the safe zone.
  { svg: "icons/maskable.svg", png: "icons/maskable-512.png", size: 512, transparent: false },
  // iOS rounds the corners itself and shows transparency as black.
  { svg: "icons/maskable.svg", png: "icons/apple-touch-icon.png", size: 180, transparent: false },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  for (const { svg, png, size, transparent } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const source = await readFile(path.join(publicDir, svg), "utf8");
    const image = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>*{margin:0}svg{display:block}</style>${image}`);
    await page.screenshot({ path: path.join(publicDir, png), omitBackground: transparent });
    await page.close();
    console.log(`${png} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
