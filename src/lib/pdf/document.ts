import { PageSizes, type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import type { PdfFonts } from "./fonts";
import { fitText, printable, textWidth } from "./text";

export const A4: readonly [number, number] = PageSizes.A4;
export const MARGIN = 40;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.42, 0.44, 0.48);
export const RULE = rgb(0.82, 0.84, 0.87);

export type Align = "left" | "right" | "center";

export interface TextOptions {
  x: number;
  y: number;
  font: PDFFont;
  size: number;
  /** With width: the box the text is aligned and cut in. */
  width?: number;
  align?: Align;
  color?: ReturnType<typeof rgb>;
}

/** One line of text, aligned inside [x, x + width] and cut to fit it. */
export function drawText(page: PDFPage, text: string, options: TextOptions): void {
  const { font, size, width, align = "left" } = options;
  const line = width === undefined ? printable(text) : fitText(text, font, size, width);
  const used = textWidth(line, font, size);
  const box = width ?? used;
  const x =
    align === "right"
      ? options.x + box - used
      : align === "center"
        ? options.x + (box - used) / 2
        : options.x;
  page.drawText(line, { x, y: options.y, font, size, color: options.color ?? INK });
}

export function drawRule(page: PDFPage, y: number, from = MARGIN, to = A4[0] - MARGIN): void {
  page.drawLine({
    start: { x: from, y },
    end: { x: to, y },
    thickness: 0.5,
    color: RULE,
  });
}

/**
 * Pages filled top to bottom: `need(height)` starts a new A4 page when the next
 * block would cross the bottom margin (leaving room for the page number), and
 * runs `onNewPage` so every page gets its header.
 */
export class PageFlow {
  page: PDFPage;
  y: number;
  readonly bottom = MARGIN + 24;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    private readonly onNewPage: (flow: PageFlow) => void = () => {},
  ) {
    this.page = doc.addPage([A4[0], A4[1]]);
    this.y = A4[1] - MARGIN;
    this.onNewPage(this);
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage([A4[0], A4[1]]);
    this.y = A4[1] - MARGIN;
    this.onNewPage(this);
  }

  need(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }
}

/**
 * Writes "page X of Y" (the words from `label`, in the reader's language) at the
 * foot of every page; call it once, after the last page exists.
 */
export function numberPages(
  doc: PDFDocument,
  font: PDFFont,
  label: (page: number, total: number) => string,
  size = 8,
): void {
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    drawText(page, label(index + 1, pages.length), {
      x: MARGIN,
      y: MARGIN - 8,
      width: A4[0] - 2 * MARGIN,
      align: "right",
      font,
      size,
      color: MUTED,
    });
  });
}
