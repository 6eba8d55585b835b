import { toPng } from "html-to-image";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Transaction } from "../lib/api/client";
import { displayCardNumber, isPlatformCard, PLATFORM_NAME } from "../lib/card";
import { formatDateTime } from "../lib/dates";
import { displayPhone } from "../lib/phone";
import { receiptFileName, receiptText, saveDataUrl, shareOrCopy } from "../lib/receipt";
import { type Direction, movementOf } from "../lib/transactions";
import { Button, ButtonLink } from "./ui/button";
import { Money } from "./ui/money";

/** One side of a receipt: a card and its owner, or Cho'ntak itself for the platform card. */
function Party({ card }: { card: { card_number: string; owner_name: string } }) {
  const { t } = useTranslation();
  if (isPlatformCard(card.card_number)) {
    return (
      <>
        <span data-testid="receipt-platform">{PLATFORM_NAME}</span>
        <span className="muted small">{t("receipt.platformNote")}</span>
      </>
    );
  }
  return (
    <>
      <span className="mono card-number">{displayCardNumber(card.card_number)}</span>
      <span>{card.owner_name}</span>
    </>
  );
}

type Notice = "copied" | "shareFailed" | "downloadFailed" | null;

/**
 * A transaction as a receipt: who, to whom, how much, the commission, when, its
 * id; with its actions: share (or copy), download as an image, and for the sender
 * of a transfer, repeat it (the send form opens filled; nothing is sent there
 * before the user confirms).
 */
export function Receipt({
  transaction,
  direction,
  repeatable: canRepeat = true,
}: {
  transaction: Transaction;
  direction: Direction;
  /** False for a payment whose receiver the payer never typed (a payment request's). */
  repeatable?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const receiptRef = useRef<HTMLElement>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const failed = transaction.status === "failed";
  // The headline is what moved on the viewer's side: the sender sees the total debited.
  const total = movementOf(transaction, "out");
  const repeatable = canRepeat && transaction.type === "transfer" && direction !== "in";

  const share = async () => {
    setNotice(null);
    try {
      const outcome = await shareOrCopy({
        title: t("receipt.shareTitle"),
        text: receiptText(transaction, direction, t, i18n.language),
      });
      if (outcome === "copied") setNotice("copied");
    } catch {
      setNotice("shareFailed");
    }
  };

  const download = async () => {
    const node = receiptRef.current;
    if (!node) return;
    setNotice(null);
    setSaving(true);
    try {
      const image = await toPng(node, { pixelRatio: 2, backgroundColor: "#ffffff" });
      saveDataUrl(image, receiptFileName(transaction));
    } catch {
      setNotice("downloadFailed");
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="receipt-block">
      <article className="receipt" aria-label={t("receipt.title")} ref={receiptRef}>
        <div className={`receipt-status ${failed ? "is-failed" : "is-success"}`}>
          <span className="receipt-status-badge">
            {failed ? t("status.failed") : t("status.success")}
          </span>
          <Money
            className="receipt-amount"
            value={movementOf(transaction, direction)}
            sign={direction === "self" ? undefined : direction === "in" ? "+" : "-"}
          />
          <span className="muted">{t(`type.${transaction.type}`)}</span>
        </div>
        <dl className="receipt-lines">
          <div>
            <dt>{t("receipt.from")}</dt>
            <dd>
              {transaction.from_card ? (
                <Party card={transaction.from_card} />
              ) : (
                <span>{t("receipt.cashIn")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("receipt.to")}</dt>
            <dd>
              <Party card={transaction.to_card} />
            </dd>
          </div>
          {transaction.to_phone && (
            <div>
              <dt>{t("phonePay.phone")}</dt>
              <dd className="mono nowrap" data-testid="receipt-phone">
                {displayPhone(transaction.to_phone)}
              </dd>
            </div>
          )}
          <div>
            <dt>{t("receipt.amount")}</dt>
            <dd>
              <Money value={transaction.amount} />
            </dd>
          </div>
          <div>
            <dt>{t("receipt.commission")}</dt>
            <dd>
              <Money value={transaction.commission} />
            </dd>
          </div>
          {direction !== "in" && (
            <div>
              <dt>{t("receipt.total")}</dt>
              <dd>
                <Money value={total} />
              </dd>
            </div>
          )}
          {transaction.description && (
            <div>
              <dt>{t("receipt.description")}</dt>
              <dd>{transaction.description}</dd>
            </div>
          )}
          {failed && transaction.failure_reason && (
            <div>
              <dt>{t("receipt.failureReason")}</dt>
              <dd>
                {t(`failure.${transaction.failure_reason}`, {
                  defaultValue: transaction.failure_reason,
                })}
              </dd>
            </div>
          )}
          <div>
            <dt>{t("receipt.time")}</dt>
            <dd>{formatDateTime(transaction.created_at, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t("receipt.id")}</dt>
            <dd className="mono receipt-id">{transaction.id}</dd>
          </div>
        </dl>
      </article>
      <div className="receipt-actions">
        <Button variant="secondary" onClick={share}>
          {t("receipt.share")}
        </Button>
        <Button variant="secondary" loading={saving} onClick={download}>
          {t("receipt.download")}
        </Button>
        {repeatable && (
          <ButtonLink variant="secondary" to={`/send?repeat=${transaction.id}`}>
            {t("receipt.repeat")}
          </ButtonLink>
        )}
      </div>
      <p
        className={notice === "copied" ? "receipt-notice" : "receipt-notice is-error"}
        role="status"
      >
        {notice ? t(`receipt.${notice}`) : ""}
      </p>
    </div>
  );
}
