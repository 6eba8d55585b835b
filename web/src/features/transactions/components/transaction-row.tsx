import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Icon } from "../../../components/ui/icons";
import { Money } from "../../../components/ui/money";
import type { Transaction } from "../../../lib/api/client";
import { isPlatformCard, lastFour, PLATFORM_NAME } from "../../../lib/card";
import { formatTime } from "../../../lib/dates";
import { displayPhone } from "../../../lib/phone";
import { type Direction, directionOf, movementOf } from "../../../lib/transactions";

/**
 * The other side of a row: a person's masked name and card, the cash-in, or the
 * platform card (commissions, premium), which is Cho'ntak itself and has no
 * card to show: its row says what was paid instead.
 */
function counterparty(transaction: Transaction, direction: Direction, cashIn: string) {
  const card =
    direction === "in"
      ? (transaction.from_card ?? {
          owner_name: cashIn,
          card_number: transaction.to_card.card_number,
        })
      : transaction.to_card;
  if (isPlatformCard(card.card_number)) return { name: PLATFORM_NAME, number: null };
  return { name: card.owner_name, number: card.card_number };
}

export function TransactionRow({
  transaction,
  ownCardNumbers,
}: {
  transaction: Transaction;
  ownCardNumbers: readonly string[];
}) {
  const { t } = useTranslation();
  const direction = directionOf(transaction, ownCardNumbers);
  const other = counterparty(transaction, direction, t("receipt.cashIn"));
  const failed = transaction.status === "failed";
  return (
    <Link
      to={`/history/${transaction.id}`}
      className={`tx-row ${failed ? "is-failed" : ""}`}
      data-testid="tx-row"
    >
      <span className={`tx-icon tx-${direction}`} aria-hidden="true">
        <Icon name={direction === "in" ? "arrowIn" : "arrowOut"} size={18} />
      </span>
      <span className="tx-main">
        <span className="tx-title">{other.name}</span>
        <span className="tx-sub">
          {direction === "out" && transaction.to_phone ? (
            // Paid by phone: the number it was addressed to says more than a card's last digits.
            <span className="mono nowrap" data-testid="tx-phone">
              {displayPhone(transaction.to_phone)}
            </span>
          ) : other.number ? (
            <span className="mono card-number">{lastFour(other.number)}</span>
          ) : (
            t(`type.${transaction.type}`)
          )}{" "}
          · {formatTime(transaction.created_at)}
          {failed && <span className="badge badge-failed">{t("status.failed")}</span>}
        </span>
      </span>
      <Money
        className="tx-amount"
        value={movementOf(transaction, direction)}
        sign={direction === "in" ? "+" : direction === "out" ? "-" : undefined}
      />
      <span className="visually-hidden">
        {t(`direction.${direction}`)}, {t(`status.${transaction.status}`)}
      </span>
    </Link>
  );
}
