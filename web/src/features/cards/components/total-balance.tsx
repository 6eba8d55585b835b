import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/ui/error-state";
import { Icon } from "../../../components/ui/icons";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { sumSom } from "../../../lib/money";
import { useCards } from "../api/cards";

/** The sum of every card's balance (exact, in tiyin), hidden until the eye is pressed. */
export function TotalBalance() {
  const { t } = useTranslation();
  const cards = useCards();
  const [visible, setVisible] = useState(false);
  return (
    <section className="balance" aria-labelledby="total-balance-label">
      <div className="balance-label">
        <span id="total-balance-label">{t("dashboard.totalBalance")}</span>
        <button
          type="button"
          className="icon-btn on-dark"
          onClick={() => setVisible((value) => !value)}
          aria-pressed={visible}
          aria-label={visible ? t("dashboard.hideBalance") : t("dashboard.showBalance")}
        >
          <Icon name={visible ? "eyeOff" : "eye"} />
        </button>
      </div>
      {cards.isPending ? (
        <Spinner />
      ) : cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => cards.refetch()} />
      ) : (
        <Money
          className="balance-value"
          value={sumSom(cards.data.map((card) => card.balance))}
          hidden={!visible}
        />
      )}
    </section>
  );
}
