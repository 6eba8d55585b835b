import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("./styles.css", import.meta.url), "utf8");

/** The colour tokens of `:root`, as written in styles.css. */
function tokens(): Record<string, string> {
  const root = /:root\s*{([^}]*)}/.exec(css)?.[1] ?? "";
  return Object.fromEntries(
    [...root.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map(([, name, value]) => [
      name,
      value,
    ]),
  );
}

/** WCAG 2.x relative luminance of an sRGB colour "#rrggbb". */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio, from 1 (same colour) to 21 (black on white). */
function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const WHITE = "#ffffff";
const token = tokens();
const color = (name: string) => (name === "white" ? WHITE : token[name]);

// [foreground, backgrounds it is drawn on]
const TEXT: [string, string[]][] = [
  ["ink", ["surface", "bg", "hover", "brand-soft", "success-soft", "info-soft", "danger-soft"]],
  ["muted", ["surface", "bg", "hover"]],
  ["brand-strong", ["surface", "bg", "hover", "brand-soft", "success-soft"]],
  ["white", ["brand", "brand-strong", "danger"]],
  ["danger", ["surface", "bg", "danger-soft"]],
  ["in", ["surface", "bg", "success-soft"]],
  ["out", ["surface", "bg", "out-soft"]],
];
// Borders of form controls, icons and focus rings.
const NON_TEXT: [string, string[]][] = [
  ["control-border", ["surface"]],
  ["danger", ["surface"]],
  ["focus-ring", ["surface", "bg", "hover", "brand-soft", "success-soft"]],
  ["focus-ring-on-dark", ["brand", "brand-strong"]],
];

describe("colour tokens", () => {
  it("are read from styles.css", () => {
    for (const [foreground, backgrounds] of [...TEXT, ...NON_TEXT]) {
      for (const name of [foreground, ...backgrounds]) expect(color(name), name).toMatch(/^#/);
    }
  });

  it.each(TEXT)("text in %s keeps 4.5:1 on its backgrounds", (foreground, backgrounds) => {
    for (const background of backgrounds) {
      const ratio = contrast(color(foreground) ?? "", color(background) ?? "");
      expect(ratio, `${foreground} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each(NON_TEXT)("%s keeps 3:1 on its backgrounds", (foreground, backgrounds) => {
    for (const background of backgrounds) {
      const ratio = contrast(color(foreground) ?? "", color(background) ?? "");
      expect(ratio, `${foreground} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("the ratio matches known WCAG values", () => {
    expect(contrast("#000000", WHITE)).toBeCloseTo(21, 5);
    expect(contrast("#767676", WHITE)).toBeCloseTo(4.54, 2);
  });
});

describe("focus", () => {
  it("no rule removes the outline", () => {
    expect(css).not.toMatch(/outline:\s*(none|0)\b/);
  });
});
