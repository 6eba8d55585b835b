import type { PDFFont, PDFPage } from "pdf-lib";
import { encode } from "uqr";
import {
  A4,
  createPdf,
  drawRule,
  drawText,
  MARGIN,
  MUTED,
  type PdfFonts,
  savePdf,
  textWidth,
} from "../../lib/pdf";
import type { ReceiptFacts } from "./receipt";

type Language = "uz" | "ru" | "en";

const LABELS = {
  uz: {
    title: "To'lov kvitansiyasi",
    id: "Tranzaksiya",
    at: "Vaqt (Toshkent)",
    type: "Turi",
    amount: "Summa",
    fee: "Komissiya",
    from: "Yuboruvchi karta",
    to: "Qabul qiluvchi karta",
    phone: "Telefon raqami",
    types: { transfer: "O'tkazma", deposit: "Hisobni to'ldirish", subscription: "Premium obuna" },
    scan: "Haqiqiyligini tekshirish uchun skanerlang",
    signed: "Bank tomonidan Ed25519 bilan imzolangan, kalit",
  },
  ru: {
    title: "Квитанция об оплате",
    id: "Транзакция",
    at: "Время (Ташкент)",
    type: "Тип",
    amount: "Сумма",
    fee: "Комиссия",
    from: "Карта отправителя",
    to: "Карта получателя",
    phone: "Номер телефона",
    types: { transfer: "Перевод", deposit: "Пополнение", subscription: "Премиум-подписка" },
    scan: "Отсканируйте, чтобы проверить подлинность",
    signed: "Подписано банком (Ed25519), ключ",
  },
  en: {
    title: "Payment receipt",
    id: "Transaction",
    at: "Time (Tashkent)",
    type: "Type",
    amount: "Amount",
    fee: "Fee",
    from: "Sender card",
    to: "Receiver card",
    phone: "Phone number",
    types: { transfer: "Transfer", deposit: "Cash-in", subscription: "Premium subscription" },
    scan: "Scan to check it is genuine",
    signed: "Signed by the bank with Ed25519, key",
  },
} as const;

/** "2500000.50" → "2 500 000.50 so'm" */
function displayMoney(amount: string): string {
  const [whole = "0", fraction = "00"] = amount.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ")}.${fraction} so'm`;
}

// Tashkent keeps UTC+5 all year (no daylight saving).
function tashkentTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 5 * 3600_000);
  return local.toISOString().slice(0, 19).replace("T", " ");
}

/** The QR matrix drawn as black squares, its top-left corner at (x, top). */
function drawQr(page: PDFPage, text: string, x: number, top: number, size: number) {
  const qr = encode(text, { ecc: "L", border: 0 });
  const cell = size / qr.size;
  qr.data.forEach((row, r) => {
    row.forEach((dark, col) => {
      if (!dark) return;
      // A hair wider than the cell, so neighbours join without seams in viewers.
      page.drawRectangle({
        x: x + col * cell,
        y: top - (r + 1) * cell,
        width: cell + 0.05,
        height: cell + 0.05,
      });
    });
  });
}

/** The receipt on one A4 page: the facts, and a QR code of the page that verifies it. */
export async function receiptPdf(
  receipt: ReceiptFacts,
  verifyUrl: string,
  kid: string,
  language: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const labels = LABELS[(["uz", "ru", "en"].includes(language) ? language : "uz") as Language];
  const { doc, fonts } = await createPdf({
    title: `${labels.title} ${receipt.id}`,
    author: "Cho'ntak",
    createdAt: new Date(receipt.at),
  });
  const page = doc.addPage([A4[0], A4[1]]);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN - 20;
  drawText(page, "Cho'ntak", { x: MARGIN, y, font: fonts.bold, size: 22 });
  y -= 26;
  drawText(page, labels.title, { x: MARGIN, y, font: fonts.regular, size: 14, color: MUTED });
  y -= 18;
  drawRule(page, y);
  y -= 28;

  const rows: [string, string][] = [
    [labels.amount, displayMoney(receipt.amount)],
    [labels.fee, displayMoney(receipt.fee)],
    [labels.type, labels.types[receipt.type]],
    [labels.at, tashkentTime(receipt.at)],
    [labels.id, receipt.id],
    ...(receipt.from_card ? [[labels.from, receipt.from_card] as [string, string]] : []),
    [labels.to, receipt.to_card],
    ...(receipt.to_phone ? [[labels.phone, receipt.to_phone] as [string, string]] : []),
  ];
  rows.forEach(([label, value], index) => {
    const font = index === 0 ? fonts.bold : fonts.regular;
    drawRow(page, fonts, label, value, y, width, font);
    y -= 24;
  });
  y -= 8;
  drawRule(page, y);
  y -= 20;

  const qrSize = 170;
  drawQr(page, verifyUrl, MARGIN, y, qrSize);
  const textX = MARGIN + qrSize + 20;
  const textWidthAvailable = width - qrSize - 20;
  let textY = y - 12;
  drawText(page, labels.scan, { x: textX, y: textY, font: fonts.bold, size: 11 });
  textY -= 18;
  drawText(page, `${labels.signed} ${kid}`, {
    x: textX,
    y: textY,
    font: fonts.regular,
    size: 9,
    width: textWidthAvailable,
    color: MUTED,
  });
  textY -= 16;
  for (const line of hardWrap(verifyUrl, fonts.regular, 6.5, textWidthAvailable)) {
    if (textY < y - qrSize) break;
    drawText(page, line, {
      x: textX,
      y: textY,
      font: fonts.regular,
      size: 6.5,
      color: MUTED,
    });
    textY -= 8.5;
  }
  return (await savePdf(doc)) as Uint8Array<ArrayBuffer>;
}

// The URL has no spaces to wrap at: cut it wherever a line is full.
function hardWrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const char of text) {
    if (current && textWidth(current + char, font, size) > maxWidth) {
      lines.push(current);
      current = "";
    }
    current += char;
  }
  if (current) lines.push(current);
  return lines;
}

function drawRow(
  page: PDFPage,
  fonts: PdfFonts,
  label: string,
  value: string,
  y: number,
  width: number,
  valueFont: PDFFont,
) {
  drawText(page, label, { x: MARGIN, y, font: fonts.regular, size: 11, color: MUTED });
  drawText(page, value, {
    x: MARGIN + 170,
    y,
    width: width - 170,
    align: "right",
    font: valueFont,
    size: 12,
  });
}
