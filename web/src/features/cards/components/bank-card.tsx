import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Icon } from "../../../components/ui/icons";
import { Money } from "../../../components/ui/money";
import type { BankCard } from "../../../lib/api/client";
import { formatCardNumber, maskCardNumber } from "../../../lib/card";
import { cardState } from "./card-state";

/** "2031-11-24" → "11/31" */
const expiry = (date: string) => `${date.slice(5, 7)}/${date.slice(2, 4)}`;

/**
 * A card as people picture it: number masked until asked, balance, owner,
 * expiry and a status badge; frozen cards look frosted (a new one says it is not
 * activated yet), a card the bank blocked says so with a lock, closed/expired greyed.
 */
export function BankCardView({ card, link }: { card: BankCard; link?: boolean }) {
  const { t } = useTranslation();
  const [showNumber, setShowNumber] = useState(false);
  const number = showNumber ? formatCardNumber(card.card_number) : maskCardNumber(card.card_number);
  const state = cardState(card);
  const blocked = state === "blocked";
  return (
    <div
      className={`bank-card is-${card.status}${blocked ? " is-blocked" : ""}${state === "notActivated" ? " is-not-activated" : ""}`}
      data-testid="bank-card"
    >
      <div className="bank-card-top">
        <span className="bank-card-brand">Cho'ntak</span>
        {blocked ? (
          <span className="badge badge-blocked">
            <Icon name="lock" size={14} />
            {t("cardStatus.blocked")}
          </span>
        ) : state === "notActivated" ? (
          <span className="badge badge-not-activated" data-testid="card-status">
            {t("cardStatus.notActivated")}
          </span>
        ) : (
          <span className={`badge badge-${card.status}`} data-testid="card-status">
            {card.status === "frozen" && <Icon name="snow" size={14} />}
            {t(`cardStatus.${card.status}`)}
          </span>
        )}
      </div>
      <Money className="bank-card-balance" value={card.balance} />
      <div className="bank-card-number">
        <span className="mono card-number" data-testid="card-number">
          {number}
        </span>
        <button
          type="button"
          className="icon-btn on-card"
          onClick={() => setShowNumber((value) => !value)}
          aria-pressed={showNumber}
          aria-label={showNumber ? t("cards.hideNumber") : t("cards.showNumber")}
        >
          <Icon name={showNumber ? "eyeOff" : "eye"} size={18} />
        </button>
      </div>
      <div className="bank-card-bottom">
        <span>{card.owner_name}</span>
        <span>{expiry(card.expiry_date)}</span>
      </div>
      {link && (
        <Link className="bank-card-link" to={`/cards/${card.id}`}>
          <span className="visually-hidden">
            {t("cards.open")} {maskCardNumber(card.card_number)}
          </span>
        </Link>
      )}
    </div>
  );
}
