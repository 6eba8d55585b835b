import type { PDFFont } from "pdf-lib";

// Control characters (newlines, tabs, NUL) have no glyph and would print as boxes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Text as one printable line. */
export function printable(text: string): string {
  return text.replace(CONTROL, " ").trim();
}

export function textWidth(text: string, font: PDFFont, size: number): number {
  return font.widthOfTextAtSize(text, size);
}

/** The text cut with an ellipsis so it fits maxWidth (whole when it already fits). */
export function fitText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  const line = printable(text);
  if (textWidth(line, font, size) <= maxWidth) return line;
  const chars = Array.from(line);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = `${chars.slice(0, mid).join("").trimEnd()}…`;
    if (textWidth(candidate, font, size) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join("").trimEnd()}…`;
}

/** Greedy word wrap to maxWidth; a word longer than a line is cut with fitText. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of printable(text).split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (textWidth(next, font, size) <= maxWidth) {
      current = next;
      continue;
    }
    if (current) lines.push(current);
    current = fitText(word, font, size, maxWidth);
  }
  if (current) lines.push(current);
  return lines;
}
