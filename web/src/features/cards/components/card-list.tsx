import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";
import { useCards } from "../api/cards";
import { BankCardView } from "./bank-card";
import { CardFreezeNotice } from "./card-freeze-notice";
import { CardStatusButton } from "./card-status-button";
import { OpenCardButton } from "./open-card-button";

/**
 * Every card with its freeze/activate action and why it cannot pay when it is
 * not activated or frozen, then the button to open another; or, with no cards,
 * one invitation to open the first.
 */
export function CardList({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const cards = useCards();
  if (cards.isPending) return <Spinner />;
  if (cards.isError) return <ErrorState error={cards.error} onRetry={() => cards.refetch()} />;
  if (cards.data.length === 0) {
    return (
      <EmptyState
        title={t("cards.emptyTitle")}
        text={t("cards.emptyText")}
        action={<OpenCardButton />}
      />
    );
  }
  const list = (
    <ul className={compact ? "card-strip" : "card-grid"}>
      {cards.data.map((card) => (
        <li key={card.id}>
          <BankCardView card={card} link />
          {!compact && (
            <>
              <CardFreezeNotice card={card} />
              <CardStatusButton card={card} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
  if (compact) return list;
  return (
    <div className="stack">
      {list}
      <OpenCardButton />
    </div>
  );
}
