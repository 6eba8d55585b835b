import type { PDFPage } from "pdf-lib";
import { formatMoney } from "../../lib/money";
import {
  createPdf,
  drawRule,
  drawText,
  MARGIN,
  MUTED,
  numberPages,
  PageFlow,
  savePdf,
  wrapText,
} from "../../lib/pdf";
import { ApiError } from "../../lib/problem";
import { type StatementLabels, tashkentDateTime } from "./labels";
import { PDF_MAX_MOVEMENTS } from "./limits";
import type { Movement, Statement } from "./statement.service";

const SIZE = 7.5;
const LINE = 9.5;

interface Column {
  key: "when" | "counterparty" | "description" | "amount" | "fee" | "balance";
  width: number;
  align: "left" | "right";
}

const COLUMNS: Column[] = [
  { key: "when", width: 70, align: "left" },
  { key: "counterparty", width: 118, align: "left" },
  { key: "description", width: 130, align: "left" },
  { key: "amount", width: 65, align: "right" },
  { key: "fee", width: 57, align: "right" },
  { key: "balance", width: 75, align: "right" },
];

function columnX(index: number): number {
  return MARGIN + COLUMNS.slice(0, index).reduce((sum, column) => sum + column.width, 0);
}

/** Every movement, or the 4xx that says to take CSV when there are too many. */
async function collect(statement: Statement, max: number): Promise<Movement[]> {
  const movements: Movement[] = [];
  for await (const movement of statement.movements()) {
    if (movements.length === max) {
      throw new ApiError("STATEMENT_TOO_LARGE_FOR_PDF", { params: { max } });
    }
    movements.push(movement);
  }
  return movements;
}

/** The statement as an A4 PDF: head, one row per movement, totals, page X of Y. */
export async function statementPdf(
  statement: Statement,
  labels: StatementLabels,
  options: { createdAt?: Date; maxMovements?: number } = {},
): Promise<Uint8Array> {
  const movements = await collect(statement, options.maxMovements ?? PDF_MAX_MOVEMENTS);
  const { head, totals } = statement;
  const { doc, fonts } = await createPdf({
    title: `${labels.title} ${head.cardNumber} ${head.from} – ${head.to}`,
    author: labels.bank,
    subject: labels.title,
    createdAt: options.createdAt ?? new Date(head.generatedAt),
  });
  const small = { font: fonts.regular, size: SIZE };

  const tableHeader = (flow: PageFlow) => {
    const names = [
      `${labels.date} ${labels.time}`,
      labels.counterparty,
      labels.description,
      labels.amount,
      labels.fee,
      labels.balance,
    ];
    COLUMNS.forEach((column, index) => {
      drawText(flow.page, names[index] as string, {
        x: columnX(index),
        y: flow.y,
        width: column.width - 4,
        align: column.align,
        font: fonts.bold,
        size: SIZE,
      });
    });
    flow.y -= 4;
    drawRule(flow.page, flow.y);
    flow.y -= LINE;
  };

  const pageHead = (flow: PageFlow) => {
    drawText(flow.page, labels.bank, { x: MARGIN, y: flow.y, font: fonts.bold, size: 14 });
    drawText(flow.page, labels.title, {
      x: MARGIN,
      y: flow.y,
      width: flow.width,
      align: "right",
      font: fonts.bold,
      size: 12,
    });
    flow.y -= 16;
    drawText(
      flow.page,
      `${labels.card} ${head.cardNumber}  ·  ${labels.period} ${head.from} – ${head.to}`,
      {
        x: MARGIN,
        y: flow.y,
        width: flow.width,
        font: fonts.regular,
        size: 9,
        color: MUTED,
      },
    );
    flow.y -= 8;
    drawRule(flow.page, flow.y);
    flow.y -= 14;
  };

  let inTable = false;
  const flow = new PageFlow(doc, fonts, (next) => {
    pageHead(next);
    if (inTable) tableHeader(next);
  });

  const facts: [string, string][] = [
    [labels.owner, head.ownerName],
    [labels.generatedAt, `${tashkentDateTime(head.generatedAt)} (UTC+5)`],
    [labels.opening, formatMoney(head.opening)],
    [labels.totalIn, formatMoney(totals.totalIn)],
    [labels.totalOut, formatMoney(totals.totalOut)],
    [labels.fees, formatMoney(totals.fees)],
    [labels.closing, formatMoney(totals.closing)],
    [labels.count, String(totals.count)],
  ];
  for (const [name, value] of facts) {
    drawText(flow.page, name, { ...small, size: 9, x: MARGIN, y: flow.y, width: 160 });
    drawText(flow.page, value, {
      font: fonts.bold,
      size: 9,
      x: MARGIN + 170,
      y: flow.y,
      width: 200,
    });
    flow.y -= 13;
  }
  flow.y -= 10;

  inTable = true;
  tableHeader(flow);
  if (movements.length === 0) {
    drawText(flow.page, labels.noMovements, {
      ...small,
      size: 9,
      x: MARGIN,
      y: flow.y,
      color: MUTED,
    });
    flow.y -= LINE;
  }
  for (const movement of movements) {
    const description = wrapText(
      movement.description ?? labels.types[movement.type],
      fonts.regular,
      SIZE,
      (COLUMNS[2] as Column).width - 4,
    ).slice(0, 2);
    const cells: Record<Column["key"], string[]> = {
      when: [movement.day, movement.time],
      counterparty: [
        movement.counterparty?.cardNumber ?? labels.bank,
        movement.counterparty?.ownerName ?? "",
      ],
      description,
      amount: [formatMoney(movement.amount)],
      fee: [movement.fee > 0n ? formatMoney(movement.fee) : ""],
      balance: [formatMoney(movement.balance)],
    };
    flow.need(2 * LINE + 3);
    drawRow(flow.page, flow.y, cells, small);
    flow.y -= 2 * LINE + 3;
  }
  flow.need(LINE * 3);
  drawRule(flow.page, flow.y + LINE - 3);
  drawText(flow.page, `${labels.closing}: ${formatMoney(totals.closing)}`, {
    font: fonts.bold,
    size: 9,
    x: MARGIN,
    y: flow.y - 4,
    width: flow.width,
    align: "right",
  });

  numberPages(doc, fonts.regular, labels.page);
  return savePdf(doc);
}

function drawRow(
  page: PDFPage,
  y: number,
  cells: Record<Column["key"], string[]>,
  style: { font: Parameters<typeof drawText>[2]["font"]; size: number },
): void {
  COLUMNS.forEach((column, index) => {
    cells[column.key].forEach((line, lineIndex) => {
      drawText(page, line, {
        ...style,
        x: columnX(index),
        y: y - lineIndex * LINE,
        width: column.width - 4,
        align: column.align,
        color: lineIndex > 0 && column.key !== "description" ? MUTED : undefined,
      });
    });
  });
}
