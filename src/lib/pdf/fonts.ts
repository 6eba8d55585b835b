import fontkit from "@pdf-lib/fontkit";
import regular from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf";
import bold from "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf";
import type { PDFDocument, PDFFont } from "pdf-lib";

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * DejaVu Sans covers Latin (Uzbek oʻ/gʻ included), Cyrillic and the so'm
 * figures in one face; the standard PDF fonts have no Cyrillic. Subsetting keeps
 * a document to the glyphs it uses (tens of KiB instead of the whole font).
 */
export async function embedFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  const [regularFont, boldFont] = await Promise.all([
    doc.embedFont(regular, { subset: true }),
    doc.embedFont(bold, { subset: true }),
  ]);
  return { regular: regularFont, bold: boldFont };
}
