import Papa from "papaparse";
import { formatMoney } from "../../lib/money";
import type { StatementLabels } from "./labels";
import { tashkentDateTime } from "./labels";
import type { Statement } from "./statement.service";

/**
 * Semicolon: Excel in ru and uz locales (decimal comma) splits on ";" when a
 * file is opened by double click; with "," everything lands in one column.
 */
export const CSV_DELIMITER = ";";
const BOM = "\uFEFF";
const ROWS_PER_CHUNK = 200;

/** A cell Excel would run as a formula (=, +, -, @, tab, CR first) is kept as text. */
const text = (value: string | null | undefined) => {
  const cell = value ?? "";
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
};

// Quotes a cell only when it holds the separator, a quote or a line break.
const csv = (rows: (string | number)[][]) =>
  `${Papa.unparse(rows, { delimiter: CSV_DELIMITER, newline: "\r\n" })}\r\n`;

/**
 * The statement as CSV (UTF-8 with a BOM, so Excel reads Cyrillic right): a
 * few head lines, one row per movement with plain decimal amounts
 * ("-1500.00"), the totals and the closing balance at the end.
 */
export async function* statementCsv(
  statement: Statement,
  labels: StatementLabels,
): AsyncGenerator<string> {
  const { head, totals } = statement;
  yield BOM +
    csv([
      [labels.bank, labels.title],
      [labels.card, head.cardNumber],
      [labels.owner, text(head.ownerName)],
      [labels.period, head.from, head.to],
      [labels.timezone],
      [labels.generatedAt, tashkentDateTime(head.generatedAt)],
      [labels.opening, formatMoney(head.opening)],
      [],
      [
        labels.date,
        labels.time,
        labels.counterpartyCard,
        labels.counterparty,
        labels.description,
        labels.amount,
        labels.fee,
        labels.balance,
        labels.transaction,
      ],
    ]);
  let batch: string[][] = [];
  for await (const movement of statement.movements()) {
    batch.push([
      movement.day,
      movement.time,
      movement.counterparty?.cardNumber ?? "",
      text(movement.counterparty?.ownerName ?? labels.bank),
      text(movement.description ?? labels.types[movement.type]),
      formatMoney(movement.amount),
      formatMoney(movement.fee),
      formatMoney(movement.balance),
      movement.transactionId,
    ]);
    if (batch.length >= ROWS_PER_CHUNK) {
      yield csv(batch);
      batch = [];
    }
  }
  if (batch.length) yield csv(batch);
  yield csv([
    [],
    [labels.totalIn, formatMoney(totals.totalIn)],
    [labels.totalOut, formatMoney(totals.totalOut)],
    [labels.fees, formatMoney(totals.fees)],
    [labels.count, totals.count],
    [labels.closing, formatMoney(totals.closing)],
  ]);
}
