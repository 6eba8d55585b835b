import { PDFDocument } from "pdf-lib";
import { embedFonts, type PdfFonts } from "./fonts";

export {
  A4,
  type Align,
  drawRule,
  drawText,
  INK,
  MARGIN,
  MUTED,
  numberPages,
  PageFlow,
  RULE,
  type TextOptions,
} from "./document";
export type { PdfFonts } from "./fonts";
export { fitText, printable, textWidth, wrapText } from "./text";

export interface PdfMeta {
  title: string;
  author: string;
  subject?: string;
  /** Fixed in tests so two renders of the same data are the same bytes. */
  createdAt?: Date;
}

/** A new document with its metadata set and the Latin + Cyrillic fonts embedded. */
export async function createPdf(meta: PdfMeta): Promise<{ doc: PDFDocument; fonts: PdfFonts }> {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setProducer(meta.author);
  doc.setCreator(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  const createdAt = meta.createdAt ?? new Date();
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);
  const fonts = await embedFonts(doc);
  return { doc, fonts };
}

/** The finished document as bytes, ready for a `Response` body. */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: true });
}
