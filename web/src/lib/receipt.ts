import type { TFunction } from "i18next";
import type { Transaction } from "./api/client";
import { displayCardNumber } from "./card";
import { formatDateTime, tashkentDay } from "./dates";
import { formatSom } from "./money";
import { displayPhone } from "./phone";
import { type Direction, movementOf } from "./transactions";

/** "chontak-receipt-2026-11-24-0b9f6a52.png": the Tashkent day and the id's first eight characters. */
export function receiptFileName(transaction: Pick<Transaction, "id" | "created_at">): string {
  return `chontak-receipt-${tashkentDay(transaction.created_at)}-${transaction.id.slice(0, 8)}.png`;
}

/**
 * The receipt as plain text for sharing: the same lines the screen shows, card
 * numbers masked as there (another person's number never leaves unmasked).
 */
export function receiptText(
  transaction: Transaction,
  direction: Direction,
  t: TFunction,
  language: string,
): string {
  const som = (value: string) => formatSom(value, t("currency"));
  // Plain spaces in shared text: other apps search and copy it as typed digits.
  const card = (side: { card_number: string; owner_name: string }) =>
    `${displayCardNumber(side.card_number).replace(/\u00a0/g, " ")} ${side.owner_name}`;
  const failed = transaction.status === "failed";
  const lines: [string, string][] = [
    [t("receipt.from"), transaction.from_card ? card(transaction.from_card) : t("receipt.cashIn")],
    [t("receipt.to"), card(transaction.to_card)],
    ...(transaction.to_phone
      ? ([[t("phonePay.phone"), displayPhone(transaction.to_phone).replace(/\u00a0/g, " ")]] as [
          string,
          string,
        ][])
      : []),
    [t("receipt.amount"), som(transaction.amount)],
    [t("receipt.commission"), som(transaction.commission)],
    ...(direction !== "in"
      ? ([[t("receipt.total"), som(movementOf(transaction, "out"))]] as [string, string][])
      : []),
    ...(transaction.description
      ? ([[t("receipt.description"), transaction.description]] as [string, string][])
      : []),
    ...(failed && transaction.failure_reason
      ? ([
          [
            t("receipt.failureReason"),
            t(`failure.${transaction.failure_reason}`, {
              defaultValue: transaction.failure_reason,
            }),
          ],
        ] as [string, string][])
      : []),
    [t("receipt.time"), formatDateTime(transaction.created_at, language)],
    [t("receipt.id"), transaction.id],
  ];
  return [
    `${t("receipt.shareTitle")} — ${t(`type.${transaction.type}`)}`,
    failed ? t("status.failed") : t("status.success"),
    ...lines.map(([label, value]) => `${label}: ${value}`),
  ].join("\n");
}

/**
 * Shares text through the system sheet where the browser has one (Web Share API),
 * otherwise copies it to the clipboard. "cancelled" when the user closed the sheet.
 */
export async function shareOrCopy(data: {
  title: string;
  text: string;
}): Promise<"shared" | "copied" | "cancelled"> {
  if (typeof navigator.share === "function" && navigator.canShare?.(data) !== false) {
    try {
      await navigator.share(data);
      return "shared";
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return "cancelled";
      // No permission or no share target: fall through to the clipboard.
    }
  }
  await navigator.clipboard.writeText(data.text);
  return "copied";
}

/** Saves a data: URL as a file through a temporary download link. */
export function saveDataUrl(dataUrl: string, fileName: string) {
  const link = document.createElement("a");
  link.href = dataUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}
