import fontkit from "@pdf-lib/fontkit";
import regular from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { A4, createPdf, drawText, fitText, numberPages, PageFlow, savePdf, wrapText } from ".";

const SAMPLES = [
  "Cho'ntak — Oʻzbekiston, gʻalla, ЎзбекистонҚҒҲ",
  "Выписка по карте: входящий остаток, исходящий остаток",
  "Statement 7777 **** **** 9050 — 1 234 567.89 so'm №",
];

describe("PDF base", () => {
  it("the embedded font has a glyph for every Latin, Uzbek and Cyrillic character used", () => {
    const font = fontkit.create(new Uint8Array(regular));
    const missing = Array.from(SAMPLES.join(""))
      .filter((char) => char.trim() !== "")
      .filter((char) => !font.hasGlyphForCodePoint(char.codePointAt(0) as number));
    expect(missing).toEqual([]);
  });

  it("makes A4 pages with page X of Y on each, loadable by a PDF reader", async () => {
    const { doc, fonts } = await createPdf({ title: "Test", author: "Cho'ntak" });
    let headers = 0;
    const flow = new PageFlow(doc, fonts, () => {
      headers++;
    });
    for (let line = 0; line < 120; line++) {
      flow.need(14);
      drawText(flow.page, `${line} ${SAMPLES[line % SAMPLES.length]}`, {
        x: 40,
        y: flow.y,
        width: flow.width,
        font: fonts.regular,
        size: 10,
      });
      flow.y -= 14;
    }
    const labels: string[] = [];
    numberPages(doc, fonts.regular, (page, total) => {
      const label = `страница ${page} из ${total}`;
      labels.push(label);
      return label;
    });
    const bytes = await savePdf(doc);
    const loaded = await PDFDocument.load(bytes);
    expect(loaded.getPageCount()).toBeGreaterThan(1);
    expect(headers).toBe(loaded.getPageCount());
    expect(labels.at(-1)).toBe(`страница ${labels.length} из ${labels.length}`);
    for (const page of loaded.getPages()) {
      expect(page.getSize()).toEqual({ width: A4[0], height: A4[1] });
    }
    expect(loaded.getTitle()).toBe("Test");
    // Subset fonts: the document stays far below the size of the fonts themselves.
    expect(bytes.byteLength).toBeLessThan(200_000);
  });

  it("cuts and wraps text to a width", async () => {
    const { fonts } = await createPdf({ title: "Test", author: "Cho'ntak" });
    const long = "Оплата за услуги связи и интернет ".repeat(5);
    const cut = fitText(long, fonts.regular, 10, 100);
    expect(cut.endsWith("…")).toBe(true);
    expect(fonts.regular.widthOfTextAtSize(cut, 10)).toBeLessThanOrEqual(100);
    const lines = wrapText(long, fonts.regular, 10, 150);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(fonts.regular.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(150);
    }
    expect(fitText("a\nb\tc", fonts.regular, 10, 500)).toBe("a b c");
  });
});
